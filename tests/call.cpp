#include <sfmc/sms/call.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#include <sfmc/sms/ens/callbacks.hpp>
#include <sfmc/sms/status_lookup.hpp>
#include <sfmc/sms/token_grant.hpp>

#include <string>
#include <vector>

// The state machine driven by hand: no transport, no clock, no sleep.
using namespace sfmc::sms;
using namespace std::chrono;
namespace ens = sfmc::sms::ens;

namespace {

endpoint rest() { return *endpoint::from_subdomain("mcx"); }
status_lookup lookup(std::string_view key = "k") { return {*message_key::make(key)}; }
access_token token(std::string_view t) { return *access_token::make(t); }

token_response granted(std::string_view t, std::optional<std::string> rest_url = std::nullopt)
{
    return {token(t), "Bearer", seconds{1080}, std::nullopt, std::move(rest_url), std::nullopt};
}

http_response reply(int status, std::string body = "{}", std::vector<http_header> headers = {})
{
    headers.push_back({"Content-Type", "application/json"});
    return {status, std::move(headers), std::move(body)};
}

system_clock::time_point const now = sys_days{year{2026} / 11 / 26} + hours{21};

} // namespace

TEST_CASE("call: with a fixed token, one send then done, asking again repeats the step")
{
    call c(lookup("a b"), rest());
    c.use_token(token("tok-1"));
    REQUIRE(c.next() == call_action::send);
    CHECK(c.next() == call_action::send); // not fed yet: the same step
    CHECK(c.request().target() == "/messaging/v1/sms/messages/a%20b");
    CHECK(c.request().header("Authorization") == "Bearer tok-1");
    c.on_response(test::ok(test::fixture("sent.json")), now);
    REQUIRE(c.next() == call_action::done);
    REQUIRE(c.result());
    CHECK(c.result()->status == send_status::sent);
    CHECK(c.attempts() == 1);
    c.on_response(reply(500), now); // out of turn: ignored
    CHECK(c.next() == call_action::done);
    CHECK(c.result());
}

TEST_CASE("call: a fixed token's 401 is final")
{
    call c(lookup(), rest());
    c.use_token(token("tok-1"));
    REQUIRE(c.next() == call_action::send);
    c.on_response(reply(401, R"({"message":"Not Authorized","errorcode":0})"), now);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().code == error::unauthorized);
}

TEST_CASE("call: asks for a token, and after a 401 once more naming the rejected one, a second 401 is final")
{
    call c(lookup(), rest());
    REQUIRE(c.next() == call_action::fetch_token);
    CHECK(c.rejected_token() == nullptr);
    c.on_token(granted("tok-1"));
    REQUIRE(c.next() == call_action::send);
    CHECK(c.request().header("Authorization") == "Bearer tok-1");
    c.on_response(reply(401), now);

    REQUIRE(c.next() == call_action::fetch_token);
    REQUIRE(c.rejected_token());
    CHECK(*c.rejected_token() == token("tok-1"));
    c.on_token(granted("tok-2"));
    REQUIRE(c.next() == call_action::send);
    CHECK(c.request().header("Authorization") == "Bearer tok-2");
    c.on_response(reply(401), now);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().code == error::unauthorized);
    CHECK(c.attempts() == 2);
}

TEST_CASE("call: 401, refresh, then 200")
{
    call c(lookup(), rest());
    c.next();
    c.on_token(granted("tok-1"));
    c.next();
    c.on_response(reply(401), now);
    REQUIRE(c.next() == call_action::fetch_token);
    c.on_token(granted("tok-2"));
    REQUIRE(c.next() == call_action::send);
    c.on_response(test::ok(test::fixture("queued.json")), now);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result()->status == send_status::queued);
}

TEST_CASE("call: 429 with Retry-After as a date waits until then, resolved with the time fed in")
{
    call c(lookup(), rest());
    c.use_token(token("tok-1"));
    c.next();
    c.on_response(reply(429, "{}", {{"Retry-After", "Thu, 26 Nov 2026 21:01:00 GMT"}}), now);
    REQUIRE(c.next(0.9) == call_action::wait);
    CHECK(c.delay() == seconds{60}); // the server's delay: no jitter on top
    REQUIRE(c.next() == call_action::send);
    c.on_response(test::ok(test::fixture("sent.json")), now + seconds{60});
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result());
    CHECK(c.attempts() == 2);
}

