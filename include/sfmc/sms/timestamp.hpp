// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TIMESTAMP_HPP
#define SFMC_SMS_TIMESTAMP_HPP

#include <sfmc/sms/detail/config.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// The finest unit the API's timestamps carry: 7 fractional digits, 100 ns (.NET ticks).
using timestamp_duration = std::chrono::duration<std::int64_t, std::ratio<1, 10'000'000>>;
/// An instant in UTC, to the API's precision.
using utc_time = std::chrono::sys_time<timestamp_duration>;

/// The API's fixed offset: "Central Standard Time. Daylight saving time isn't applied."
inline constexpr std::chrono::hours api_utc_offset{-6};

/// A timestamp read from the API: the instant in UTC and how many fractional digits it had.
struct api_timestamp {
    /// The instant, in UTC.
    utc_time utc;
    /// How many fractional digits of a second the text had (0 to 7).
    int fraction_digits = 0;

    /// RFC 3339 in UTC with `Z`, with exactly the fractional digits received:
    /// "2018-08-03T19:41:18.55Z".
    std::string to_rfc3339() const;

    /// The same instant written with the same number of fractional digits.
    friend bool operator==(api_timestamp const&, api_timestamp const&) = default;
};

/** Reads a timestamp as the API sends it: `YYYY-MM-DDThh:mm:ss[.f{1,7}]` in UTC−6.

    The SDKs that treat this offset-less text as UTC are six hours off; this converts
    exactly, across day, month, year and leap-day boundaries, keeping every fractional
    digit. Should the API ever add an explicit `Z` or `±hh:mm`, that offset is honoured
    instead. Returns nullopt for anything else (an impossible date, 8 or more fractional
    digits, stray characters): an unreadable time is not a reason to lose the rest.

    @par Specification
    getSMSSendStatusForRecipient, field `timestamp`; RFC 3339 section 5.6.
*/
SFMC_SMS_DECL std::optional<api_timestamp> parse_api_timestamp(std::string_view s) noexcept;

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/timestamp.ipp>
#endif

#endif
