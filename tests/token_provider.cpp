#include <sfmc/sms/token_provider.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {

// A token endpoint: hands out "token-1", "token-2"..., or the failure it is told to. It can
// hold every request until released, so tests control what overlaps without sleeping.
struct token_endpoint {
    std::mutex m;
    std::condition_variable cv;
    bool held = false;
    int waiting = 0;
    std::atomic<int> requests{0};
    int expires_in = 1080;
    std::optional<http_response> failure_reply;
    std::string last_body;

    result<http_response> send(http_request const& req)
    {
        int const n = ++requests;
        std::unique_lock lock(m);
        last_body = std::string(req.body());
        ++waiting;
        cv.notify_all();
        cv.wait(lock, [&] { return !held; });
        --waiting;
        if (failure_reply)
            return *failure_reply;
        return http_response{200, {}, R"({"access_token":"token-)" + std::to_string(n) + R"(","expires_in":)" +
                                          std::to_string(expires_in) + R"(,"rest_instance_url":"https://mcx.rest.example.com/"})"};
    }

    void wait_for_request()
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return waiting > 0; });
    }

    void release()
    {
        std::lock_guard lock(m);
        held = false;
        cv.notify_all();
    }
};

struct fake_clock {
    steady_clock::time_point now{};
    std::function<steady_clock::time_point()> fn() { return [this] { return now; }; }
};

token_provider make_provider(token_endpoint& http, fake_clock& clock, seconds margin = seconds{120})
{
    return token_provider(std::ref(http), endpoint::from_url("https://mcx.auth.example.com").value(),
                          client_credentials::make("id", "secret").value(),
                          {.cache = {.refresh_margin = margin}, .clock = clock.fn()});
}

} // namespace

TEST_CASE("token_provider: the token is cached, then refreshed two minutes before it expires")
{
    token_endpoint http;
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    CHECK(tokens.get()->token.reveal() == "token-1");
    CHECK(http.last_body.find(R"("client_secret":"secret")") != std::string::npos);
    clock.now += seconds{1080 - 120} - milliseconds{1};
    CHECK(tokens.get()->token.reveal() == "token-1"); // just inside the margin
    CHECK(http.requests == 1);
    clock.now += milliseconds{1};
    CHECK(tokens.get()->token.reveal() == "token-2"); // at the margin: refreshed
    CHECK(tokens.get()->token.reveal() == "token-2");
    CHECK(http.requests == 2);
    CHECK(tokens.token_requests() == 2);
}

TEST_CASE("token_provider: a short-lived token is still reused for half its life")
{
    token_endpoint http;
    http.expires_in = 60; // shorter than the margin
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    CHECK(tokens.get()->token.reveal() == "token-1");
    clock.now += seconds{29};
    CHECK(tokens.get()->token.reveal() == "token-1");
    clock.now += seconds{1};
    CHECK(tokens.get()->token.reveal() == "token-2");
}

TEST_CASE("token_provider: invalidate drops the rejected token only")
{
    token_endpoint http;
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    auto const first = tokens.get()->token;
    tokens.invalidate(access_token::make("some-other-token").value());
    CHECK(tokens.get()->token == first);
    tokens.invalidate(first);
    CHECK(tokens.get()->token.reveal() == "token-2");
}

TEST_CASE("token_provider: concurrent callers share one token request")
{
    token_endpoint http;
    http.held = true;
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    std::vector<std::string> got(8);
    std::vector<std::thread> callers;
    callers.emplace_back([&] { got[0] = std::string(tokens.get()->token.reveal()); });
    http.wait_for_request(); // the first caller's request is in flight...
    for (std::size_t i = 1; i < got.size(); ++i)
        callers.emplace_back([&, i] { got[i] = std::string(tokens.get()->token.reveal()); });
    http.release();
    for (auto& t : callers)
        t.join();
    CHECK(http.requests == 1);
    for (auto const& g : got)
        CHECK(g == "token-1");
}