TEST_CASE("call: backoff with the jitter passed in, retries stop at max_retries")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 2, .initial_backoff = seconds{2}}});
    c.use_token(token("tok-1"));
    c.next();
    c.on_transport_error(boost::system::error_code(ECONNRESET, boost::system::generic_category()));
    REQUIRE(c.next(0.5) == call_action::wait);
    CHECK(c.delay() == milliseconds{2500}); // 2 s + half of a half
    REQUIRE(c.next() == call_action::send);
    c.on_transport_error(boost::system::error_code(ECONNRESET, boost::system::generic_category()));
    REQUIRE(c.next(0.0) == call_action::wait);
    CHECK(c.delay() == seconds{4});
    REQUIRE(c.next() == call_action::send);
    c.on_transport_error(boost::system::error_code(ECONNRESET, boost::system::generic_category()));
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().code.value() == ECONNRESET);
    CHECK(c.result().error().code == condition::transport);
}

TEST_CASE("call: when the wait would pass max_total_wait, the last failure comes back with its delay")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 5, .max_total_wait = seconds{30}}});
    c.use_token(token("tok-1"));
    c.next();
    c.on_response(reply(429, R"({"message":"slow down","errorcode":50100})", {{"Retry-After", "120"}}), now);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().code == error::rate_limited);
    CHECK(c.result().error().retry_after == seconds{120});
}

TEST_CASE("call: 429 with errorcode 50200 (blocked) is never retried")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 5}});
    c.use_token(token("tok-1"));
    c.next();
    c.on_response(reply(429, R"({"message":"blocked","errorcode":50200})", {{"Retry-After", "1"}}), now);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().code == error::blocked);
}

TEST_CASE("call: an empty transport error is still a transport failure")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 0}});
    c.use_token(token("tok-1"));
    c.next();
    c.on_transport_error(boost::system::error_code{});
    REQUIRE(c.next() == call_action::done);
    REQUIRE_FALSE(c.result());
    CHECK(c.result().error().code == error::transport_failed);
    CHECK(c.result().error().code == condition::transport);
}

TEST_CASE("call: a transport failure's text says its cause once")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 0}});
    c.use_token(token("tok-1"));
    c.next();
    auto const refused = make_error_code(boost::system::errc::connection_refused);
    c.on_transport_error(refused);
    REQUIRE(c.next() == call_action::done);
    auto const text = c.result().error().to_string();
    CHECK(text == "send-status lookup: " + refused.message());
}

TEST_CASE("call: a token failure is retried like any other, and a refusal is final")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 1}});
    REQUIRE(c.next() == call_action::fetch_token);
    failure unreachable(error::transport_failed);
    unreachable.request = token_grant::name;
    c.on_token(unreachable);
    REQUIRE(c.next(0.0) == call_action::wait);
    REQUIRE(c.next() == call_action::fetch_token);
    failure refused(error::unauthorized);
    refused.http_status = 401;
    refused.oauth = oauth_error{"invalid_client", "no such client", ""};
    refused.request = token_grant::name;
    c.on_token(refused);
    REQUIRE(c.next() == call_action::done);
    CHECK(c.result().error().oauth->error == "invalid_client");
    CHECK(c.result().error().request == "token request"); // not renamed after the lookup
    CHECK(c.attempts() == 0); // nothing was sent to the route
}

