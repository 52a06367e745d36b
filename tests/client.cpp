#include <sfmc/sms/client.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#include <functional>
#include <deque>
#include <string>
#include <thread>
#include <vector>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {
client<test::fake_transport> make_client(test::fake_transport& t, client_options opt = {})
{
    return {t, *endpoint::from_subdomain("mcx"), *access_token::make("tok-1"), std::move(opt)};
}
} // namespace

TEST_CASE("client: validates, builds, sends and decodes, reusing the one transport")
{
    test::fake_transport http;
    http.replies = {test::ok(test::fixture("sent.json")), test::ok(test::fixture("queued.json"))};
    auto c = make_client(http);

    auto first = c.get_status("bcX0qaEp0USGciEnUJTW0w");
    REQUIRE(first);
    CHECK(first->status == send_status::sent);
    auto second = c.get_status("a b/c");
    REQUIRE(second);
    CHECK(second->status == send_status::queued);

    REQUIRE(http.seen.size() == 2);
    CHECK(http.seen[0].method == "GET");
    CHECK(http.seen[0].url == "https://mcx.rest.marketingcloudapis.com/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    CHECK(http.seen[1].target == "/messaging/v1/sms/messages/a%20b%2Fc");
    CHECK(http.seen[1].headers[1].value == "Bearer tok-1");
}

TEST_CASE("client: an invalid key is refused and nothing is sent")
{
    test::fake_transport http;
    auto c = make_client(http);
    CHECK(c.get_status("").error().code == error::key_empty);
    CHECK(c.get_status(std::string(101, 'x')).error().code == error::key_too_long);
    CHECK(c.get_status("\xC0\xAF").error().code == condition::invalid_input);
    CHECK(http.seen.empty());
}

TEST_CASE("client: a transport failure keeps the transport's own code")
{
    test::fake_transport http;
    http.replies = {boost::system::error_code(ECONNREFUSED, boost::system::generic_category())};
    auto c = make_client(http, {.retry = {.max_retries = 0}});
    auto r = c.get_status("k");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == condition::transport);
    CHECK(r.error().code.value() == ECONNREFUSED);
    CHECK(r.error().http_status == 0);
}

TEST_CASE("client: API errors come back typed, a Retry-After date is resolved with the injected clock")
{
    test::fake_transport http;
    http.replies = {http_response{429, {{"Retry-After", "Thu, 26 Nov 2026 21:01:00 GMT"}}, test::fixture("rate_limited.json")}};
    client_options opt;
    opt.retry.max_retries = 0;
    opt.clock = [] { return system_clock::time_point(sys_days{year{2026} / 11 / 26} + hours{21}); };
    auto c = make_client(http, opt);
    auto r = c.get_status("k");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == error::rate_limited);
    CHECK(r.error().retry_after == seconds{60});
}

TEST_CASE("client: a new token is used from the next call on")
{
    test::fake_transport http;
    http.replies = {test::ok(test::fixture("queued.json")), test::ok(test::fixture("queued.json"))};
    auto c = make_client(http);
    CHECK(c.get_status("k"));
    c.set_token(*access_token::make("tok-2"));
    CHECK(c.get_status("k"));
    CHECK(http.seen[0].headers[1].value == "Bearer tok-1");
    CHECK(http.seen[1].headers[1].value == "Bearer tok-2");
    CHECK(c.rest_endpoint()->host() == "mcx.rest.marketingcloudapis.com");
}

namespace {

// Records the waits instead of sleeping.
struct recorded_sleeps {
    std::vector<milliseconds> waits;
    client_options options(retry_policy policy = {})
    {
        client_options opt;
        opt.retry = policy;
        opt.wait = [this](milliseconds d) { waits.push_back(d); };
        opt.random = [] { return 0.0; };
        opt.clock = [] { return system_clock::time_point(sys_days{year{2026} / 11 / 26} + hours{21}); };
        return opt;
    }
};

http_response rate_limited(std::string retry_after = "", int errorcode = 50100)
{
    http_response r{429, {}, R"({"message":"Rate limit exceeded","errorcode":)" + std::to_string(errorcode) + "}"};
    if (!retry_after.empty())
        r.headers.push_back({"Retry-After", retry_after});
    return r;
}

} // namespace

