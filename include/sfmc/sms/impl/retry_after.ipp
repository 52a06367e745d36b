// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_RETRY_AFTER_IPP
#define SFMC_SMS_IMPL_RETRY_AFTER_IPP

// retry_after.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/retry_after.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <boost/url/grammar/digit_chars.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <string_view>

namespace sfmc::sms {

namespace detail {

constexpr int month_index(std::string_view m) noexcept
{
    constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == m)
            return static_cast<int>(i) + 1;
    return 0;
}

// "08:49:37" → seconds since midnight.
inline std::optional<int> parse_clock(std::string_view s) noexcept
{
    if (s.size() != 8 || s[2] != ':' || s[5] != ':')
        return std::nullopt;
    auto const h = parse_small_uint(s.substr(0, 2)), m = parse_small_uint(s.substr(3, 2)),
               sec = parse_small_uint(s.substr(6, 2));
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60)
        return std::nullopt;
    return *h * 3600 + *m * 60 + *sec;
}

// RFC 9110 section 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms that a
// recipient must still accept.
inline std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view s) noexcept
{
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0;
    std::string_view clock;
    auto const comma = s.find(',');
    if (comma != std::string_view::npos) {
        auto rest = s.substr(comma + 1);
        if (rest.size() == 25 && rest[0] == ' ' && rest[3] == ' ' && rest[7] == ' ' && rest[12] == ' ' &&
            rest.substr(21) == " GMT") {
            // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
            d = parse_small_uint(rest.substr(1, 2)).value_or(0);
            mo = month_index(rest.substr(4, 3));
            y = parse_small_uint(rest.substr(8, 4)).value_or(0);
            clock = rest.substr(13, 8);
        } else if (rest.size() == 23 && rest[0] == ' ' && rest[3] == '-' && rest[7] == '-' && rest[10] == ' ' &&
                   rest.substr(19) == " GMT") {
            // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year is read as the
            // nearest century: 70-99 are 19xx, the rest 20xx.
            d = parse_small_uint(rest.substr(1, 2)).value_or(0);
            mo = month_index(rest.substr(4, 3));
            auto const yy = parse_small_uint(rest.substr(8, 2));
            y = yy ? (*yy >= 70 ? 1900 + *yy : 2000 + *yy) : 0;
            clock = rest.substr(11, 8);
        }
    } else if (s.size() == 24 && s[3] == ' ' && s[7] == ' ' && s[10] == ' ' && s[19] == ' ') {
        // asctime: "Sun Nov  6 08:49:37 1994"
        mo = month_index(s.substr(4, 3));
        d = parse_small_uint(trim_ows(s.substr(8, 2))).value_or(0);
        clock = s.substr(11, 8);
        y = parse_small_uint(s.substr(20, 4)).value_or(0);
    }
    auto const secs = parse_clock(clock);
    year_month_day const date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!secs || y == 0 || !date.ok())
        return std::nullopt;
    return sys_days{date} + seconds{*secs};
}

} // namespace detail

SFMC_SMS_DECL std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::optional<std::chrono::system_clock::time_point> now) noexcept
{
    using namespace std::chrono;
    value = detail::trim_ows(value);
    if (!value.empty() && boost::urls::grammar::digit_chars(value.front())) {
        std::int64_t n = 0;
        for (char c : value) {
            if (!boost::urls::grammar::digit_chars(c))
                return std::nullopt;
            n = std::min<std::int64_t>(n * 10 + (c - '0'), max_retry_after.count());
        }
        return seconds{n};
    }
    auto const date = detail::parse_http_date(value);
    if (!date || !now)
        return std::nullopt;
    // In seconds: a far date in nanoseconds would overflow.
    auto const wait = *date - floor<seconds>(*now);
    return std::clamp(wait, seconds{0}, max_retry_after);
}

} // namespace sfmc::sms

#endif
