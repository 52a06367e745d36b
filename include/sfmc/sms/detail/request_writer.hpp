// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_REQUEST_WRITER_HPP
#define SFMC_SMS_DETAIL_REQUEST_WRITER_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/message_key.hpp>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Builds an http_request in one buffer, in place: the caller names its request, writes the
// pieces in order (authority, target, headers, body), calls finish() and returns the
// request by name, so it is never copied. `capacity` bounds the text after the authority:
// the buffer is sized once, written through a pointer (std::string::append per piece was a
// measurable part of building a request: bench/, build/ours/*) and cut to size at the end.
class request_writer {
public:
    // The authority comes first: the host is part of it, and the Host header all of it.
    request_writer(http_request& into, std::string_view method, endpoint const& ep, std::size_t capacity)
        : req_(into)
    {
        req_.method_ = method;
        req_.scheme_ = ep.scheme();
        req_.port_ = ep.port();
        req_.text_.resize(ep.authority().size() + capacity);
        end_ = req_.text_.data();
        authority_ = append_span(ep.authority());
        req_.host_ = {ep.authority().starts_with('[') ? 1u : 0u, static_cast<std::uint32_t>(ep.host().size())};
        target_begin_ = size();
    }

    request_writer(request_writer const&) = delete;
    request_writer& operator=(request_writer const&) = delete;

    void append(std::string_view s)
    {
        if (s.empty()) // an empty view may have no data: memcpy must not see it
            return;
        make_room(s.size());
        std::memcpy(end_, s.data(), s.size());
        end_ += s.size();
    }

    // The room `append_segment(s)` may take: every byte escaped.
    static constexpr std::size_t segment_room(std::string_view s) noexcept { return 3 * s.size(); }

    // `s` as one percent-encoded path segment (encode_path_segment), in one pass over `s`.
    void append_segment(std::string_view s)
    {
        make_room(segment_room(s));
        end_ = encode_path_segment(s, end_, room());
    }

    // Ends the target: everything written since the authority.
    void end_target() noexcept { req_.target_ = since(target_begin_); }

    void add_host_header() noexcept { add_field("Host", authority_); }

    void add_header(std::string_view literal_name, std::string_view value)
    {
        add_field(literal_name, append_span(value));
    }

    // The room `add_bearer` takes.
    static std::size_t bearer_size(access_token const& token) noexcept { return bearer.size() + token.reveal().size(); }

    // `Authorization: Bearer {token}`, the one place a request takes the token.
    void add_bearer(access_token const& token)
    {
        auto const at = size();
        append(bearer);
        append(token.reveal());
        add_field("Authorization", since(at));
    }

    void set_body(std::string_view body) { req_.body_ = append_span(body); }

    // Cuts the text to what was written (the capacity stays: nothing is allocated).
    void finish() { req_.text_.resize(size()); }

private:
    static constexpr std::string_view bearer = "Bearer ";

    std::size_t size() const noexcept { return static_cast<std::size_t>(end_ - req_.text_.data()); }
    std::size_t room() const noexcept { return req_.text_.size() - size(); }

    // A capacity too small is the caller's bug (asserted), but never a write out of bounds:
    // the buffer then grows, which costs an allocation and nothing else.
    void make_room(std::size_t n)
    {
        assert(n <= room());
        if (n > room()) {
            auto const at = size();
            req_.text_.resize(at + n);
            end_ = req_.text_.data() + at;
        }
    }

    void add_field(std::string_view literal_name, http_request::span value) noexcept
    {
        auto& slots = req_.headers_;
        assert(slots.count < http_request::max_headers);
        slots.items[slots.count++] = {literal_name.data(), static_cast<std::uint32_t>(literal_name.size()), value};
    }
    http_request::span append_span(std::string_view s)
    {
        auto const at = size();
        append(s);
        return since(at);
    }
    http_request::span since(std::size_t at) const noexcept
    {
        return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(size() - at)};
    }

    http_request& req_;
    char* end_ = nullptr;
    http_request::span authority_;
    std::size_t target_begin_ = 0;
};

} // namespace sfmc::sms::detail

#endif
