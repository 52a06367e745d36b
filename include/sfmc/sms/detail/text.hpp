// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_TEXT_HPP
#define SFMC_SMS_DETAIL_TEXT_HPP

#include <sfmc/sms/detail/config.hpp>

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/grammar/digit_chars.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// Small ASCII and UTF-8 helpers. Nothing here depends on the locale. Character classes and
// case-insensitive compares are Boost.URL's (RFC 3986 grammar); only what it lacks is here.
namespace sfmc::sms::detail {

using boost::urls::grammar::ci_is_equal;
using boost::urls::grammar::to_lower;

// Visible ASCII: what may appear in a header value without ending or splitting it.
constexpr bool is_visible_ascii(char c) noexcept { return c > 0x20 && c < 0x7f; }

constexpr std::string_view trim_ows(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Parses exactly `s` as a decimal number of at most 9 digits: no sign, no space.
inline std::optional<std::int32_t> parse_small_uint(std::string_view s) noexcept
{
    std::int32_t v = 0;
    if (s.empty() || s.size() > 9 || !boost::urls::grammar::digit_chars(s.front()))
        return std::nullopt;
    auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Counts the code points of well-formed UTF-8 (RFC 3629 section 4: no overlong forms, no
// surrogates, nothing above U+10FFFF); nullopt when `s` is not well-formed.
constexpr std::optional<std::size_t> utf8_code_points(std::string_view s) noexcept
{
    std::size_t count = 0;
    std::size_t i = 0;
    std::size_t const n = s.size();
    auto const at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    auto const is_cont = [](unsigned char c) { return (c & 0xC0) == 0x80; };
    while (i < n) {
        unsigned char const b = at(i);
        if (b < 0x80) { // the common case: one comparison a byte
            ++i;
        } else if (b >= 0xC2 && b <= 0xDF) {
            if (i + 1 >= n || !is_cont(at(i + 1)))
                return std::nullopt;
            i += 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= n || !is_cont(at(i + 1)) || !is_cont(at(i + 2)))
                return std::nullopt;
            unsigned char const b1 = at(i + 1);
            if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) // overlong, surrogate
                return std::nullopt;
            i += 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= n || !is_cont(at(i + 1)) || !is_cont(at(i + 2)) || !is_cont(at(i + 3)))
                return std::nullopt;
            unsigned char const b1 = at(i + 1);
            if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) // overlong, above U+10FFFF
                return std::nullopt;
            i += 4;
        } else {
            return std::nullopt;
        }
        ++count;
    }
    return count;
}

} // namespace sfmc::sms::detail

#endif
