// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_REQUEST_BUILDER_IPP
#define SFMC_SMS_IMPL_REQUEST_BUILDER_IPP

// request_builder.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/message_key.hpp>

#include <boost/assert.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/pchars.hpp>

#include <algorithm>
#include <cstring>

namespace sfmc::sms {
namespace detail {

// What a path piece keeps as it is: pchar and '/' (RFC 3986 section 3.3).
inline constexpr auto path_text_chars = boost::urls::pchars + '/';
// What a query name or value keeps: the query's characters but those that end a part.
inline constexpr auto query_part_chars =
    boost::urls::pchars + '/' + '?' - boost::urls::grammar::lut_chars("&=+");
// Upper-case hex digits: RFC 3986 section 2.1 says producers should use them.
inline boost::urls::encoding_opts upper_hex() noexcept
{
    return boost::urls::encoding_opts(/*space_as_plus=*/false, /*lower_case=*/false);
}

} // namespace detail

SFMC_SMS_DECL request_builder::request_builder(http_name method, endpoint const& base, std::size_t size_hint)
{
    req_.method_ = method.text();
    req_.scheme_ = base.scheme();
    req_.port_ = base.port();
    req_.text_.resize(base.authority().size() + base.base_path().size() + size_hint);
    auto const authority = append(base.authority());
    req_.host_ = {base.authority().starts_with('[') ? 1u : 0u, static_cast<std::uint32_t>(base.host().size())};
    add_field("Host", authority);
    target_begin_ = size_;
    target_end_ = size_;
    path(base.base_path());
}

SFMC_SMS_DECL char* request_builder::make_room(std::size_t n)
{
    if (n > req_.text_.size() - size_)
        req_.text_.resize(std::max(size_ + n, 2 * req_.text_.size()));
    return req_.text_.data() + size_;
}

SFMC_SMS_DECL http_request::span request_builder::append(std::string_view s)
{
    auto const at = size_;
    if (!s.empty()) { // an empty view may have no data: memcpy must not see it
        std::memcpy(make_room(s.size()), s.data(), s.size());
        size_ += s.size();
    }
    return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(s.size())};
}

SFMC_SMS_DECL void request_builder::add_to_target(std::string_view s, charset set)
{
    auto encode = [&](char* out, std::size_t room) -> std::size_t {
        switch (set) {
        case charset::segment: return static_cast<std::size_t>(encode_path_segment(s, out, room) - out);
        case charset::path: return boost::urls::encode(out, room, s, detail::path_text_chars, detail::upper_hex());
        case charset::query: return boost::urls::encode(out, room, s, detail::query_part_chars, detail::upper_hex());
        case charset::raw: std::memcpy(out, s.data(), s.size()); return s.size();
        }
        return 0;
    };
    if (target_end_ == size_) { // the usual order, target first: encode in place, one pass
        auto const n = encode(make_room(path_room(s)), path_room(s));
        size_ += n;
        target_end_ = size_;
        return;
    }
    // A piece after headers or the body: make a gap at the target's end and move what
    // follows (and the spans that point there) past it.
    std::size_t n = 0;
    switch (set) {
    case charset::segment: n = encoded_path_segment_size(s); break;
    case charset::path: n = boost::urls::encoded_size(s, detail::path_text_chars, detail::upper_hex()); break;
    case charset::query: n = boost::urls::encoded_size(s, detail::query_part_chars, detail::upper_hex()); break;
    case charset::raw: n = s.size(); break;
    }
    make_room(n);
    char* gap = req_.text_.data() + target_end_;
    std::memmove(gap + n, gap, size_ - target_end_);
    encode(gap, n);
    auto const moved = [&](http_request::span& sp) {
        if (sp.offset >= target_end_)
            sp.offset += static_cast<std::uint32_t>(n);
    };
    for (std::size_t i = 0; i != req_.headers_.count; ++i)
        moved(req_.headers_.items[i].value);
    moved(req_.body_);
    size_ += n;
    target_end_ += n;
}

SFMC_SMS_DECL request_builder& request_builder::path(std::string_view text)
{
    add_to_target(text, charset::path);
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::segment(std::string_view s)
{
    add_to_target(s, charset::segment);
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::query(std::string_view name, std::string_view value)
{
    add_to_target(has_query_ ? "&" : "?", charset::raw); // the separators, never encoded
    has_query_ = true;
    add_to_target(name, charset::query);
    add_to_target("=", charset::raw);
    add_to_target(value, charset::query);
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::header(http_name name, std::string_view value)
{
    auto const at = append(value);
    // RFC 9110 section 5.5: CR, LF and NUL may not be in a value; other controls but tab
    // are not field characters either. As spaces they cannot end the header.
    for (auto* c = req_.text_.data() + at.offset, *end = c + at.size; c != end; ++c)
        if ((static_cast<unsigned char>(*c) < 0x20 && *c != '\t') || *c == 0x7f)
            *c = ' ';
    add_field(name.text(), at);
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::bearer(access_token const& token)
{
    // The one place a request takes the token; access_token holds visible ASCII only.
    auto const at = append("Bearer ");
    append(token.reveal());
    add_field("Authorization", {at.offset, static_cast<std::uint32_t>(size_ - at.offset)});
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::body(std::string_view content_type, std::string_view bytes)
{
    header("Content-Type", content_type);
    req_.body_ = append(bytes);
    return *this;
}

SFMC_SMS_DECL request_builder& request_builder::json_body(std::string_view json)
{
    return body("application/json", json);
}

SFMC_SMS_DECL http_request request_builder::finish()
{
    req_.target_ = {static_cast<std::uint32_t>(target_begin_), static_cast<std::uint32_t>(target_end_ - target_begin_)};
    req_.text_.resize(size_); // the capacity stays: nothing is allocated
    http_request out = std::move(req_);
    req_ = {};
    size_ = target_begin_ = target_end_ = 0;
    has_query_ = false;
    return out;
}

SFMC_SMS_DECL void request_builder::add_field(std::string_view name, http_request::span value)
{
    auto& slots = req_.headers_;
    BOOST_ASSERT_MSG(slots.count < http_request::max_headers, "more headers than http_request::max_headers");
    if (slots.count < http_request::max_headers)
        slots.items[slots.count++] = {name.data(), static_cast<std::uint32_t>(name.size()), value};
}

} // namespace sfmc::sms

#endif
