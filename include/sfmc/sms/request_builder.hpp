// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_REQUEST_BUILDER_HPP
#define SFMC_SMS_REQUEST_BUILDER_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/message_key.hpp>

#include <boost/assert.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sfmc::sms {

namespace detail {
// Not constexpr: reaching it while a `http_name` is checked stops the compilation there.
inline void http_name_must_be_an_rfc9110_token() {}
} // namespace detail

/** A method or header name, checked when the program compiles: an RFC 9110 token
    (letters, digits and the punctuation RFC 9110 section 5.6.2 lists as `tchar`).

    Made only from a string literal, so a name can never come from data: no request the
    builder writes can be split by a name.
*/
class http_name {
public:
    /// `literal` as a name; a compile error unless it is a token.
    template <std::size_t N>
    consteval http_name(char const (&literal)[N]) : text_(literal, N - 1)
    {
        if (text_.empty())
            detail::http_name_must_be_an_rfc9110_token();
        for (char c : text_)
            if (!is_token_char(c))
                detail::http_name_must_be_an_rfc9110_token();
    }

    /// The name.
    constexpr std::string_view text() const noexcept { return text_; }

private:
    static constexpr bool is_token_char(char c) noexcept
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    }

    std::string_view text_;
};

/** Builds an `http_request`: the way every route, the library's and yours, writes its request.

    A route's `make_request` names its request, makes a builder that writes into it with the
    method and the endpoint (which gives the scheme, the host, the `Host` header and the base
    path in front of the target), adds the pieces, calls `finish()` and returns the request by
    name, so that it is written in place and never copied:
    | call | writes |
    |------|--------|
    | `path(text)` | route text such as `"/messaging/v1/sms/messages/"`; any byte a path may not hold (`%`, `?`, `#`, space, non-ASCII) percent-encoded, so it can never end the path |
    | `segment(s)` | `s` as exactly one path segment: `/` and everything but RFC 3986's unreserved characters percent-encoded, `.` and `..` too |
    | `query(name, value)` | `?name=value`, then `&name=value`; each percent-encoded so that it cannot end its part (`&`, `=`, `+`, `#`) |
    | `header(name, value)` | a header; the name is an @ref http_name, the value's CR, LF, NUL and other control characters (but tab) are sent as spaces (RFC 9110 section 5.5), so no value splits the request |
    | `bearer(token)` | `Authorization: Bearer {token}`, the value printing a request redacts |
    | `body(type, bytes)`, `json_body(text)` | `Content-Type` and the body |
    Target pieces may come before or after headers (the target is kept whole either way); at
    most `http_request::max_headers` headers, `Host` included. Nothing here fails: what a route
    must refuse (an empty id, a value out of range) it refuses in its `validate()`, before
    anything is built.

    All the request's text is one buffer, allocated once when `size_hint` covers what is
    written after the authority (the library's own routes compute it; the `*_room` functions
    help), and grown otherwise.

    @par Example
    @code
    sfmc::sms::http_request make_request(sfmc::sms::endpoint const& rest, sfmc::sms::access_token const& token) const
    {
        sfmc::sms::http_request req;
        sfmc::sms::request_builder(req, "POST", rest)
            .path("/messaging/v1/sms/messages/")
            .segment(key.value())
            .bearer(token)
            .header("Accept", "application/json")
            .json_body(body)
            .finish();
        return req;
    }
    @endcode
*/
class request_builder {
public:
    /// Writes into `into` (made anew) a request `method` to `base`, its `Host` header written;
    /// `size_hint` bytes reserved for the rest. `into` must outlive the builder.
    request_builder(http_request& into, http_name method, endpoint const& base, std::size_t size_hint = 256)
        : req_(into)
    {
        req_.headers_.count = 0;
        req_.body_ = {};
        req_.method_ = method.text();
        req_.scheme_ = base.scheme();
        req_.port_ = base.port();
        req_.text_.resize(base.authority().size() + base.base_path().size() + size_hint);
        auto const authority = append(base.authority());
        req_.host_ = {base.authority().starts_with('[') ? 1u : 0u, static_cast<std::uint32_t>(base.host().size())};
        add_field("Host", authority);
        target_begin_ = size_;
        // The endpoint's base path is already in its normal, encoded form (endpoint::from_url).
        append_target(base.base_path());
    }

    request_builder(request_builder const&) = delete;
    request_builder& operator=(request_builder const&) = delete;