TEST_CASE("client: 429 then 200: waits as Retry-After says, then succeeds")
{
    test::fake_transport http;
    http.replies = {rate_limited("3"), test::ok(test::fixture("sent.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options());
    auto r = c.get_status("k");
    REQUIRE(r.has_value());
    CHECK(sleeps.waits == std::vector<milliseconds>{seconds{3}});
    CHECK(http.seen.size() == 2);
}

TEST_CASE("client: Retry-After as an HTTP-date is waited for against the injected clock")
{
    test::fake_transport http;
    http.replies = {rate_limited("Thu, 26 Nov 2026 21:00:20 GMT"), test::ok(test::fixture("sent.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options());
    CHECK(c.get_status("k").has_value());
    CHECK(sleeps.waits == std::vector<milliseconds>{seconds{20}});
}

TEST_CASE("client: 429 with errorcode 50200 is never retried")
{
    test::fake_transport http;
    http.replies = {rate_limited("1", 50200), test::ok(test::fixture("sent.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options());
    auto r = c.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == error::blocked);
    CHECK(sleeps.waits.empty());
    CHECK(http.seen.size() == 1);
}

TEST_CASE("client: 4xx other than 429 are never retried")
{
    for (int status : {400, 401, 403, 404, 409}) {
        test::fake_transport http;
        http.replies = {http_response{status, {}, "{}"}, test::ok(test::fixture("sent.json"))};
        recorded_sleeps sleeps;
        auto c = make_client(http, sleeps.options());
        CHECK_FALSE(c.get_status("k").has_value());
        CHECK(http.seen.size() == 1);
    }
}

TEST_CASE("client: retries are bounded by count, then the last failure comes back with its delay")
{
    test::fake_transport http;
    http.replies = {rate_limited("1"), rate_limited("2"), rate_limited("3"), test::ok(test::fixture("sent.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options({.max_retries = 2}));
    auto r = c.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().retry_after == seconds{3});
    CHECK(sleeps.waits == std::vector<milliseconds>{seconds{1}, seconds{2}});
    CHECK(http.seen.size() == 3);
}

TEST_CASE("client: max wait reached: gives up rather than wait longer")
{
    test::fake_transport http;
    http.replies = {rate_limited("5"), rate_limited("30"), test::ok(test::fixture("sent.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options({.max_retries = 5, .max_total_wait = seconds{20}}));
    auto r = c.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == error::rate_limited);
    CHECK(r.error().retry_after == seconds{30});
    CHECK(sleeps.waits == std::vector<milliseconds>{seconds{5}});
}

TEST_CASE("client: transport failures and 503 are retried with exponential backoff")
{
    test::fake_transport http;
    http.replies = {boost::system::error_code(ECONNRESET, boost::system::generic_category()),
                    http_response{503, {}, R"({"message":"Service Unavailable","errorcode":50300})"},
                    test::ok(test::fixture("queued.json"))};
    recorded_sleeps sleeps;
    auto c = make_client(http, sleeps.options());
    auto r = c.get_status("k");
    REQUIRE(r.has_value());
    CHECK(r->status == send_status::queued);
    CHECK(sleeps.waits == std::vector<milliseconds>{seconds{2}, seconds{4}});
}

namespace {
// Answers the token endpoint and the status route apart, so order does not matter.
struct routed_transport {
    std::deque<http_response> token_replies, status_replies;
    std::vector<std::string> authorizations;
    int token_requests = 0;
    result<http_response> send(http_request const& req)
    {
        if (req.target().ends_with("/v2/token")) {
            ++token_requests;
            auto r = token_replies.front();
            token_replies.pop_front();
            return r;
        }
        authorizations.emplace_back(*req.header("Authorization"));
        auto r = status_replies.front();
        status_replies.pop_front();
        return r;
    }
};

http_response token(std::string_view value, std::string_view rest = "https://mc-tenant.rest.marketingcloudapis.com/")
{
    return {200, {}, R"({"access_token":")" + std::string(value) + R"(","expires_in":1080,"rest_instance_url":")" + std::string(rest) + R"("})"};
}
} // namespace

TEST_CASE("client: with a token provider, 401 refreshes the token once and retries once")
{
    routed_transport http;
    http.token_replies = {token("old"), token("new")};
    http.status_replies = {http_response{401, {}, R"({"message":"Not Authorized","errorcode":0})"}, test::ok(test::fixture("sent.json"))};
    token_provider tokens(std::ref(http), endpoint::from_url("https://mc-tenant.auth.marketingcloudapis.com").value(),
                          client_credentials::make("id", "secret").value());
    client c(http, tokens, {.retry = {.max_retries = 0}});
    auto r = c.get_status("k");
    REQUIRE(r.has_value());
    CHECK(http.token_requests == 2);
    CHECK(http.authorizations == std::vector<std::string>{"Bearer old", "Bearer new"});
    // The REST endpoint came from the token's rest_instance_url, trailing '/' and all.
    CHECK(c.rest_endpoint()->url() == "https://mc-tenant.rest.marketingcloudapis.com");
}

TEST_CASE("client: a second 401 after the refresh is the answer")
{
    routed_transport http;
    http.token_replies = {token("old"), token("new")};
    http.status_replies = {http_response{401, {}, "{}"}, http_response{401, {}, "{}"}};
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    client c(http, endpoint::from_url("https://rest.example.com").value(), tokens);
    auto r = c.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == error::unauthorized);
    CHECK(http.token_requests == 2);
    CHECK(http.authorizations.size() == 2);
}

TEST_CASE("client: a fixed token set on a client built with a provider replaces the provider")
{
    routed_transport http;
    http.token_replies = {token("from-provider")};
    http.status_replies = {test::ok(test::fixture("sent.json")), test::ok(test::fixture("sent.json"))};
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    client c(http, endpoint::from_url("https://rest.example.com").value(), tokens);
    CHECK(c.get_status("k"));
    c.set_token(*access_token::make("fixed"));
    CHECK(c.get_status("k"));
    CHECK(http.token_requests == 1);
    REQUIRE(http.authorizations.size() == 2);
    CHECK(http.authorizations[0] == "Bearer from-provider");
    CHECK(http.authorizations[1] == "Bearer fixed");
}

TEST_CASE("client: one token serves many lookups, a refused token request fails the lookup as such")
{
    routed_transport http;
    http.token_replies = {token("only")};
    http.status_replies = {test::ok(test::fixture("sent.json")), test::ok(test::fixture("queued.json")),
                           test::ok(test::fixture("sent.json"))};
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    client c(http, tokens);
    for (auto key : {"a", "b", "c"})
        CHECK(c.get_status(key).has_value());
    CHECK(http.token_requests == 1);

    routed_transport refused;
    refused.token_replies = {http_response{401, {}, R"({"error":"invalid_client","error_description":"Invalid client ID."})"}};
    token_provider bad(std::ref(refused), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    client d(refused, bad);
    auto r = d.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().request == "token request");
    CHECK(r.error().oauth->description == "Invalid client ID.");
    CHECK(r.error().message.empty());
    CHECK(refused.authorizations.empty());
}

TEST_CASE("client: a token without a usable rest_instance_url, and no endpoint given, is a clear error")
{
    routed_transport http;
    http.token_replies = {token("t", "http://evil.example.com/")};
    token_provider tokens(std::ref(http), endpoint::from_url("https://auth.example.com").value(), client_credentials::make("id", "s").value());
    client c(http, tokens);
    auto r = c.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == error::insecure_url);
    CHECK(http.authorizations.empty()); // nothing sent in clear text
}

TEST_CASE("client: eight clients on eight threads share one token provider: one token request")
{
    // The provider's transport answers tokens; each client has a transport of its own.
    routed_transport token_http;
    token_http.token_replies = {token("shared")};
    token_provider tokens(std::ref(token_http), endpoint::from_url("https://auth.example.com").value(),
                          client_credentials::make("id", "s").value());
    std::vector<routed_transport> lookups(8);
    std::vector<std::string> got(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < lookups.size(); ++i) {
        lookups[i].status_replies = {test::ok(test::fixture("sent.json"))};
        threads.emplace_back([&, i] {
            client c(lookups[i], tokens);
            auto r = c.get_status("k");
            got[i] = r ? std::string(to_string(r->status)) : r.error().to_string();
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(token_http.token_requests == 1);
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i] == "sent");
        CHECK(lookups[i].authorizations == std::vector<std::string>{"Bearer shared"});
    }
}