TEST_CASE("call: without an endpoint, the token's rest_instance_url is used, if it is safe")
{
    call c(lookup(), std::nullopt);
    REQUIRE(c.next() == call_action::fetch_token);
    c.on_token(granted("tok-1", "https://mcy.rest.marketingcloudapis.com/"));
    REQUIRE(c.next() == call_action::send);
    CHECK(c.request().url() == "https://mcy.rest.marketingcloudapis.com/messaging/v1/sms/messages/k");
    REQUIRE(c.base());
    CHECK(c.base()->host() == "mcy.rest.marketingcloudapis.com");

    call missing(lookup(), std::nullopt);
    missing.next();
    missing.on_token(granted("tok-1"));
    REQUIRE(missing.next() == call_action::done);
    CHECK(missing.result().error().code == error::bad_url);

    call insecure(lookup(), std::nullopt);
    insecure.next();
    insecure.on_token(granted("tok-1", "http://mcy.rest.marketingcloudapis.com/"));
    REQUIRE(insecure.next() == call_action::done);
    CHECK(insecure.result().error().code == error::insecure_url);
}

TEST_CASE("call: a server that echoes the bearer token or the client secret does not get it printed")
{
    call c(lookup(), rest(), {.retry = {.max_retries = 0}});
    c.use_token(token("s3cr3t-token-value"));
    c.next();
    c.on_response(reply(400, R"({"message":"bad token s3cr3t-token-value here","errorcode":1,)"
                             R"("documentation":"s3cr3t-token-value"})"),
                  now);
    REQUIRE(c.next() == call_action::done);
    auto const text = c.result().error().to_string();
    CHECK(text.find("s3cr3t-token-value") == std::string::npos);
    CHECK(text.find("bad token [redacted] here") != std::string::npos);
    CHECK(c.result().error().documentation == "[redacted]");

    call proxy(lookup(), rest(), {.retry = {.max_retries = 0}});
    proxy.use_token(token("s3cr3t-token-value"));
    proxy.next();
    proxy.on_response({502, {{"Content-Type", "text/html"}}, "<p>Authorization: Bearer s3cr3t-token-value</p>"}, now);
    REQUIRE(proxy.next() == call_action::done);
    CHECK(proxy.result().error().raw_body == "<p>Authorization: Bearer [redacted]</p>");

    auto const auth = *endpoint::from_subdomain("mcx", endpoint::api::auth);
    call grant(token_grant{*client_credentials::make("id", "very-secret-value")}, auth, {.retry = {.max_retries = 0}});
    REQUIRE(grant.next() == call_action::send);
    CHECK(grant.request().target() == "/v2/token");
    grant.on_response(reply(401, R"({"error":"invalid_client","error_description":"secret very-secret-value is wrong"})"),
                      now);
    REQUIRE(grant.next() == call_action::done);
    CHECK(grant.result().error().oauth->description == "secret [redacted] is wrong");
    CHECK(grant.result().error().request == "token request");
}

TEST_CASE("call: the token route needs no token and decodes a token")
{
    auto const auth = *endpoint::from_subdomain("mcx", endpoint::api::auth);
    call grant(token_grant{*client_credentials::make("id", "secret")}, auth);
    static_assert(!decltype(grant)::needs_token);
    REQUIRE(grant.next() == call_action::send);
    grant.on_response(reply(200, R"({"access_token":"abc","token_type":"Bearer","expires_in":1080})"), now);
    REQUIRE(grant.next() == call_action::done);
    REQUIRE(grant.result());
    CHECK(grant.result()->token == token("abc"));
}

namespace readme {
// The README's example of driving a call from one's own loop.
sfmc::sms::api_result<sfmc::sms::message_status> drive(test::fake_transport& http, sfmc::sms::message_key const& key,
                                                       sfmc::sms::endpoint const& rest, sfmc::sms::access_token const& token,
                                                       std::vector<milliseconds>& waits)
{
    // [readme-driving]
    sfmc::sms::call lookup(sfmc::sms::status_lookup{key}, rest);
    lookup.use_token(token);
    while (true) {
        switch (lookup.next(/*random01=*/0.5)) {
        case sfmc::sms::call_action::fetch_token: break; // never with a fixed token
        case sfmc::sms::call_action::send:
            if (auto response = http.send(lookup.request()))
                lookup.on_response(*response, std::chrono::system_clock::now());
            else
                lookup.on_transport_error(response.error());
            continue;
        case sfmc::sms::call_action::wait: waits.push_back(lookup.delay()); continue; // a timer, in a real loop
        case sfmc::sms::call_action::done: return std::move(lookup.result());
        }
    }
    // [readme-driving]
}
} // namespace readme