    /// Appends route text to the path, encoding what a path may not hold.
    request_builder& path(std::string_view text)
    {
        if (target_end_ == size_ && is_path_text(text)) // route text, in order: copied whole
            append_target(text);
        else
            add_to_target(text, charset::path);
        return *this;
    }
    /// Appends `s` as one path segment.
    request_builder& segment(std::string_view s)
    {
        if (target_end_ == size_) { // in order: encoded in place, in one pass
            char* const out = make_room(path_room(s));
            size_ += static_cast<std::size_t>(encode_path_segment(s, out, path_room(s)) - out);
            target_end_ = size_;
        } else {
            add_to_target(s, charset::segment);
        }
        return *this;
    }
    /// Appends `name=value` to the query.
    SFMC_SMS_DECL request_builder& query(std::string_view name, std::string_view value);
    /// Adds a header.
    request_builder& header(http_name name, std::string_view value)
    {
        auto const at = append(value);
        // RFC 9110 section 5.5: CR, LF and NUL may not be in a value; other controls but tab
        // are not field characters either. As spaces they cannot end the header. The test is
        // branch-free over the caller's bytes (a byte loop that may store was a quarter of the
        // time to build a request: bench/, build/ours/*); the rare value that has one is mended.
        bool has_control = false;
        for (char c : value)
            has_control |= is_control(c);
        if (has_control)
            for (auto *c = req_.text_.data() + at.offset, *end = c + at.size; c != end; ++c)
                if (is_control(*c))
                    *c = ' ';
        add_field(name.text(), at);
        return *this;
    }
    /// Adds `Authorization: Bearer {token}`.
    request_builder& bearer(access_token const& token)
    {
        // The one place a request takes the token; access_token holds visible ASCII only.
        auto const at = append("Bearer ");
        append(token.reveal());
        add_field("Authorization", {at.offset, static_cast<std::uint32_t>(size_ - at.offset)});
        return *this;
    }
    /// Adds `Content-Type: {content_type}` and sets the body.
    request_builder& body(std::string_view content_type, std::string_view bytes)
    {
        header("Content-Type", content_type);
        req_.body_ = append(bytes);
        return *this;
    }
    /// `body("application/json", json)`.
    request_builder& json_body(std::string_view json) { return body("application/json", json); }

    /// Ends the request: the target is set, the text cut to what was written (nothing is
    /// allocated). The builder is done with it.
    void finish() noexcept
    {
        req_.target_ = {static_cast<std::uint32_t>(target_begin_), static_cast<std::uint32_t>(target_end_ - target_begin_)};
        req_.text_.resize(size_);
    }

    /// The most `path(text)` or `segment(s)` may write: every byte encoded.
    static constexpr std::size_t path_room(std::string_view s) noexcept { return 3 * s.size(); }
    /// The most `query(name, value)` may write.
    static constexpr std::size_t query_room(std::string_view name, std::string_view value) noexcept
    {
        return 2 + 3 * (name.size() + value.size());
    }
    /// What `bearer(token)` writes.
    static std::size_t bearer_room(access_token const& token) noexcept { return 7 + token.reveal().size(); }

private:
    enum class charset { path, segment, query, raw };

    SFMC_SMS_DECL static bool is_path_text(std::string_view s) noexcept;
    SFMC_SMS_DECL void add_to_target(std::string_view s, charset set);
    SFMC_SMS_DECL void grow(std::size_t n);

    static constexpr bool is_control(char c) noexcept
    {
        auto const u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
    }

    http_request::span append(std::string_view s)
    {
        auto const at = size_;
        if (!s.empty()) { // an empty view may have no data: memcpy must not see it
            std::memcpy(make_room(s.size()), s.data(), s.size());
            size_ += s.size();
        }
        return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(s.size())};
    }
    // At most max_headers: more is the route's bug (asserted), and the extra ones are not sent.
    void add_field(std::string_view name, http_request::span value) noexcept
    {
        auto& slots = req_.headers_;
        BOOST_ASSERT_MSG(slots.count < http_request::max_headers, "more headers than http_request::max_headers");
        if (slots.count < http_request::max_headers)
            slots.items[slots.count++] = {name.data(), static_cast<std::uint32_t>(name.size()), value};
    }

    // Room for `n` more bytes; the buffer grows only when the hint was short.
    char* make_room(std::size_t n)
    {
        if (n > req_.text_.size() - size_)
            grow(n);
        return req_.text_.data() + size_;
    }
    void append_target(std::string_view s)
    {
        if (!s.empty()) // an empty view may have no data: memcpy must not see it
            std::memcpy(make_room(s.size()), s.data(), s.size());
        size_ += s.size();
        target_end_ = size_;
    }

    http_request& req_;
    std::size_t size_ = 0;         // bytes of req_.text_ written; the rest is room
    std::size_t target_begin_ = 0; // the target follows the authority
    std::size_t target_end_ = 0;   // where the next target piece goes
    bool has_query_ = false;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/request_builder.ipp>
#endif

#endif
