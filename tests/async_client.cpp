#include <sfmc/sms/async_client.hpp>

#include <doctest/doctest.h>

#include "support/emulator.hpp"
#include "support/run_threads.hpp"

#include <sfmc/sms/adapters/beast_async_transport.hpp>
#include <sfmc/sms/not_sent.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <functional>
#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// The coroutine driver against the emulator, over the Beast coroutine transport.
using namespace sfmc::sms;
using namespace std::chrono;
namespace asio = boost::asio;

namespace {

// `lookups` coroutines on `threads` threads of one io_context, each on a strand of its own
// (a Beast stream wants one when several threads run its io_context). Each makes its own
// transport and client (one exchange at a time each) and looks up `key`; all share one
// token provider, whose transport has a strand too. `got` holds what each got: the status,
// or the failure's text.
struct concurrent_lookups {
    asio::io_context io;
    async_token_provider tokens;
    std::mutex m;
    std::vector<std::string> got;

    explicit concurrent_lookups(test::emulator const& emu)
        : tokens(beast_async_transport(asio::make_strand(io)), endpoint::from_url(emu.http).value(),
                 client_credentials::make(emu.client_id, emu.client_secret).value())
    {
    }

    void run(std::string const& key, int lookups, int threads)
    {
        for (int i = 0; i < lookups; ++i) {
            asio::co_spawn(asio::make_strand(io), [&]() -> asio::awaitable<void> {
                auto const ex = co_await asio::this_coro::executor;
                beast_async_transport http(ex);
                async_client sms(http, tokens);
                auto r = co_await sms.async_get_status(key);
                std::lock_guard lock(m);
                got.push_back(r ? std::string(to_string(r->status)) : r.error().to_string());
            }, asio::detached);
        }
        test::run_on_threads(io, threads);
    }
};

std::size_t token_requests(test::emulator const& emu)
{
    auto const all = emu.requests();
    return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](auto const& r) { return r.method == "POST"; }));
}

// Options whose waiter records each wait instead of waiting.
async_client_options recording_waits(std::vector<milliseconds>& waits)
{
    async_client_options opt;
    opt.wait = [&waits](milliseconds d) -> asio::awaitable<void> {
        waits.push_back(d);
        co_return;
    };
    return opt;
}

} // namespace

TEST_CASE("async_client: the seeds, a 404 and an invalid key, with a fixed token")
{
    test::emulator emu;
    std::vector<std::string> seen;
    asio::io_context io;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto const ex = co_await asio::this_coro::executor;
        beast_async_transport http(ex, {.ca_file = emu.ca});
        async_client sms(http, endpoint::from_url(emu.https).value(), access_token::make(emu.token).value());
        for (auto key : {"bcX0qaEp0USGciEnUJTW0w", "fcdbb2f9-438b-4d52-a380-2eade2f46396", "9a-zUvWf3UKxLpwwIrqTmQ", "nope", ""}) {
            auto r = co_await sms.async_get_status(key);
            seen.push_back(r ? std::string(to_string(r->status)) : r.error().code.message());
        }
    }, asio::detached);
    io.run();
    CHECK(seen == std::vector<std::string>{"sent", "queued", "not_sent", "the API answered 404 Not Found",
                                           "the message key is empty"});
    CHECK(emu.requests().size() == 4); // nothing sent for the invalid key
}

TEST_CASE("async_client: 429 then 200, waiting what Retry-After says through the injected waiter")
{
    test::emulator emu(test::script_for("busy", {test::reply(429, R"({"message":"slow down","errorcode":50100})",
                                                             {{"Retry-After", "7"}}),
                                                 test::reply(200, R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSSent","timestamp":"2026-11-26T15:00:00"})")}));
    std::vector<milliseconds> waits;
    std::string outcome;
    asio::io_context io;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto const ex = co_await asio::this_coro::executor;
        beast_async_transport http(ex);
        async_client sms(http, endpoint::from_url(emu.http).value(), access_token::make(emu.token).value(),
                         recording_waits(waits));
        auto r = co_await sms.async_get_status("busy");
        outcome = r ? std::string(to_string(r->status)) : r.error().to_string();
    }, asio::detached);
    io.run();
    CHECK(outcome == "sent");
    CHECK(waits == std::vector<milliseconds>{seconds{7}});
    CHECK(emu.requests().size() == 2);
}

TEST_CASE("async_client: with no waiter given, the wait is a timer on the coroutine's executor")
{
    test::emulator emu(test::script_for("busy", {test::reply(503, "busy", {{"Content-Type", "text/plain"}, {"Retry-After", "0"}}),
                                                 test::reply(200, R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSSent","timestamp":"2026-11-26T15:00:00"})")}));
    std::string outcome;
    asio::io_context io;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto const ex = co_await asio::this_coro::executor;
        beast_async_transport http(ex);
        async_client sms(http, endpoint::from_url(emu.http).value(), access_token::make(emu.token).value());
        auto r = co_await sms.async_get_status("busy");
        outcome = r ? std::string(to_string(r->status)) : r.error().to_string();
    }, asio::detached);
    io.run();
    CHECK(outcome == "sent"); // Retry-After: 0, so the timer waits nothing
    CHECK(emu.requests().size() == 2);
}

