#include <sfmc/sms/adapters/beast_async_transport.hpp>

#include <doctest/doctest.h>

#include "support/emulator.hpp"

#include <sfmc/sms/async_client.hpp>
#include <sfmc/sms/beast_async_transport.hpp> // the forwarding header still works

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

using namespace sfmc::sms;
namespace asio = boost::asio;

static_assert(async_transport<beast_async_transport>);

namespace {

// Runs `body` as a coroutine on a fresh io_context until everything on it is done.
template <class Body>
void run_coroutines(Body body)
{
    asio::io_context io;
    body(io);
    io.run();
}

} // namespace

TEST_CASE("beast_async_transport: co_await lookups keep the connection")
{
    test::emulator emu;
    std::vector<std::string> seen;
    run_coroutines([&](asio::io_context& io) {
        asio::co_spawn(io, [&]() -> asio::awaitable<void> {
            // No temporary in a co_await expression: GCC 12 may destroy it too early.
            auto const ex = co_await asio::this_coro::executor;
            beast_async_transport http(ex, {.ca_file = emu.ca});
            auto const rest = endpoint::from_url(emu.https).value();
            auto const token = access_token::make(emu.token).value();
            async_client sms(http, rest, token);
            for (auto key : {"bcX0qaEp0USGciEnUJTW0w", "fcdbb2f9-438b-4d52-a380-2eade2f46396", "9a-zUvWf3UKxLpwwIrqTmQ", "nope"}) {
                auto r = co_await sms.async_get_status(key);
                seen.push_back(r ? std::string(to_string(r->status)) : r.error().to_string());
            }
            auto invalid = co_await sms.async_get_status("");
            seen.push_back(invalid ? "?" : invalid.error().code.message());
        }, asio::detached);
    });
    REQUIRE(seen.size() == 5);
    CHECK(seen[0] == "sent");
    CHECK(seen[1] == "queued");
    CHECK(seen[2] == "not_sent");
    CHECK(seen[3].starts_with("send-status lookup: the API answered 404 Not Found"));
    CHECK(seen[4] == "the message key is empty");
    auto const requests = emu.requests();
    REQUIRE(requests.size() == 4);
    for (auto const& r : requests)
        CHECK(r.client_port == requests[0].client_port); // one TLS connection for all four
}

TEST_CASE("beast_async_transport: a slow answer does not hold up other coroutines, and times out")
{
    test::emulator emu(test::script_for("slow", {test::reply(200, "{}", {}, 20.0)}));
    std::vector<std::string> order;
    run_coroutines([&](asio::io_context& io) {
        auto const rest = endpoint::from_url(emu.http).value();
        auto const token = access_token::make(emu.token).value();
        asio::co_spawn(io, [&, rest, token]() -> asio::awaitable<void> {
            auto const ex = co_await asio::this_coro::executor;
            beast_async_transport http(ex, {.timeout = std::chrono::milliseconds{500}});
            async_client sms(http, rest, token, {.retry = {.max_retries = 0}});
            auto r = co_await sms.async_get_status("slow");
            order.push_back(r ? "slow answered" : "slow: " + std::string(r.error().code == condition::transport ? "transport" : "?"));
        }, asio::detached);
        asio::co_spawn(io, [&, rest, token]() -> asio::awaitable<void> {
            auto const ex = co_await asio::this_coro::executor;
            beast_async_transport http(ex);
            async_client sms(http, rest, token);
            auto r = co_await sms.async_get_status("bcX0qaEp0USGciEnUJTW0w");
            order.push_back(r ? "fast: " + std::string(to_string(r->status)) : "fast failed");
        }, asio::detached);
    });
    CHECK(order == std::vector<std::string>{"fast: sent", "slow: transport"});
}
