// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_REQUEST_WRITER_HPP
#define SFMC_SMS_DETAIL_REQUEST_WRITER_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/http_request.hpp>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Builds an http_request in one buffer. Pieces are written in order: authority, target,
// headers, body; `capacity` bounds the text after the authority, so the buffer is
// allocated once.
struct request_writer {
    http_request req;

    // The authority comes first: the host is part of it, and the Host header all of it.
    request_writer(std::string_view method, endpoint const& ep, std::size_t capacity)
    {
        req.method_ = method;
        req.scheme_ = ep.scheme();
        req.port_ = ep.port();
        req.text_.reserve(ep.authority().size() + capacity);
        authority_ = append(ep.authority());
        req.host_ = {ep.authority().starts_with('[') ? 1u : 0u, static_cast<std::uint32_t>(ep.host().size())};
        begin_ = req.text_.size();
    }

    std::string& text() noexcept { return req.text_; }

    // Ends the target: everything written since the host.
    void end_target() { req.target_ = since(begin_); }

    void add_host_header()
    {
        assert(req.header_count_ < http_request::max_headers);
        req.fields_[req.header_count_++] = {"Host", authority_};
    }

    void add_header(std::string_view literal_name, std::string_view value)
    {
        assert(req.header_count_ < http_request::max_headers);
        req.fields_[req.header_count_++] = {literal_name, append(value)};
    }

    // The room `add_bearer` takes.
    static std::size_t bearer_size(access_token const& token) noexcept { return bearer.size() + token.reveal().size(); }

    // `Authorization: Bearer {token}`, the one place a request takes the token.
    void add_bearer(access_token const& token)
    {
        assert(req.header_count_ < http_request::max_headers);
        auto const at = req.text_.size();
        req.text_ += bearer;
        req.text_ += token.reveal();
        req.fields_[req.header_count_++] = {"Authorization", since(at)};
    }

    void set_body(std::string_view body) { req.body_ = append(body); }

private:
    static constexpr std::string_view bearer = "Bearer ";

    http_request::span append(std::string_view s)
    {
        auto const at = req.text_.size();
        req.text_ += s;
        return since(at);
    }
    http_request::span since(std::size_t at) const noexcept
    {
        return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(req.text_.size() - at)};
    }
    http_request::span authority_;
    std::size_t begin_ = 0;
};

} // namespace sfmc::sms::detail

#endif
