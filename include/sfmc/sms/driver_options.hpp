// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DRIVER_OPTIONS_HPP
#define SFMC_SMS_DRIVER_OPTIONS_HPP

#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/retry_policy.hpp>

#include <chrono>
#include <functional>

namespace sfmc::sms {

/** How a driver (@ref client, `async_client`) decodes, retries, and where it reads the time
    and waits: one struct for both, differing only in how a wait is made (`Wait`).

    Every option struct of the library lists its members in this order: limits (`decode`),
    then policy (`retry`), then what is injected (`clock`, `wait`, `random`), so that
    designated initialisers are written the same way everywhere. Left empty, the injected
    parts are the system clock, the driver's own wait (a sleep; a timer on the coroutine's
    executor) and a per-thread pseudo-random sequence; tests inject their own and wait for
    nothing.
*/
template <class Wait>
struct driver_options {
    /// Limits on what a response may hold.
    decode_options decode{};
    /// Retries after 429, 503 and transport failures; `{.max_retries = 0}` disables them.
    retry_policy retry{};
    /// The wall clock, read once per response to resolve `Retry-After` dates.
    std::function<std::chrono::system_clock::time_point()> clock{};
    /// How the driver waits between attempts.
    Wait wait{};
    /// A number in [0, 1) for the backoff's jitter.
    std::function<double()> random{};
};

} // namespace sfmc::sms

#endif
