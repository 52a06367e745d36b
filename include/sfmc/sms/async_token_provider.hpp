// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ASYNC_TOKEN_PROVIDER_HPP
#define SFMC_SMS_ASYNC_TOKEN_PROVIDER_HPP

// Opt-in, like <sfmc/sms/async_transport.hpp>: needs Boost.Asio's coroutine support.

#include <sfmc/sms/async_transport.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/run_async.hpp>
#include <sfmc/sms/detail/token_fetch.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/token_cache.hpp>
#include <sfmc/sms/token_grant.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

namespace sfmc::sms {

/** The coroutine twin of `token_provider`: fetches, caches and refreshes the token for
    any number of coroutines, on any number of threads, without ever blocking one.

    A driver around a @ref token_cache and a @ref call of @ref token_grant, like the blocking
    one, with the same options and rules: at most one token request in flight; coroutines
    that ask meanwhile are suspended (not blocked) until it ends, then all resume, on their
    own executors, with its outcome, a failure included; a definite refusal is held for
    `refusal_hold`. The mutex guards plain state only and is never held across a suspension.

    @par Example
    @code
    sfmc::sms::async_token_provider tokens(sfmc::sms::beast_async_transport(executor), auth,
                                           *sfmc::sms::client_credentials::make(id, secret));
    // ... each coroutine: its own transport and client, the one provider:
    sfmc::sms::async_client sms(http, tokens);
    @endcode
*/
class async_token_provider {
    // Runs `f` under the lock: plain statements only, never a suspension.
    template <class F>
    auto locked(F&& f)
    {
        std::lock_guard lock(mutex_);
        return f();
    }

    struct owning {};
    template <class AsyncTransport>
    async_token_provider(owning, std::shared_ptr<AsyncTransport> owned, endpoint auth, client_credentials credentials,
                         token_provider_options opt)
        : async_token_provider(std::ref(*owned), std::move(auth), std::move(credentials), std::move(opt))
    {
        owned_ = std::move(owned);
    }

public:
    /// Tokens from `auth` for `credentials`, over `http`, moved in: the provider's own (see
    /// `token_provider`: a transport a coroutine also uses would see two requests at once).
    template <async_transport AsyncTransport>
        requires(!std::is_lvalue_reference_v<AsyncTransport>)
    async_token_provider(AsyncTransport&& http, endpoint auth, client_credentials credentials,
                         token_provider_options opt = {})
        : async_token_provider(owning{}, std::make_shared<AsyncTransport>(std::move(http)), std::move(auth),
                               std::move(credentials), std::move(opt))
    {
    }

    /// Tokens over `http`, lent: it must outlive the provider, and nothing else may use it
    /// while the provider does.
    template <async_transport AsyncTransport>
    async_token_provider(std::reference_wrapper<AsyncTransport> http, endpoint auth, client_credentials credentials,
                         token_provider_options opt = {})
        : send_([t = &http.get()](http_request const& req) { return t->async_send(req); }), auth_(std::move(auth)),
          credentials_(std::move(credentials)), opt_(std::move(opt)), state_(opt_.cache)
    {
    }

    /// Not a transport a coroutine may use too: move it in, or lend it with `std::ref`.
    template <async_transport AsyncTransport>
    async_token_provider(AsyncTransport& http, endpoint auth, client_credentials credentials,
                         token_provider_options opt = {}) = delete;

    async_token_provider(async_token_provider const&) = delete;
    async_token_provider& operator=(async_token_provider const&) = delete;

    /// The cached token while it is fresh, else a new one from the token endpoint.
    boost::asio::awaitable<api_result<token_response>> async_get()
    {
        // The lock is taken in plain statements only, never across a suspension.
        while (true) {
            auto next = locked([&] { return state_.look(now()); });
            if (next.answer) {
                auto answer = std::move(*next.answer);
                co_return answer;
            }
            if (next.must_fetch)
                break;
            co_await fetch_done(next.awaited);
            auto failed = locked([&] { return state_.failure_of(next.awaited); });
            if (failed) {
                auto answer = api_result<token_response>(std::move(*failed));
                co_return answer;
            }
        }
        auto fetched = co_await fetch();
        co_return fetched;
    }

