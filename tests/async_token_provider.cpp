#include <sfmc/sms/async_token_provider.hpp>

#include <doctest/doctest.h>

#include "support/fake_async_transport.hpp"
#include "support/run_threads.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <functional>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace sfmc::sms;
using namespace std::chrono;
namespace asio = boost::asio;

namespace {

endpoint auth() { return *endpoint::from_subdomain("mcx", endpoint::api::auth); }
client_credentials credentials() { return *client_credentials::make("id", "secret"); }

// Runs `n` coroutines that each ask `tokens` once, on `threads` threads of one io_context;
// returns what each got: the token's text, or the failure's text.
std::vector<std::string> ask_concurrently(async_token_provider& tokens, int n, int threads = 1)
{
    asio::io_context io;
    std::mutex m;
    std::vector<std::string> got;
    for (int i = 0; i < n; ++i) {
        asio::co_spawn(io, [&]() -> asio::awaitable<void> {
            auto r = co_await tokens.async_get();
            std::lock_guard lock(m);
            got.push_back(r ? std::string(r->token.reveal()) : r.error().to_string());
        }, asio::detached);
    }
    test::run_on_threads(io, threads);
    return got;
}

} // namespace

TEST_CASE("async_token_provider: fifty coroutines asking at once make one token request and share its token")
{
    test::fake_async_token_endpoint endpoint;
    async_token_provider tokens(std::ref(endpoint), auth(), credentials());
    auto const got = ask_concurrently(tokens, 50);
    CHECK(endpoint.requests == 1);
    CHECK(tokens.token_requests() == 1);
    REQUIRE(got.size() == 50);
    for (auto const& g : got)
        CHECK(g == "token-1");
}

TEST_CASE("async_token_provider: the waiters of a failed request all get its failure")
{
    test::fake_async_token_endpoint endpoint;
    endpoint.reply = [](int) { return http_response{503, {}, "busy"}; };
    async_token_provider tokens(std::ref(endpoint), auth(), credentials());
    auto const got = ask_concurrently(tokens, 20);
    CHECK(endpoint.requests == 1);
    REQUIRE(got.size() == 20);
    for (auto const& g : got)
        CHECK(g.starts_with("token request: "));
    ask_concurrently(tokens, 1); // not a refusal: the next caller asks again
    CHECK(endpoint.requests == 2);
}

TEST_CASE("async_token_provider: a refusal is held, a fresh token is reused, an invalidated one is replaced")
{
    steady_clock::time_point now{hours{1}};
    test::fake_async_token_endpoint endpoint;
    endpoint.reply = [](int n) {
        if (n == 1)
            return http_response{401, {}, R"({"error":"invalid_client","error_description":"no"})"};
        return http_response{200, {}, R"({"access_token":"token-)" + std::to_string(n) + R"(","expires_in":1080})"};
    };
    async_token_provider tokens(std::ref(endpoint), auth(), credentials(), {.cache = {.refusal_hold = seconds{60}}, .clock = [&] { return now; }});
    CHECK(ask_concurrently(tokens, 3) == std::vector<std::string>(3, "token request: the API answered 401 Unauthorized [HTTP 401] invalid_client: \"no\""));
    CHECK(endpoint.requests == 1);
    now += seconds{30};
    ask_concurrently(tokens, 1);
    CHECK(endpoint.requests == 1); // held
    now += seconds{31};
    CHECK(ask_concurrently(tokens, 2) == std::vector<std::string>(2, "token-2"));
    CHECK(endpoint.requests == 2);
    tokens.invalidate(*access_token::make("token-2"));
    CHECK(ask_concurrently(tokens, 1) == std::vector<std::string>{"token-3"});
    now += seconds{961};
    CHECK(ask_concurrently(tokens, 1) == std::vector<std::string>{"token-4"}); // refreshed before expiry
}

TEST_CASE("async_token_provider: several threads running one io_context still make one request")
{
    test::fake_async_token_endpoint endpoint;
    endpoint.yields = 20;
    async_token_provider tokens(std::ref(endpoint), auth(), credentials());
    auto const got = ask_concurrently(tokens, 200, 4);
    CHECK(endpoint.requests == 1);
    REQUIRE(got.size() == 200);
    for (auto const& g : got)
        CHECK(g == "token-1");
}

#ifndef BOOST_NO_EXCEPTIONS
TEST_CASE("async_token_provider: a transport that throws fails the waiters, and the provider stays usable")
{
    test::fake_async_token_endpoint endpoint;
    auto const answer = endpoint.reply;
    endpoint.reply = [answer](int n) -> http_response {
        if (n == 1)
            throw std::runtime_error("the company wrapper gave up");
        return answer(n);
    };
    async_token_provider tokens(std::ref(endpoint), auth(), credentials());
    asio::io_context io;
    std::vector<std::string> got;
    for (int i = 0; i < 4; ++i) {
        asio::co_spawn(io, [&]() -> asio::awaitable<void> {
            try {
                auto r = co_await tokens.async_get();
                got.push_back(r ? std::string(r->token.reveal())
                               : r.error().code == error::transport_failed ? "transport_failed" : r.error().to_string());
            } catch (std::runtime_error const& e) {
                got.push_back(e.what());
            }
        }, asio::detached);
    }
    io.run();
    // The one that sent it gets the exception; the three waiting a failure.
    CHECK(got == std::vector<std::string>{"the company wrapper gave up", "transport_failed", "transport_failed", "transport_failed"});
    CHECK(ask_concurrently(tokens, 1) == std::vector<std::string>{"token-2"});
}
#endif
