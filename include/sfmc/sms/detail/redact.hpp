// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_REDACT_HPP
#define SFMC_SMS_DETAIL_REDACT_HPP

#include <sfmc/sms/detail/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// The longest a secret of `size` bytes can be once a server has escaped it for JSON: each
// byte as `\u00XX`.
constexpr std::size_t escaped_size(std::size_t size) noexcept
{
    return 6 * size;
}

// Replaces every occurrence of `secret` in `text` by "[redacted]": as it is, and as a server
// may echo it inside JSON text, with any of its ASCII characters escaped (`\/`, `\"`, `\\`,
// `\u002B`, `\u002b`), as .NET and PHP serializers write them.
//
// Written by hand: neither Boost.JSON nor the standard library finds a string in its
// escaped forms. Linear in `text` for a match that fails at its first byte; at worst
// `text.size() * secret.size()` steps, for the bounded texts a failure keeps.
inline void redact_text(std::string& text, std::string_view secret)
{
    if (secret.empty() || text.size() < secret.size())
        return;
    auto const hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    // The bytes of `text` from `at` that spell `c`: itself, or one of its escapes; 0 for none.
    auto const spelled = [&](std::size_t at, char c) -> std::size_t {
        if (text[at] == c)
            return 1;
        if (text[at] != '\\' || at + 1 >= text.size() || static_cast<unsigned char>(c) >= 0x80)
            return 0;
        if (text[at + 1] == c && (c == '/' || c == '"' || c == '\\'))
            return 2;
        if (text[at + 1] != 'u' || at + 6 > text.size())
            return 0;
        int value = 0;
        for (std::size_t i = at + 2; i < at + 6; ++i) {
            int const digit = hex(text[i]);
            if (digit < 0)
                return 0;
            value = value * 16 + digit;
        }
        return value == static_cast<unsigned char>(c) ? 6 : 0;
    };
    constexpr std::string_view marker = "[redacted]";
    std::string out;
    std::size_t copied = 0; // text[0, copied) is in `out` already
    for (std::size_t start = 0; start < text.size();) {
        // What an earlier redaction wrote is never redacted again: the text is redacted once
        // for each secret, and a short secret may be a letter of the marker.
        if (std::string_view(text).substr(start, marker.size()) == marker) {
            start += marker.size();
            continue;
        }
        std::size_t at = start;
        std::size_t matched = 0;
        while (matched < secret.size() && at < text.size()) {
            auto const n = spelled(at, secret[matched]);
            if (n == 0)
                break;
            at += n;
            ++matched;
        }
        if (matched < secret.size()) {
            ++start;
            continue;
        }
        out.append(text, copied, start - copied).append(marker);
        copied = start = at;
    }
    if (copied == 0)
        return; // nothing found: `text` unchanged, nothing copied
    out.append(text, copied, std::string::npos);
    text.swap(out);
}

} // namespace sfmc::sms::detail

#endif
