#include <sfmc/sms/queue_lookup.hpp>

#include <doctest/doctest.h>

#include "support/fixtures.hpp"

using namespace sfmc::sms;

// A model of the concept (checked here, not in the header: the check instantiates the
// route's result in every translation unit, a few percent of the time to compile
// <sfmc/sms.hpp>, measured by bench/compile_time.py).
static_assert(route_behind_token<queue_lookup>);

TEST_CASE("queue_lookup: the definition key is one encoded segment, on the channel's route")
{
    auto const rest = *endpoint::from_url("https://gw.example.com/tenant/");
    auto const token = *access_token::make("t");
    auto const sms = queue_lookup{*definition_key::make("order updates/1")}.make_request(rest, token);
    CHECK(sms.method() == "GET");
    CHECK(sms.target() == "/tenant/messaging/v1/sms/definitions/order%20updates%2F1/queue");
    CHECK(sms.header("Authorization") == "Bearer t");
    CHECK(sms.header("Accept") == "application/json");
    CHECK(sms.body().empty());
    auto const email = queue_lookup{*definition_key::make(".."), channel::email}.make_request(rest, token);
    CHECK(email.target() == "/tenant/messaging/v1/email/definitions/%2E%2E/queue");
}

TEST_CASE("queue_lookup: the documented answer, lenient numbers, and what will not do")
{
    auto const q = decode_queue_metrics(test::ok(R"({"requestId":"f6d5","count":22,"ageSeconds":45})"));
    REQUIRE(q);
    CHECK(*q == queue_metrics{22, 45, "f6d5"});
    auto const digits = decode_queue_metrics(test::ok(R"({"count":"0","ageSeconds":"0","extra":[1]})"));
    REQUIRE(digits);
    CHECK(*digits == queue_metrics{0, 0, std::nullopt});

    auto const missing = decode_queue_metrics(test::ok(R"({"requestId":"r","count":1})"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == error::missing_field);
    CHECK(missing.error().detail.find("ageSeconds") != std::string::npos);
    CHECK(missing.error().http_status == 200);
    auto const wrong = decode_queue_metrics(test::ok(R"({"count":1.5,"ageSeconds":1})"));
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == error::wrong_field_type);
    CHECK(decode_queue_metrics(test::ok(R"({"count":99999999999,"ageSeconds":1})")).error().code == error::wrong_field_type);
    CHECK(decode_queue_metrics(test::ok("")).error().code == error::empty_body);
    CHECK(decode_queue_metrics(test::ok(R"({"count":1,)")).error().code == error::truncated_body);
    CHECK(decode_queue_metrics({404, {}, R"({"message":"no such definition","errorcode":30003})"}).error().code == error::not_found);
    CHECK(queue_lookup{*definition_key::make("d")}.decode({429, {{"Retry-After", "3"}}, ""}, {}).error().code == error::rate_limited);
}
