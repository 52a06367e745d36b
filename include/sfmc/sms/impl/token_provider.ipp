// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_PROVIDER_IPP
#define SFMC_SMS_IMPL_TOKEN_PROVIDER_IPP

// token_provider.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/token_provider.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/detail/run_blocking.hpp>
#include <sfmc/sms/token_grant.hpp>

#include <condition_variable>
#include <mutex>

namespace sfmc::sms {

namespace detail {
// Where callers wait for the token request in flight.
struct token_waiters {
    std::condition_variable ended;
};

SFMC_SMS_DECL token_waiters* new_token_waiters()
{
    return new token_waiters;
}
} // namespace detail

SFMC_SMS_DECL token_provider::~token_provider()
{
    delete fetch_ended_;
}

SFMC_SMS_DECL api_result<token_response> token_provider::get()
{
    std::unique_lock lock(mutex_);
    while (true) {
        auto next = state_.look(now());
        if (next.answer)
            return std::move(*next.answer);
        if (next.must_fetch)
            break;
        fetch_ended_->ended.wait(lock, [&] { return state_.ended(next.awaited); });
        if (auto failed = state_.failure_of(next.awaited))
            return std::move(*failed);
    }
    lock.unlock();

    auto const started = now();
    call grant(token_grant{credentials_}, auth_, {.retry = {.max_retries = 0}, .decode = opt_.decode});
    auto fetched = detail::run_blocking(grant, send_, [](access_token const*) { return unused_token(); }, {});

    lock.lock();
    state_.finish(fetched, started);
    fetch_ended_->ended.notify_all();
    return fetched;
}

SFMC_SMS_DECL void token_provider::invalidate(access_token const& rejected)
{
    std::lock_guard lock(mutex_);
    state_.invalidate(rejected);
}

SFMC_SMS_DECL std::uint64_t token_provider::token_requests() const
{
    std::lock_guard lock(mutex_);
    return state_.requests();
}

SFMC_SMS_DECL std::chrono::steady_clock::time_point token_provider::now() const
{
    return opt_.clock ? opt_.clock() : std::chrono::steady_clock::now();
}

SFMC_SMS_DECL api_result<token_response> token_provider::unused_token()
{ return failure(error::bad_token); }

} // namespace sfmc::sms

#endif
