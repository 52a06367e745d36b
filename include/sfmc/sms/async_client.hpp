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

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <optional>
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

    /// Replaces the token with a fixed one.
    void set_token(access_token token) { state_.set_token(std::move(token)); }

    /// The REST endpoint given, or learnt from the last token.
    std::optional<endpoint> const& rest_endpoint() const noexcept { return state_.rest(); }

private:
    AsyncTransport& http_;
    detail::client_state<async_token_provider> state_;
    async_client_options opt_;
};

} // namespace sfmc::sms

#endif