    /// Drops `rejected` if it is still the cached token, so the next @ref async_get fetches anew.
    void invalidate(access_token const& rejected)
    {
        locked([&] { state_.invalidate(rejected); });
    }

    /// How many token requests have been sent.
    std::uint64_t token_requests() const
    {
        std::lock_guard lock(mutex_);
        return state_.requests();
    }

private:
    // Sends the token request (this caller is the one fetching), stores the outcome and
    // resumes every caller that waited for it.
    boost::asio::awaitable<api_result<token_response>> fetch()
    {
        auto const started = now();
        // A transport that throws, or this coroutine destroyed while it waits (its io_context
        // stopped): the fetch still ends, with a failure for those waiting, who resume.
        struct end_if_abandoned {
            async_token_provider& self;
            std::chrono::steady_clock::time_point started;
            bool ended = false;
            ~end_if_abandoned()
            {
                if (!ended)
                    self.finish(failure(error::transport_failed, "the token request was abandoned: its transport threw, "
                                                                 "or its coroutine was destroyed"),
                                started);
            }
        } guard{*this, started};
        call grant(token_grant{credentials_}, auth_, {.decode = opt_.decode, .retry = {.max_retries = 0}});
        auto fetched = co_await detail::run_async(grant, send_, unused_token, {});
        guard.ended = true;
        finish(fetched, started);
        co_return fetched;
    }

    // Stores the fetch's outcome and resumes every caller that waited for it.
    void finish(api_result<token_response> const& fetched, std::chrono::steady_clock::time_point started)
    {
        std::vector<std::unique_ptr<waiter>> woken;
        locked([&] {
            state_.finish(fetched, started);
            woken.swap(waiters_);
        });
        for (auto& w : woken)
            w->resume();
    }

    // A suspended coroutine: its completion handler, kept with the work it holds on its
    // executor (so that an io_context running nothing else does not stop meanwhile).
    struct waiter {
        virtual ~waiter() = default;
        virtual void resume() = 0;
    };

    template <class Handler>
    struct waiter_for final : waiter {
        explicit waiter_for(Handler h) : handler(std::move(h)) {}
        void resume() override
        {
            auto const executor = work.get_executor();
            boost::asio::post(executor, std::move(handler));
            work.reset();
        }
        Handler handler;
        boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler>> work{
            boost::asio::get_associated_executor(handler)};
    };

    // Suspends until the fetch numbered `awaited` has ended (at once if it already has).
    boost::asio::awaitable<void> fetch_done(std::uint64_t awaited)
    {
        co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
            [this, awaited](auto handler) {
                auto parked = std::make_unique<waiter_for<decltype(handler)>>(std::move(handler));
                std::unique_lock lock(mutex_);
                if (!state_.ended(awaited)) {
                    waiters_.push_back(std::move(parked));
                    return;
                }
                lock.unlock();
                parked->resume();
            },
            boost::asio::use_awaitable);
    }

    std::chrono::steady_clock::time_point now() const
    {
        return opt_.clock ? opt_.clock() : std::chrono::steady_clock::now();
    }

    // The token request needs no token: never called.
    static boost::asio::awaitable<api_result<token_response>> unused_token(access_token const*)
    {
        co_return failure(error::bad_token);
    }

    std::function<boost::asio::awaitable<result<http_response>>(http_request const&)> send_;
    std::shared_ptr<void> owned_; // the transport moved in, if any
    endpoint auth_;
    client_credentials credentials_;
    token_provider_options opt_;

    mutable std::mutex mutex_;
    detail::token_fetch state_;
    std::vector<std::unique_ptr<waiter>> waiters_;
};

} // namespace sfmc::sms

#endif
