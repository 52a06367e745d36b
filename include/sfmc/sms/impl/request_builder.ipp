// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_REQUEST_BUILDER_IPP
#define SFMC_SMS_IMPL_REQUEST_BUILDER_IPP

// request_builder.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/detail/byte_table.hpp>
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
inline constexpr byte_table path_text_chars{boost::urls::pchars + '/'};
// What a query name or value keeps: the query's characters but those that end a part.
inline constexpr byte_table query_part_chars{boost::urls::pchars + '/' + '?' - boost::urls::grammar::lut_chars("&=+")};
// Upper-case hex digits: RFC 3986 section 2.1 says producers should use them.
inline boost::urls::encoding_opts upper_hex() noexcept
{
    return boost::urls::encoding_opts(/*space_as_plus=*/false, /*lower_case=*/false);
}

} // namespace detail

SFMC_SMS_DECL void request_builder::grow(std::size_t n)
{
    req_.text_.resize(std::max(size_ + n, 2 * req_.text_.size()));
}

SFMC_SMS_DECL bool request_builder::is_path_text(std::string_view s) noexcept
{
    return std::all_of(s.begin(), s.end(), [](char c) { return detail::path_text_chars(c); });
}

SFMC_SMS_DECL void request_builder::add_to_target(std::string_view s, charset set)
{
    auto encode = [&](char* out, std::size_t room) -> std::size_t {
        switch (set) {
        case charset::segment: return static_cast<std::size_t>(encode_path_segment(s, out, room) - out);
        case charset::path: return boost::urls::encode(out, room, s, detail::path_text_chars, detail::upper_hex());
        case charset::query: return boost::urls::encode(out, room, s, detail::query_part_chars, detail::upper_hex());
        case charset::raw:
            if (!s.empty())
                std::memcpy(out, s.data(), s.size());
            return s.size();
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

SFMC_SMS_DECL request_builder& request_builder::query(std::string_view name, std::string_view value)
{
    add_to_target(has_query_ ? "&" : "?", charset::raw); // the separators, never encoded
    has_query_ = true;
    add_to_target(name, charset::query);
    add_to_target("=", charset::raw);
    add_to_target(value, charset::query);
    return *this;
}

} // namespace sfmc::sms

#endif
