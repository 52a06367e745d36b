// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TOKEN_CACHE_HPP
#define SFMC_SMS_TOKEN_CACHE_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>

#include <chrono>
#include <optional>

namespace sfmc::sms {

/// How long a @ref token_cache keeps what it was given.
struct token_cache_options {
    /// Refresh this long before the token expires (Salesforce advises about two minutes).
    /// At most half the token's lifetime is used, so a short-lived token is still reused.
    std::chrono::seconds refresh_margin{120};
    /// After a refusal that asking again cannot change (a 4xx other than 408 and 429, such
    /// as `invalid_client`), answer with it for this long without asking: a thousand
    /// lookups with a wrong secret make one token request, not a thousand.
    std::chrono::seconds refusal_hold{60};
};

/** What is known of the access token, as plain state: no clock, no lock, no I/O.

    Times are points of a monotonic clock that the owner reads and passes in. The drivers
    (@ref token_provider, @ref async_token_provider) wrap one in their locking and waiting;
    anyone driving calls from their own loop can do the same.

    @par Example
    @code
    sfmc::sms::token_cache cache;
    auto const now = std::chrono::steady_clock::now();
    if (cache.needs_token(now))
        cache.store(fetch_a_token(), now);   // the outcome of a token request sent at `now`
    if (auto const* granted = cache.fresh(now))
        use(granted->token);
    @endcode
*/
class token_cache {
public:
    /// A point of the owner's monotonic clock.
    using time_point = std::chrono::steady_clock::time_point;

    /// An empty cache.
    explicit token_cache(token_cache_options opt = {}) noexcept : opt_(opt) {}

    /// The cached token when it is still fresh at `now`, else null.
    token_response const* fresh(time_point now) const noexcept
    {
        return granted_ && now < refresh_at_ ? &*granted_ : nullptr;
    }

    /// The refusal still held at `now` (see `token_cache_options::refusal_hold`), else null.
    failure const* held_refusal(time_point now) const noexcept
    {
        return refusal_ && now < refused_until_ ? &*refusal_ : nullptr;
    }

    /// True when a token request is due: no fresh token, and no refusal held.
    bool needs_token(time_point now) const noexcept { return !fresh(now) && !held_refusal(now); }

    /** Keeps the outcome of a token request sent at `requested_at`.

        A token is fresh until `requested_at + expires_in - margin`, the margin being
        `refresh_margin` or half the lifetime, whichever is shorter (measured from when the
        request was sent, so a slow answer errs on the safe side). A definite refusal is held
        for `refusal_hold`; any other failure is not kept, so the next caller asks again.
    */
    void store(api_result<token_response> const& outcome, time_point requested_at);

    /// Drops `rejected` if it is still the cached token (the API answered 401 to it); a
    /// token that was replaced meanwhile stays.
    void invalidate(access_token const& rejected) noexcept;

    /// A 4xx other than 408 (timeout) and 429 (rate limit): asking again gets the same answer.
    static bool is_refusal(failure const& f) noexcept
    {
        return f.http_status >= 400 && f.http_status <= 499 && f.http_status != 408 && f.http_status != 429;
    }

private:
    token_cache_options opt_;
    std::optional<token_response> granted_;
    time_point refresh_at_{};
    std::optional<failure> refusal_;
    time_point refused_until_{};
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/token_cache.ipp>
#endif

#endif
