#include <sfmc/sms/status_lookup.hpp>

#include <doctest/doctest.h>

#include "support/fixtures.hpp"

using namespace sfmc::sms;

// A model of the concept (checked here, not in the header: the check instantiates the
// route's result in every translation unit, a few percent of the time to compile
// <sfmc/sms.hpp>, measured by bench/compile_time.py).
static_assert(route_behind_token<status_lookup>);

TEST_CASE("status_lookup: builds the status request and decodes the status")
{
    status_lookup const r{*message_key::make("order 42/a")};
    auto const req = r.make_request(*endpoint::from_subdomain("mcx"), *access_token::make("t"));
    CHECK(req.target() == "/messaging/v1/sms/messages/order%2042%2Fa");
    CHECK(req.header("Authorization") == "Bearer t");
    auto const s = r.decode(test::ok(test::fixture("sent.json")), {});
    REQUIRE(s);
    CHECK(s->status == send_status::sent);
    CHECK(r.decode({404, {}, ""}, {}).error().code == error::not_found);
}

TEST_CASE("status_lookup: the email twin is the same route on another channel")
{
    status_lookup const r{*message_key::make("k"), channel::email};
    auto const req = r.make_request(*endpoint::from_subdomain("mcx"), *access_token::make("t"));
    CHECK(req.target() == "/messaging/v1/email/messages/k");
    auto const body = R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.EmailNotSent",)"
                      R"("timestamp":"2018-08-03T13:41:18.55","info":{"to":"a@example.com","statusCode":9}})";
    auto const s = r.decode(test::ok(body), {});
    REQUIRE(s);
    CHECK(s->status == send_status::not_sent);
    CHECK(s->info->to == "a@example.com");
    CHECK(s->timestamp_utc->to_rfc3339() == "2018-08-03T19:41:18.55Z");
}
