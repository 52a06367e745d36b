// A user's translation unit of ENS and the NotSent list under separate compilation: it sees
// declarations only, and their definitions come from the compiled parts (tests/src.cpp,
// tests/ens/src.cpp).
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/current_status.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/signature.hpp>
#include <sfmc/sms/not_sent.hpp>

#include <sfmc/sms/client.hpp>

// What separate compilation keeps out of every translation unit but the compiled parts'
// (bench/compile_time.py measures the difference).
#if defined(SFMC_SMS_DETAIL_JSON_READER_HPP) || defined(BOOST_JSON_BASIC_PARSER_IMPL_HPP)
#error "under separate compilation, ENS and the NotSent list must not bring the JSON parser"
#endif
#if defined(SFMC_SMS_DETAIL_JSON_ROUTE_HPP) || defined(BOOST_JSON_VALUE_HPP)
#error "under separate compilation, ENS and the NotSent list must not bring Boost.JSON's DOM"
#endif
#ifdef BOOST_URL_DETAIL_CONFIG_HPP
#error "under separate compilation, ENS and the NotSent list must not bring any of Boost.URL"
#endif
#if defined(OPENSSL_EVP_H) || defined(HEADER_ENVELOPE_H)
#error "under separate compilation, the signature check and the digest must not bring OpenSSL's headers"
#endif

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <string>
#include <vector>

using namespace sfmc::sms;

TEST_CASE("separate compilation: ENS's batches, signatures, digests and routes work from another translation unit")
{
    constexpr std::string_view body =
        R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1700000000000,)"
        R"("info":{"messageKey":"k-1","statusCode":"4000"}},)"
        R"({"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k-1"}}])";
    auto const events = ens::decode_batch(body);
    REQUIRE(events);
    REQUIRE(events->size() == 2);
    CHECK((*events)[0].status == ens::event_status::delivered);
    CHECK((*events)[0].status_code == 4000);

    // for_each_event takes any callable, a const one included, through the compiled core.
    std::vector<std::string> keys;
    auto const keep = [&keys](ens::event& e) { keys.push_back(e.message_key.value_or("")); };
    CHECK(ens::for_each_event(body, {}, keep).value() == 2);
    CHECK(keys == std::vector<std::string>{"k-1", "k-1"});
    CHECK(ens::for_each_event("[1]", {}, keep).error().code == error::not_an_object);

    ens::current_status status;
    for (auto const& e : *events)
        if (auto c = ens::claim_of(e))
            status.merge(std::move(*c));
    REQUIRE(status.decided());
    CHECK(status.decided()->status == ens::event_status::delivered);
    CHECK(ens::canonical_json(R"({"b":1, "a":2})") == R"({"a":2,"b":1})");
    auto const digest = ens::event_digest(R"({"a":1,"b":2})");
    REQUIRE(digest.has_value());
    CHECK(digest == ens::event_digest(R"({ "b":2, "a":1 })"));
    CHECK(digest != ens::event_digest(R"({"a":1,"b":3})"));

    auto const key = ens::signature_key::make("Jefe").value();
    auto const signature = ens::sign(body, key, ens::key_reading::text);
    CHECK(ens::verify(body, signature, {key}));
    CHECK_FALSE(ens::verify(std::string(body) + " ", signature, {key}));

    auto const v = ens::parse_verification_request(R"({"callbackId":"c-1","verificationKey":"v-1"})");
    REQUIRE(v);
    CHECK(v->callback_id == "c-1");
    CHECK(ens::check_callback_url("http://hooks.example.com/ens")->code == error::bad_callback_url);
    CHECK(ens::sms_event_types().size() == 5);
}

TEST_CASE("separate compilation: ENS's and the NotSent list's routes are run by a client from another translation unit")
{
    test::fake_transport http;
    http.replies = {
        http_response{200, {{"Content-Type", "application/json"}},
                      R"([{"callbackId":"c-1","callbackName":"status","url":"https://h/ens","status":"verified"}])"},
        http_response{200, {{"Content-Type", "application/json"}},
                      R"({"lastEventID":7,"messages":[{"eventID":7,"eventCategoryType":"TransactionalSendEvents.SMSNotSent",)"
                      R"("info":{"messageKey":"k-7"}}],"count":1})"}};
    client c(http, *endpoint::from_url("https://rest.example.com"), *access_token::make("t"), {.retry = {.max_retries = 0}});
    auto const callbacks = c.run(ens::list_callbacks{});
    REQUIRE(callbacks.has_value());
    REQUIRE(callbacks->size() == 1);
    CHECK((*callbacks)[0].status == "verified");
    CHECK(http.seen[0].target == "/platform/v1/ens-callbacks");

    not_sent_sweep sweep({.page_size = 10});
    auto const page = c.run(sweep.next_page());
    REQUIRE(page.has_value());
    auto const taken = sweep.take(*page);
    REQUIRE(taken.has_value());
    REQUIRE(taken->size() == 1);
    CHECK((*taken)[0].message_key == "k-7");
    CHECK(sweep.caught_up());
    CHECK(sweep.cursor() == 7);
    CHECK(http.seen[1].target == "/messaging/v1/sms/messages/?type=notSent&$pageSize=10");
    CHECK(c.run(not_sent_list{.page_size = 0}).error().code == error::bad_page_request);
}
