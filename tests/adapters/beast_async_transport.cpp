#include <sfmc/sms/adapters/beast_async_transport.hpp>

#include <doctest/doctest.h>

#include "support/emulator.hpp"

#include <sfmc/sms/async_client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dlfcn.h>
#include <netdb.h>

using namespace sfmc::sms;
namespace asio = boost::asio;

static_assert(async_transport<beast_async_transport>);

// A resolver that never answers, for one name: this program's getaddrinfo, which Asio's
// resolver (compiled into it) calls instead of the C library's. It holds the call until the
// test lets it go, and hands every other name to the C library.
namespace {
std::mutex resolver_mutex;
std::condition_variable resolver_released_cv;
bool resolver_released = false;
constexpr char const* hanging_host = "resolver-that-hangs.invalid";
} // namespace

extern "C" int getaddrinfo(char const* node, char const* service, addrinfo const* hints, addrinfo** res)
{
    if (node && std::string_view(node) == hanging_host) {
        std::unique_lock lock(resolver_mutex);
        resolver_released_cv.wait(lock, [] { return resolver_released; });
        return EAI_NONAME;
    }
    using real_type = int (*)(char const*, char const*, addrinfo const*, addrinfo**);
    static auto const real = reinterpret_cast<real_type>(::dlsym(RTLD_NEXT, "getaddrinfo"));
    return real(node, service, hints, res);
}

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

TEST_CASE("beast_async_transport: a name that does not resolve in time is a timeout, within the connect timeout")
{
    std::optional<result<http_response>> got;
    auto const started = std::chrono::steady_clock::now();
    {
        asio::io_context io;
        asio::co_spawn(io, [&]() -> asio::awaitable<void> {
            auto const ex = co_await asio::this_coro::executor;
            beast_async_transport http(ex, {.connect_timeout = std::chrono::milliseconds(300), .timeout = std::chrono::seconds(5)});
            auto const rest = endpoint::from_url(std::string("https://") + hanging_host).value();
            auto const request = make_status_request(rest, message_key::make("k").value(), access_token::make("t").value());
            got = co_await http.async_send(request);
        }, asio::detached);
        // Until the coroutine has its answer (due after 300 ms; at most 100 handlers, 10 s):
        // the resolution still in flight keeps the io_context from running out of work.
        for (int i = 0; i < 100 && !got && io.run_one_for(std::chrono::seconds(10)) > 0; ++i) {
        }
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        {
            std::lock_guard lock(resolver_mutex);
            resolver_released = true; // the resolution ends, and is dropped
        }
        resolver_released_cv.notify_all();
        io.run();
    }
    REQUIRE(got.has_value());
    REQUIRE_FALSE(got->has_value());
    CHECK(got->error() == boost::beast::error::timeout);
}
