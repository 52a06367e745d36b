// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_RETRY_POLICY_HPP
#define SFMC_SMS_RETRY_POLICY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>

#include <chrono>
#include <optional>

namespace sfmc::sms {

/** When and how long to wait before trying a failed call again. A decision only: the
    caller sleeps, with whatever sleeper it likes.

    Retried: 429 (`rate_limited`), 503, and failures with no response (`condition::transport`),
    from the lookup or from the token request. Never retried: 429 with errorcode 50200
    (`blocked`), any other 4xx, other 5xx, an undecodable body.

    The delay is the server's (`Retry-After` or the body's `retryAfter`) when it gave one;
    otherwise exponential backoff as Salesforce recommends (2 s, 4 s, 8 s … from
    `initial_backoff`) plus a random jitter of up to half of it, so that many clients do not
    retry in step.

    @par Example
    @code
    sfmc::sms::retry_policy policy{.max_retries = 5, .max_total_wait = std::chrono::minutes{2}};
    @endcode
*/
struct retry_policy {
    /// Retries after the first attempt; 0 disables retrying.
    int max_retries = 2;
    /// Give up rather than wait longer than this in all; the last failure is then returned,
    /// carrying the delay it asked for.
    std::chrono::milliseconds max_total_wait{60'000};
    /// The first backoff, when the server gave no delay; doubled for each retry.
    std::chrono::milliseconds initial_backoff{2'000};
    /// The longest backoff, before jitter.
    std::chrono::milliseconds max_backoff{60'000};

    /// True when trying again may succeed: 429 (not 50200), 503, no response.
    static bool is_retryable(failure const& f) noexcept;

    /** The wait before retry number `retries_done + 1`, or nullopt to give up.

        `waited` is the total already waited; `random01` a number in [0, 1) for the jitter.
        When the wait would exceed `max_total_wait`, gives up and records the delay in
        `f.retry_after` (rounded up), so the caller learns how long the server wanted.
    */
    std::optional<std::chrono::milliseconds> next_delay(failure& f, int retries_done, std::chrono::milliseconds waited,
                                                        double random01) const;

    /// `a + b` for non-negative durations, stopping at the largest one instead of overflowing.
    static constexpr std::chrono::milliseconds saturating_add(std::chrono::milliseconds a,
                                                              std::chrono::milliseconds b) noexcept
    {
        constexpr auto top = std::chrono::milliseconds::max();
        return b > std::chrono::milliseconds{0} && a > top - b ? top : a + b;
    }
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/retry_policy.ipp>
#endif

#endif
