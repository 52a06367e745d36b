// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_RUN_ASYNC_HPP
#define SFMC_SMS_DETAIL_RUN_ASYNC_HPP

#include <sfmc/sms/call.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/run_blocking.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <functional>

namespace sfmc::sms::detail {

using async_wait_function = std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)>;

// Waits on a timer of the coroutine's own executor: the thread is free meanwhile.
inline boost::asio::awaitable<void> wait_on_timer(std::chrono::milliseconds delay)
{
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
    auto [ignored] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    (void)ignored;
}

// The coroutine driver of a call: the one loop behind async_client and async_token_provider.
// `send(req)` and `fetch_token(rejected)` return awaitables; `wait` waits (empty: a timer).
// No temporary lives across a co_await: GCC 12 destroys some too early.
template <class Route, class Send, class FetchToken>
boost::asio::awaitable<api_result<typename Route::value_type>> run_async(call<Route>& c, Send& send,
                                                                         FetchToken& fetch_token, driver_env env,
                                                                         async_wait_function const* wait = nullptr)
{
    while (true) {
        switch (c.next(env.jitter())) {
        case call_action::fetch_token: {
            auto granted = co_await fetch_token(c.rejected_token());
            c.on_token(granted);
            break;
        }
        case call_action::send: {
            auto response = co_await send(c.request());
            if (response)
                c.on_response(*response, env.now());
            else
                c.on_transport_error(response.error());
            break;
        }
        case call_action::wait:
            if (wait && *wait)
                co_await (*wait)(c.delay());
            else
                co_await wait_on_timer(c.delay());
            break;
        case call_action::done:
            co_return std::move(c.result());
        }
    }
}

} // namespace sfmc::sms::detail

#endif
