// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ASYNC_CLIENT_HPP
#define SFMC_SMS_ASYNC_CLIENT_HPP

// Opt-in, like <sfmc/sms/async_transport.hpp>: needs Boost.Asio's coroutine support.

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/async_token_provider.hpp>
#include <sfmc/sms/async_transport.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/client_state.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/driver_options.hpp>
#include <sfmc/sms/detail/run_async.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/retry_policy.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/status_lookup.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// How an @ref async_client decodes, retries, reads the time and waits (never blocking the
/// thread; empty: a timer on the coroutine's executor). See @ref driver_options.
using async_client_options = driver_options<std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)>>;

/** The coroutine twin of `client`: a lookup (or any `route`) in one `co_await`, with
    the same token handling and retries, over an `async_transport`.

    A thin driver: each lookup is a @ref call run to its end; waits go through a timer on
    the coroutine's executor, never a blocked thread. The token is fixed, or comes from an
    @ref async_token_provider that any number of clients and coroutines share (one token
    request in flight for all of them). Like its transport, a client serves one coroutine
    at a time; run many lookups at once with one transport and one client each.

    @par Example
    @code
    boost::asio::awaitable<void> look_up(sfmc::sms::endpoint rest, sfmc::sms::access_token token)
    {
        auto const executor = co_await boost::asio::this_coro::executor; // a statement of its own for GCC 12
        sfmc::sms::beast_async_transport http(executor);
        sfmc::sms::async_client sms(http, rest, token);
        auto status = co_await sms.async_get_status("bcX0qaEp0USGciEnUJTW0w");
    }
    @endcode
*/
template <async_transport AsyncTransport>
class async_client {
public:
    /// Lookups to `rest` with a fixed token (a 401 is final).
    async_client(AsyncTransport& http, endpoint rest, access_token token, async_client_options opt = {})
        : http_(http), state_(std::move(rest), std::move(token)), opt_(std::move(opt))
    {
    }

    /// Lookups to `rest` with tokens from `tokens`, which must outlive the client.
    async_client(AsyncTransport& http, endpoint rest, async_token_provider& tokens, async_client_options opt = {})
        : http_(http), state_(std::move(rest), tokens), opt_(std::move(opt))
    {
    }

    /// The REST endpoint is the token's `rest_instance_url`.
    async_client(AsyncTransport& http, async_token_provider& tokens, async_client_options opt = {})
        : http_(http), state_(std::nullopt, tokens), opt_(std::move(opt))
    {
    }

    /// Looks up `key` (validated first: nothing is sent for an invalid key).
    boost::asio::awaitable<api_result<message_status>> async_get_status(std::string_view key)
    {
        auto k = message_key::make(key);
        if (!k)
            co_return failure(k.error());
        auto status = co_await async_run(status_lookup{*k});
        co_return status;
    }

    /** Looks up `key` and completes with `token`, any Asio completion token (a callback,
        `use_future`, `deferred`, `use_awaitable`), as Beast and Boost.MySQL do: the
        signature is `void(api_result<message_status>)`. See the token form of @ref async_run.
    */
    template <boost::asio::completion_token_for<void(api_result<message_status>)> CompletionToken>
        requires requires(AsyncTransport& t) { t.get_executor(); }
    auto async_get_status(std::string_view key, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, void(api_result<message_status>)>(
            [self = this](auto handler, std::string k) {
                auto const ex = self->executor_for(handler);
                boost::asio::co_spawn(ex, self->get_status_then(std::move(k), std::move(handler)), boost::asio::detached);
            },
            token, std::string(key));
    }

    /// Runs any route behind a token: the same token handling and retries as a lookup.
    template <route_behind_token Route>
    boost::asio::awaitable<api_result<typename Route::value_type>> async_run(Route r)
    {
        auto c = state_.begin(std::move(r), {.decode = opt_.decode, .retry = opt_.retry});
        auto fetch = [tokens = state_.provider()](access_token const* rejected) {
            if (rejected)
                tokens->invalidate(*rejected);
            return tokens->async_get();
        };
        auto send = [this](http_request const& req) { return http_.async_send(req); };
        auto outcome = co_await detail::run_async(c, send, fetch, {&opt_.clock, &opt_.random}, &opt_.wait);
        state_.end(c);
        co_return outcome;
    }

    /** Runs `r` and completes with `token`, any Asio completion token, with the signature
        `void(api_result<Route::value_type>)` (the outcome is a value: nothing to throw).

        The call runs as a coroutine on the executor associated with the completion handler,
        else on the transport's (`get_executor()`), and the handler is invoked there. The
        client and `r`'s transport must outlive the operation, and, as with the coroutine
        form, a client runs one operation at a time.

        @par Example
        @code
        sms.async_run(sfmc::sms::status_lookup{key}, [](sfmc::sms::api_result<sfmc::sms::message_status> r) {
            std::cout << (r ? to_string(r->status) : r.error().to_string()) << '\n';
        });
        auto later = sms.async_run(sfmc::sms::status_lookup{key}, boost::asio::use_future);
        @endcode
    */
    template <route_behind_token Route,
              boost::asio::completion_token_for<void(api_result<typename Route::value_type>)> CompletionToken>
        requires requires(AsyncTransport& t) { t.get_executor(); }
    auto async_run(Route r, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, void(api_result<typename Route::value_type>)>(
            [self = this](auto handler, Route route) {
                auto const ex = self->executor_for(handler);
                boost::asio::co_spawn(ex, self->run_then(std::move(route), std::move(handler)), boost::asio::detached);
            },
            token, std::move(r));
    }

    /// Replaces the token with a fixed one.
    void set_token(access_token token) { state_.set_token(std::move(token)); }

    /// The REST endpoint given, or learnt from the last token.
    std::optional<endpoint> const& rest_endpoint() const noexcept { return state_.rest(); }

private:
    // The token forms' coroutines: the outcome, handed to the handler. Their parameters live
    // in their frames, so nothing they use is destroyed before they end.
    template <class Route, class Handler>
    boost::asio::awaitable<void> run_then(Route r, Handler handler)
    {
        auto outcome = co_await async_run(std::move(r));
        std::move(handler)(std::move(outcome));
    }
    template <class Handler>
    boost::asio::awaitable<void> get_status_then(std::string key, Handler handler)
    {
        auto outcome = co_await async_get_status(key);
        std::move(handler)(std::move(outcome));
    }

    // Where a token form's coroutine runs: the handler's executor, else the transport's. The
    // handler is then invoked there, never inside the initiating call.
    template <class Handler>
    auto executor_for(Handler const& handler)
    {
        return boost::asio::get_associated_executor(handler, http_.get_executor());
    }

    AsyncTransport& http_;
    detail::client_state<async_token_provider> state_;
    async_client_options opt_;
};

} // namespace sfmc::sms

#endif
