// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_RETRY_POLICY_IPP
#define SFMC_SMS_IMPL_RETRY_POLICY_IPP

// retry_policy.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/retry_policy.hpp>

#include <algorithm>

namespace sfmc::sms {

SFMC_SMS_DECL std::optional<std::chrono::milliseconds> retry_policy::next_delay(failure& f, int retries_done,
                                                                             std::chrono::milliseconds waited,
                                                                             double random01) const
{
    using namespace std::chrono;
    if (!is_retryable(f) || retries_done >= max_retries)
        return std::nullopt;
    milliseconds delay{};
    if (f.retry_after) {
        delay = duration_cast<milliseconds>(*f.retry_after);
    } else {
        // Doubling stops at max_backoff, and every sum saturates: however large the limits,
        // no duration overflows.
        auto const cap = std::max(max_backoff, milliseconds{0});
        auto backoff = std::clamp(initial_backoff, milliseconds{0}, cap);
        for (int i = 0; i < retries_done && backoff < cap && backoff > milliseconds{0}; ++i)
            backoff = backoff > cap / 2 ? cap : backoff * 2;
        auto const jitter = static_cast<double>(backoff.count()) / 2 * std::clamp(random01, 0.0, 1.0);
        delay = saturating_add(backoff, milliseconds{static_cast<milliseconds::rep>(jitter)});
    }
    if (saturating_add(waited, delay) > max_total_wait) {
        if (!f.retry_after)
            f.retry_after = ceil<seconds>(delay);
        return std::nullopt;
    }
    return delay;
}

SFMC_SMS_DECL bool retry_policy::is_retryable(failure const& f) noexcept
{
    return f.code == error::rate_limited || f.http_status == 503 || f.code == condition::transport;
}

} // namespace sfmc::sms

#endif
