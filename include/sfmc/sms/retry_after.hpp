// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_RETRY_AFTER_HPP
#define SFMC_SMS_RETRY_AFTER_HPP

#include <sfmc/sms/detail/config.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace sfmc::sms {

/// The longest delay a `Retry-After` can ask for; larger values are clamped to it.
inline constexpr std::chrono::seconds max_retry_after{std::chrono::days{1}};

/** The delay a `Retry-After` header asks for.

    Accepts delta-seconds ("5") and an HTTP-date, resolved against `now`: a date in the past
    means no wait. Without `now` a date cannot be resolved and gives nullopt, as does anything
    unreadable. Delays are clamped to @ref max_retry_after, so a hostile value cannot make a
    caller sleep for years.

    @par Specification
    RFC 9110 section 10.2.3 (Retry-After) and 5.6.7 (HTTP-date).
*/
SFMC_SMS_DECL std::optional<std::chrono::seconds> parse_retry_after(
    std::string_view value, std::optional<std::chrono::system_clock::time_point> now = std::nullopt) noexcept;

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/retry_after.ipp>
#endif

#endif