TEST_CASE("call: the README's loop drives a lookup through a 503 to its status")
{
    test::fake_transport http;
    http.replies = {http_response{503, {}, "busy"}, test::ok(test::fixture("sent.json"))};
    std::vector<milliseconds> waits;
    auto const r = readme::drive(http, *message_key::make("k"), rest(), token("tok-1"), waits);
    REQUIRE(r);
    CHECK(r->status == send_status::sent);
    CHECK(waits == std::vector<milliseconds>{milliseconds{2500}}); // 2 s and half of the half-second jitter span
    CHECK(http.seen.size() == 2);
}

namespace {
// A route that checks its values: nothing may be sent when they will not do.
struct checked_lookup : status_lookup {
    bool valid = true;
    std::optional<failure> validate() const
    {
        if (valid)
            return std::nullopt;
        return failure(error::bad_ens_request, "not valid");
    }
};
} // namespace

TEST_CASE("call: a route's validate() failing ends the call before a token or a send")
{
    call refused(checked_lookup{lookup(), false}, rest());
    CHECK(refused.next() == call_action::done);
    REQUIRE_FALSE(refused.result());
    CHECK(refused.result().error().code == error::bad_ens_request);
    CHECK(refused.result().error().request.empty()); // nothing was sent
    CHECK(refused.attempts() == 0);

    call accepted(checked_lookup{lookup(), true}, rest());
    CHECK(accepted.next() == call_action::fetch_token);
}

TEST_CASE("call: a request that is not idempotent is not repeated once it may have reached the server")
{
    auto const create = [] {
        return ens::create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens"}}};
    };
    auto const timed_out = make_error_code(boost::system::errc::timed_out);
    SUBCASE("a timeout after sending: done at once, the outcome unknown")
    {
        call c(create(), rest());
        c.use_token(token("tok-1"));
        REQUIRE(c.next() == call_action::send);
        CHECK(c.request().method() == "POST");
        c.on_transport_error(timed_out);
        REQUIRE(c.next() == call_action::done);
        REQUIRE_FALSE(c.result().has_value());
        CHECK(c.result().error().outcome_unknown);
        CHECK(c.result().error().code == timed_out);
        CHECK(c.result().error().to_string().find("outcome unknown") != std::string::npos);
        CHECK(c.attempts() == 1);
    }
    SUBCASE("a 503: done at once, the outcome unknown")
    {
        call c(create(), rest());
        c.use_token(token("tok-1"));
        REQUIRE(c.next() == call_action::send);
        c.on_response(reply(503, "{}", {{"Retry-After", "1"}}), now);
        REQUIRE(c.next() == call_action::done);
        CHECK(c.result().error().outcome_unknown);
        CHECK(c.result().error().http_status == 503);
    }
    SUBCASE("429, a refused connection and the refresh after a 401 are refusals: sent again")
    {
        call c(create(), rest());
        REQUIRE(c.next() == call_action::fetch_token);
        c.on_token(granted("tok-1"));
        REQUIRE(c.next() == call_action::send);
        c.on_response(reply(429, "{}", {{"Retry-After", "1"}}), now);
        REQUIRE(c.next() == call_action::wait);
        REQUIRE(c.next() == call_action::send);
        c.on_transport_error(make_error_code(boost::system::errc::connection_refused));
        REQUIRE(c.next() == call_action::wait);
        REQUIRE(c.next() == call_action::send);
        c.on_response(reply(401), now);
        REQUIRE(c.next() == call_action::fetch_token);
        c.on_token(granted("tok-2"));
        REQUIRE(c.next() == call_action::send);
        CHECK(c.attempts() == 4);
        c.on_transport_error(timed_out);
        REQUIRE(c.next() == call_action::done);
        CHECK(c.result().error().outcome_unknown);
    }
    SUBCASE("a PUT whose route says it is not idempotent (a new signature key each time)")
    {
        call c(ens::regenerate_signature_key{"cb-1"}, rest());
        c.use_token(token("tok-1"));
        REQUIRE(c.next() == call_action::send);
        CHECK(c.request().method() == "PUT");
        c.on_transport_error(timed_out);
        REQUIRE(c.next() == call_action::done);
        CHECK(c.result().error().outcome_unknown);
    }
    SUBCASE("an idempotent request is retried, and its failures never say outcome unknown")
    {
        call c(lookup(), rest(), {.retry = {.max_retries = 1}});
        c.use_token(token("tok-1"));
        REQUIRE(c.next() == call_action::send);
        c.on_transport_error(timed_out);
        REQUIRE(c.next() == call_action::wait);
        REQUIRE(c.next() == call_action::send);
        c.on_response(reply(503), now);
        REQUIRE(c.next() == call_action::done);
        CHECK_FALSE(c.result().error().outcome_unknown);
        CHECK(c.attempts() == 2);
    }
}

