// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_MESSAGE_KEY_IPP
#define SFMC_SMS_IMPL_MESSAGE_KEY_IPP

// The definition of message_key.hpp's heavy part (percent-encoding by Boost.URL): inline in
// header-only mode, compiled once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/detail/byte_table.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace sfmc::sms {
namespace detail {

inline constexpr byte_table unreserved_bytes{boost::urls::unreserved_chars};

} // namespace detail

SFMC_SMS_DECL std::size_t encoded_path_segment_size(std::string_view s) noexcept
{
    if (s == "." || s == "..")
        return 3 * s.size();
    return boost::urls::encoded_size(s, detail::unreserved_bytes);
}

SFMC_SMS_DECL char* encode_path_segment(std::string_view s, char* out, std::size_t size) noexcept
{
    if (s == "." || s == "..") {
        for (std::size_t i = 0; i < s.size() && size >= 3; ++i, size -= 3)
            out = std::copy_n("%2E", 3, out);
        return out;
    }
    // Upper-case hex digits: RFC 3986 section 2.1 says producers should use them.
    boost::urls::encoding_opts const upper_hex(/*space_as_plus=*/false, /*lower_case=*/false);
    return out + boost::urls::encode(out, size, s, detail::unreserved_bytes, upper_hex);
}

SFMC_SMS_DECL result<message_key> message_key::make(std::string_view utf8)
{
    if (utf8.empty())
        return error::key_empty;
    auto const n = detail::utf8_code_points(utf8);
    if (!n)
        return error::key_not_utf8;
    if (*n > max_code_points)
        return error::key_too_long;
    return message_key(utf8);
}

SFMC_SMS_DECL std::string message_key::encoded() const
{
    std::string out(encoded_path_segment_size(value()), '\0');
    encode_path_segment(value(), out.data(), out.size());
    return out;
}

} // namespace sfmc::sms

#endif
