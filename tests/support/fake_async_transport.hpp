#ifndef SFMC_SMS_TESTS_FAKE_ASYNC_TRANSPORT_HPP
#define SFMC_SMS_TESTS_FAKE_ASYNC_TRANSPORT_HPP

#include <sfmc/sms/async_transport.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <functional>
#include <string>

namespace test {

// A token endpoint for coroutines: hands out "token-1", "token-2"... (or what `reply`
// returns), after yielding to the executor `yields` times so that other coroutines run
// while its request is in flight. Deterministic on one thread.
struct fake_async_token_endpoint {
    std::atomic<int> requests{0};
    int yields = 3;
    std::function<sfmc::sms::http_response(int n)> reply = [](int n) {
        return sfmc::sms::http_response{
            200, {{"Content-Type", "application/json"}},
            R"({"access_token":"token-)" + std::to_string(n) + R"(","token_type":"Bearer","expires_in":1080})"};
    };

    boost::asio::awaitable<sfmc::sms::result<sfmc::sms::http_response>> async_send(sfmc::sms::http_request const&)
    {
        int const n = ++requests;
        auto const ex = co_await boost::asio::this_coro::executor;
        for (int i = 0; i < yields; ++i)
            co_await boost::asio::post(ex, boost::asio::use_awaitable);
        co_return reply(n);
    }
};

static_assert(sfmc::sms::async_transport<fake_async_token_endpoint>);

} // namespace test

#endif
