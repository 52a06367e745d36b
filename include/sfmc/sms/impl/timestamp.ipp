// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TIMESTAMP_IPP
#define SFMC_SMS_IMPL_TIMESTAMP_IPP

// timestamp.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/timestamp.hpp>

#include <boost/url/grammar/digit_chars.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms {

SFMC_SMS_DECL std::optional<api_timestamp> parse_api_timestamp(std::string_view s) noexcept
{
    using namespace std::chrono;
    // The number in the `len` digits at `at`, or -1.
    auto const num = [&](std::size_t at, std::size_t len) -> int {
        if (at + len > s.size())
            return -1;
        int v = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (!boost::urls::grammar::digit_chars(s[i]))
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    auto const at_is = [&](std::size_t at, char c) { return at < s.size() && s[at] == c; };
    if (s.size() < 19 || !at_is(4, '-') || !at_is(7, '-') || !at_is(10, 'T') || !at_is(13, ':') || !at_is(16, ':'))
        return std::nullopt;
    int const y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), sec = num(17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return std::nullopt;
    year_month_day const date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return std::nullopt;

    std::size_t i = 19;
    int digits = 0;
    std::int64_t ticks = 0;
    if (at_is(i, '.')) {
        ++i;
        while (i < s.size() && boost::urls::grammar::digit_chars(s[i])) {
            if (++digits > 7)
                return std::nullopt;
            ticks = ticks * 10 + (s[i++] - '0');
        }
        if (digits == 0)
            return std::nullopt;
        for (int k = digits; k < 7; ++k)
            ticks *= 10;
    }

    minutes offset = api_utc_offset;
    if (i < s.size()) {
        auto const zone = s.substr(i);
        if (zone == "Z") {
            offset = minutes{0};
        } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
            int const oh = num(i + 1, 2), om = num(i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59)
                return std::nullopt;
            offset = hours{oh} + minutes{om};
            if (zone[0] == '-')
                offset = -offset;
        } else {
            return std::nullopt;
        }
    }
    auto const local = sys_days{date} + hours{h} + minutes{mi} + seconds{sec} + timestamp_duration{ticks};
    auto const utc = time_point_cast<timestamp_duration>(local - offset);
    // RFC 3339 has four-digit years: an instant the offset moves outside them is unreadable.
    constexpr sys_days first_day = year{0} / 1 / 1, past_last_day = year{10000} / 1 / 1;
    if (utc < first_day || utc >= past_last_day)
        return std::nullopt;
    return api_timestamp{utc, digits};
}

SFMC_SMS_DECL std::string api_timestamp::to_rfc3339() const
{
    using namespace std::chrono;
    auto const day_start = floor<days>(utc);
    year_month_day const date{day_start};
    auto const in_day = utc - day_start;
    auto const ticks = in_day.count();
    constexpr std::int64_t per_second = 10'000'000;
    std::int64_t const secs = ticks / per_second;
    std::int64_t frac = ticks % per_second;

    char buf[40];
    char* p = buf;
    auto const put = [&](std::int64_t v, int width) {
        for (int k = width - 1; k >= 0; --k) {
            p[k] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        p += width;
    };
    put(static_cast<int>(date.year()), 4); // 0 to 9999: parse_api_timestamp makes no other
    *p++ = '-';
    put(static_cast<unsigned>(date.month()), 2);
    *p++ = '-';
    put(static_cast<unsigned>(date.day()), 2);
    *p++ = 'T';
    put(secs / 3600, 2);
    *p++ = ':';
    put(secs / 60 % 60, 2);
    *p++ = ':';
    put(secs % 60, 2);
    if (fraction_digits > 0 && fraction_digits <= 7) {
        *p++ = '.';
        for (int k = fraction_digits; k < 7; ++k)
            frac /= 10;
        put(frac, fraction_digits);
    }
    *p++ = 'Z';
    return std::string(buf, p);
}

} // namespace sfmc::sms

#endif
