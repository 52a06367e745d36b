// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_NUMBER_HPP
#define SFMC_SMS_DETAIL_JSON_NUMBER_HPP

#include <sfmc/sms/detail/config.hpp>

#include <algorithm>
#include <charconv>
#include <limits>
#include <string_view>
#include <system_error>

namespace sfmc::sms::detail {

// The double nearest to a JSON number's text (RFC 8259 grammar, as Boost.JSON's parser
// accepted it); beyond double's range, infinity or zero with the number's sign.
//
// Why not the double Boost.JSON's parser hands over: 1.81 reads a number of more than 19
// significant digits approximately, and how depends on the bytes after it in the buffer
// (61.0476416006861600686858530 followed by ",\n  }" reads one unit in the last place apart
// from the same number followed by "}"), and it reads 0e860 as NaN. The event digests and the
// canonical text must not depend on the layout of a batch, so they take the value from here:
// std::from_chars rounds correctly and ignores the locale.
inline double json_number_value(std::string_view text) noexcept
{
    double value = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc::result_out_of_range)
        return value;
    // Out of range: overflow or underflow, by the number's decimal order (digits before the
    // point, less leading zeros after it, plus the exponent).
    bool const negative = !text.empty() && text.front() == '-';
    std::size_t i = negative ? 1 : 0;
    auto const digit = [&] { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    long order = 0;
    bool significant = false;
    for (; digit(); ++i)
        if (significant || text[i] != '0') {
            significant = true;
            ++order;
        }
    if (i < text.size() && text[i] == '.')
        for (++i; digit(); ++i)
            if (!significant) {
                significant = text[i] != '0';
                order -= significant ? 0 : 1;
            }
    long exponent = 0;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            negative_exponent = text[i++] == '-';
        for (; digit(); ++i)
            exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000L); // far past any double
    }
    double const magnitude = order + (negative_exponent ? -exponent : exponent) > 0
        ? std::numeric_limits<double>::infinity()
        : 0.0;
    return negative ? -magnitude : magnitude;
}

} // namespace sfmc::sms::detail

#endif
