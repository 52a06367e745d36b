// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_TOKEN_FETCH_HPP
#define SFMC_SMS_DETAIL_TOKEN_FETCH_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/token_cache.hpp>

#include <cstdint>
#include <optional>

namespace sfmc::sms::detail {

// What the blocking and the coroutine token providers share, as plain state under the
// provider's own lock: the cache, and whether a token request is in flight. One request at
// a time; its outcome, a failure included, reaches every caller that waited for it.
class token_fetch {
public:
    explicit token_fetch(token_cache_options opt) noexcept : cache_(opt) {}

    // What a caller does now: take `answer`, or send the token request (`must_fetch`: it is
    // now the one fetching), or wait until `ended(awaited)`.
    struct step {
        std::optional<api_result<token_response>> answer;
        bool must_fetch = false;
        std::uint64_t awaited = 0;
    };

    step look(token_cache::time_point now);

    // True once the request a caller waits for has ended.
    bool ended(std::uint64_t awaited) const noexcept { return !fetching_ || fetches_ != awaited; }

    // After waiting: the failure of the request waited for, if it failed (so does the caller).
    std::optional<failure> failure_of(std::uint64_t awaited) const;

    // The outcome of the request sent at `started`.
    void finish(api_result<token_response> const& outcome, token_cache::time_point started);

    void invalidate(access_token const& rejected) noexcept { cache_.invalidate(rejected); }
    std::uint64_t requests() const noexcept { return fetches_; }

private:
    token_cache cache_;
    bool fetching_ = false;
    std::uint64_t fetches_ = 0;
    std::optional<failure> last_failure_;
};

} // namespace sfmc::sms::detail

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/token_fetch.ipp>
#endif

#endif
