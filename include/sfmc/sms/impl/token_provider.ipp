// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_PROVIDER_IPP
#define SFMC_SMS_IMPL_TOKEN_PROVIDER_IPP

// token_provider.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/token_provider.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/detail/run_blocking.hpp>
#include <sfmc/sms/detail/token_fetch.hpp>
#include <sfmc/sms/token_grant.hpp>

#include <condition_variable>
#include <mutex>

namespace sfmc::sms {

namespace detail {
struct token_provider_state {
    explicit token_provider_state(token_cache_options opt) noexcept : fetch(opt) {}

    std::mutex mutex;
    std::condition_variable fetch_ended; // callers wait here for the token request in flight
    token_fetch fetch;                   // under `mutex`
};

SFMC_SMS_DECL token_provider_state* new_token_provider_state(token_cache_options opt)
{
    return new token_provider_state(opt);
}
} // namespace detail

SFMC_SMS_DECL token_provider::~token_provider()
{
    delete state_;
    if (owned_)
        destroy_(owned_);
}

SFMC_SMS_DECL api_result<token_response> token_provider::get()
{
    std::unique_lock lock(state_->mutex);
    while (true) {
        auto next = state_->fetch.look(now());
        if (next.answer)
            return std::move(*next.answer);
        if (next.must_fetch)
            break;
        state_->fetch_ended.wait(lock, [&] { return state_->fetch.ended(next.awaited); });
        if (auto failed = state_->fetch.failure_of(next.awaited))
            return std::move(*failed);
    }
    lock.unlock();

    auto const started = now();
    // A transport may throw (a Qt or company wrapper): the exception goes on to this caller,
    // and the fetch still ends, with a failure for those waiting; the next `get` fetches anew.
    struct end_if_thrown {
        detail::token_provider_state* state;
        std::chrono::steady_clock::time_point started;
        bool ended = false;
        ~end_if_thrown()
        {
            if (ended)
                return;
            std::lock_guard relock(state->mutex);
            state->fetch.finish(failure(error::transport_failed, "the transport threw an exception"), started);
            state->fetch_ended.notify_all();
        }
    } guard{state_, started};
    call grant(token_grant{credentials_}, auth_, {.decode = opt_.decode, .retry = {.max_retries = 0}});
    auto fetched = detail::run_blocking(grant, send_, [](access_token const*) { return unused_token(); }, {});

    lock.lock();
    guard.ended = true;
    state_->fetch.finish(fetched, started);
    state_->fetch_ended.notify_all();
    return fetched;
}

SFMC_SMS_DECL void token_provider::invalidate(access_token const& rejected)
{
    std::lock_guard lock(state_->mutex);
    state_->fetch.invalidate(rejected);
}

SFMC_SMS_DECL std::uint64_t token_provider::token_requests() const
{
    std::lock_guard lock(state_->mutex);
    return state_->fetch.requests();
}

SFMC_SMS_DECL std::chrono::steady_clock::time_point token_provider::now() const
{
    return opt_.clock ? opt_.clock() : std::chrono::steady_clock::now();
}

SFMC_SMS_DECL api_result<token_response> token_provider::unused_token()
{ return failure(error::bad_token); }

} // namespace sfmc::sms

#endif
