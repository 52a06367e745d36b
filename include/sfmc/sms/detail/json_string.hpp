// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_STRING_HPP
#define SFMC_SMS_DETAIL_JSON_STRING_HPP

#include <sfmc/sms/detail/config.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Appends `s` as a JSON string (RFC 8259 section 7): quotes, backslash and control
// characters escaped; the rest, already valid UTF-8, as it is. Written by hand rather than
// through Boost.JSON's DOM, whose headers would make <sfmc/sms.hpp> markedly slower to compile;
// tests/token_request.cpp proves it against Boost.JSON's parser.
inline void append_json_string(std::string& out, std::string_view s)
{
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0; // where the run of characters that need no escape began
    std::size_t i = 0;
    // Eight bytes at a time while none needs an escape (most text): a byte below 0x20, a
    // quote or a backslash shows as a high bit in `flags` (the usual bit tricks for "has a
    // byte less than n" and "has a zero byte" after XOR).
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        auto const quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
        auto const flags =
            (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & highs;
        if (flags)
            break;
    }
    for (; i < s.size(); ++i) {
        auto const c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + plain, i - plain); // runs go in whole, not a character at a time
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out.append("\\u00").append(1, hex[c >> 4]).append(1, hex[c & 0xF]);
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out += '"';
}

} // namespace sfmc::sms::detail

#endif