TEST_CASE("async_client: a 401 drops the token, fetches a new one and tries once more")
{
    test::emulator emu(test::script_for("k", {test::reply(401, R"({"message":"Not Authorized","errorcode":0})"),
                                              test::reply(200, R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSQueued","timestamp":"2026-11-26T15:00:00"})")}));
    asio::io_context io;
    std::string outcome;
    std::uint64_t fetched = 0;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto const ex = co_await asio::this_coro::executor;
        beast_async_transport token_http(ex);
        beast_async_transport http(ex);
        async_token_provider tokens(std::ref(token_http), endpoint::from_url(emu.http).value(),
                                    client_credentials::make(emu.client_id, emu.client_secret).value());
        async_client sms(http, tokens); // the REST base comes with the token
        auto r = co_await sms.async_get_status("k");
        outcome = r ? std::string(to_string(r->status)) : r.error().to_string();
        fetched = tokens.token_requests();
        CHECK(sms.rest_endpoint());
    }, asio::detached);
    io.run();
    CHECK(outcome == "queued");
    CHECK(fetched == 2);
    auto const requests = emu.requests();
    REQUIRE(requests.size() == 4); // token, lookup (401), token, lookup
    CHECK(requests[1].header("Authorization") != requests[3].header("Authorization"));
}

TEST_CASE("async_client: fifty concurrent lookups share one token provider: one token request")
{
    test::emulator emu;
    concurrent_lookups c(emu);
    c.run("bcX0qaEp0USGciEnUJTW0w", 50, 1);
    REQUIRE(c.got.size() == 50);
    CHECK(std::count(c.got.begin(), c.got.end(), "sent") == 50);
    CHECK(token_requests(emu) == 1);
    CHECK(c.tokens.token_requests() == 1);
}

TEST_CASE("async_client: several threads running one io_context, one token request")
{
    test::emulator emu;
    concurrent_lookups c(emu);
    c.run("fcdbb2f9-438b-4d52-a380-2eade2f46396", 40, 4);
    REQUIRE(c.got.size() == 40);
    CHECK(std::count(c.got.begin(), c.got.end(), "queued") == 40);
    CHECK(token_requests(emu) == 1);
}

TEST_CASE("async_client: a NotSent sweep driven by a coroutine, through a 429, to the end of a growing log")
{
    boost::json::object pass{{"pass", true}};
    boost::json::object script{{"not_sent", boost::json::array{pass, test::reply(429, R"({"message":"slow down","errorcode":50100})",
                                                                                 {{"Retry-After", "2"}}),
                                                               pass}}};
    test::emulator emu(script, {"--not-sent", "6", "--not-sent-growth", "1"});
    std::vector<std::int64_t> ids;
    std::vector<milliseconds> waits;
    std::optional<failure> failed;
    asio::io_context io;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto const ex = co_await asio::this_coro::executor;
        beast_async_transport http(ex);
        async_client sms(http, endpoint::from_url(emu.http).value(), access_token::make(emu.token).value(),
                         recording_waits(waits));
        not_sent_sweep sweep({.page_size = 3});
        while (!sweep.caught_up()) {
            auto const next = sweep.next_page();
            auto page = co_await sms.async_run(next);
            if (!page) {
                failed = page.error();
                co_return;
            }
            auto const taken = sweep.take(std::move(*page));
            if (!taken) {
                failed = taken.error();
                co_return;
            }
            for (auto const& e : *taken)
                ids.push_back(e.event_id);
        }
    }, asio::detached);
    io.run();
    CHECK_FALSE(failed);
    CHECK(ids.size() == 10); // 7 at first, one more after each of the 3 full pages: the 4th page is short
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(waits == std::vector<milliseconds>{seconds{2}});
}

TEST_CASE("async_client: any completion token, as Beast and Boost.MySQL take: a callback, use_future, deferred")
{
    test::emulator emu;
    asio::io_context io;
    beast_async_transport http(io.get_executor());
    async_client sms(http, endpoint::from_url(emu.http).value(), access_token::make(emu.token).value());

    // A callback: invoked on the transport's executor once io runs, never inside the call.
    std::vector<std::string> seen;
    sms.async_get_status("bcX0qaEp0USGciEnUJTW0w", [&](api_result<message_status> r) {
        seen.push_back(r ? std::string(to_string(r->status)) : r.error().to_string());
        // The next operation starts from the handler, as Asio code chains them.
        sms.async_run(status_lookup{message_key::make("nope").value()}, [&](api_result<message_status> again) {
            seen.push_back(again ? "found" : again.error().code.message());
        });
    });
    CHECK(seen.empty());
    io.run();
    CHECK(seen == std::vector<std::string>{"sent", "the API answered 404 Not Found"});

    // An invalid key completes through the handler too, with nothing sent.
    auto const sent_before = emu.requests().size();
    std::optional<api_result<message_status>> invalid;
    sms.async_get_status("", [&](api_result<message_status> r) { invalid.emplace(std::move(r)); });
    CHECK_FALSE(invalid);
    io.restart();
    io.run();
    REQUIRE(invalid);
    CHECK(invalid->error().code == error::key_empty);
    CHECK(emu.requests().size() == sent_before);

    // use_future, the result taken on another thread than the one running io.
    auto future = sms.async_get_status("9a-zUvWf3UKxLpwwIrqTmQ", asio::use_future);
    io.restart();
    std::thread runner([&] { io.run(); });
    auto const got = future.get();
    runner.join();
    REQUIRE(got);
    CHECK(got->status == send_status::not_sent);

    // deferred: nothing starts until the deferred operation is launched.
    auto deferred = sms.async_run(status_lookup{message_key::make("fcdbb2f9-438b-4d52-a380-2eade2f46396").value()},
                                  asio::deferred);
    auto const before_launch = emu.requests().size();
    std::optional<send_status> queued;
    std::move(deferred)([&](api_result<message_status> r) { queued = r ? std::optional(r->status) : std::nullopt; });
    CHECK(emu.requests().size() == before_launch);
    io.restart();
    io.run();
    CHECK(queued == send_status::queued);
    CHECK(emu.requests().size() == before_launch + 1);
}