TEST_CASE("token_provider: a failed token request is reported to every waiting caller, not retried")
{
    token_endpoint http;
    http.held = true;
    http.failure_reply = http_response{401, {}, R"({"error":"invalid_client","error_description":"Invalid client ID."})"};
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    std::vector<std::optional<failure>> got(4);
    std::vector<std::thread> callers;
    auto const call = [&](std::size_t i) {
        auto r = tokens.get();
        if (!r)
            got[i] = r.error();
    };
    callers.emplace_back(call, 0);
    http.wait_for_request();
    for (std::size_t i = 1; i < got.size(); ++i)
        callers.emplace_back(call, i);
    // The waiting callers must be waiting on the provider before the request ends; they
    // either wait or arrive after and make a request of their own. Count both.
    http.release();
    for (auto& t : callers)
        t.join();
    for (auto const& g : got) {
        REQUIRE(g.has_value());
        CHECK(g->oauth->error == "invalid_client");
        CHECK(g->request == "token request");
    }
    CHECK(http.requests <= static_cast<int>(got.size()));
}

TEST_CASE("token_provider: a definite refusal is held, not asked again, for refusal_hold")
{
    token_endpoint http;
    http.failure_reply = http_response{401, {}, R"({"error":"invalid_client","error_description":"Invalid client ID."})"};
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    for (int i = 0; i < 100; ++i)
        CHECK(tokens.get().error().oauth->error == "invalid_client");
    CHECK(http.requests == 1);
    clock.now += seconds{60};
    http.failure_reply.reset();
    CHECK(tokens.get()->token.reveal() == "token-2"); // asked again once the hold is over
}

TEST_CASE("token_provider: a failure that may pass (429, 5xx, no response) is asked again at the next call")
{
    token_endpoint http;
    http.failure_reply = http_response{429, {{"Retry-After", "1"}}, R"({"message":"Rate limit exceeded","errorcode":50100})"};
    fake_clock clock;
    auto tokens = make_provider(http, clock);
    CHECK(tokens.get().error().code == error::rate_limited);
    CHECK(tokens.get().error().code == error::rate_limited);
    CHECK(http.requests == 2);
    http.failure_reply = http_response{503, {}, "{}"};
    CHECK(tokens.get().error().code == error::server_error);
    http.failure_reply.reset();
    CHECK(tokens.get()->token.reveal() == "token-4");
}

TEST_CASE("token_provider: a transport failure is a token-request failure")
{
    struct down {
        result<http_response> send(http_request const&) { return boost::system::error_code(ECONNREFUSED, boost::system::generic_category()); }
    } http;
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    auto r = tokens.get();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == condition::transport);
    CHECK(r.error().request == token_grant::name);
}

#ifndef BOOST_NO_EXCEPTIONS
TEST_CASE("token_provider: a transport that throws passes the exception on, fails those waiting, and leaves the provider usable")
{
    // The first request is held until released, then throws; later ones answer.
    struct throwing_once {
        std::mutex m;
        std::condition_variable cv;
        bool released = false;
        int requests = 0;
        result<http_response> send(http_request const&)
        {
            std::unique_lock lock(m);
            int const n = ++requests;
            cv.notify_all();
            if (n == 1) {
                cv.wait(lock, [&] { return released; });
                throw std::runtime_error("the company wrapper gave up");
            }
            return http_response{200, {}, R"({"access_token":"token-2","expires_in":1080})"};
        }
    } http;
    std::mutex m;
    std::condition_variable cv;
    std::thread::id waiter_id;
    bool waiter_looked = false;
    // The clock is read under the provider's lock just before a caller waits: once the
    // second thread has read it, that thread waits for the first one's request.
    auto const clock = [&] {
        std::lock_guard lock(m);
        if (std::this_thread::get_id() == waiter_id) {
            waiter_looked = true;
            cv.notify_all();
        }
        return steady_clock::time_point{};
    };
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value(),
                          {.clock = clock});
    std::string thrown;
    std::thread first([&] {
        try {
            (void)tokens.get();
        } catch (std::runtime_error const& e) {
            thrown = e.what();
        }
    });
    {
        std::unique_lock lock(http.m);
        http.cv.wait(lock, [&] { return http.requests == 1; }); // wait: it is in its send
    }
    std::optional<api_result<token_response>> waited;
    std::thread second([&] {
        {
            std::lock_guard lock(m);
            waiter_id = std::this_thread::get_id();
        }
        waited = tokens.get();
    });
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return waiter_looked; });
    }
    {
        std::lock_guard lock(http.m);
        http.released = true;
    }
    http.cv.notify_all();
    first.join();
    second.join();
    CHECK(thrown == "the company wrapper gave up");
    REQUIRE(waited);
    REQUIRE_FALSE(waited->has_value());
    CHECK(waited->error().code == error::transport_failed);
    auto const again = tokens.get(); // usable: a new request, a token
    REQUIRE(again.has_value());
    CHECK(again->token.reveal() == "token-2");
}
#endif