TEST_CASE("call: secrets are redacted where a server echoes them, never the library's own words")
{
    auto const done_with = [](auto& c) {
        REQUIRE(c.next() == call_action::done);
        REQUIRE_FALSE(c.result().has_value());
        return c.result().error();
    };
    SUBCASE("a one-letter token: the server's text is scrubbed, the library's detail is not")
    {
        call c(lookup(), rest(), {.retry = {.max_retries = 0}});
        c.use_token(token("t"));
        c.next();
        c.on_response({200, {{"Content-Type", "application/json"}}, "{\"status\": tru"}, now);
        auto const f = done_with(c);
        CHECK(f.code == error::truncated_body);
        CHECK(f.detail.find("[redacted]") == std::string::npos);
        CHECK_FALSE(f.detail.empty());
        CHECK(f.raw_body == "{\"s[redacted]a[redacted]us\": [redacted]ru");
    }
    SUBCASE("a token straddling the cut of raw_body leaves none of its characters")
    {
        call c(lookup(), rest(), {.decode = {.max_raw_body = 12}, .retry = {.max_retries = 0}});
        c.use_token(token("s3cr3t-token-value"));
        c.next();
        c.on_response({502, {{"Content-Type", "text/html"}}, "<p>Bearer s3cr3t-token-value</p>"}, now);
        auto const f = done_with(c);
        CHECK(f.raw_body == "<p>Bearer [r");
    }
    SUBCASE("after a 401 and a refresh, the refused token echoed in the next answer")
    {
        call c(lookup(), rest(), {.retry = {.max_retries = 0}});
        REQUIRE(c.next() == call_action::fetch_token);
        c.on_token(granted("first-token-value"));
        REQUIRE(c.next() == call_action::send);
        c.on_response(reply(401), now);
        REQUIRE(c.next() == call_action::fetch_token);
        c.on_token(granted("second-token-value"));
        REQUIRE(c.next() == call_action::send);
        c.on_response({500, {{"Content-Type", "text/plain"}}, "was first-token-value, now second-token-value"}, now);
        auto const f = done_with(c);
        CHECK(f.raw_body == "was [redacted], now [redacted]");
    }
    SUBCASE("a token echoed JSON-escaped, as .NET and PHP servers write it")
    {
        call c(lookup(), rest(), {.retry = {.max_retries = 0}});
        c.use_token(token("ab/cd+ef"));
        c.next();
        c.on_response({500, {{"Content-Type", "text/plain"}}, R"({"echo":"ab\/cd\u002Bef","again":"ab\u002fcd\u002bef"})"}, now);
        auto const f = done_with(c);
        CHECK(f.raw_body == R"({"echo":"[redacted]","again":"[redacted]"})");
        call d(lookup(), rest(), {.retry = {.max_retries = 0}});
        d.use_token(token("ab/cd+ef"));
        d.next();
        d.on_response(reply(400, R"({"message":"token ab\/cd\u002Bef refused","errorcode":1})"), now);
        CHECK(done_with(d).message == "token [redacted] refused");
    }
}
