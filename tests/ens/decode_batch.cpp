#include <sfmc/sms/ens/decode_batch.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;

namespace {
// The documentation's email example, which is valid JSON as published.
constexpr std::string_view documented_email =
    R"([{"eventCategoryType":"TransactionalSendEvents.EmailSent","timestampUTC":1600698608530,)"
    R"("compositeId":"466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153.1251508322",)"
    R"("composite":{"jobId":"2001070","batchId":"4153","listId":"44609","subscriberId":"1251508322","emailId":"182583"},)"
    R"("definitionKey":"makana-appt","mid":1447640,"eid":1447640,"sendClassificationType":"Operational",)"
    R"("info":{"to":"a@example.com","subscriberKey":"a@example.com","messageKey":"f2b21aa0-fc16-11ea-9bc1-fbf804a5a66e",)"
    R"("status":"Sent","renderedSubject":"Don't Forget Your Appointment"},"definitionId":"466651f2-9c28-e911-a261-78e3b50b4f00"}])";

// One SMS event of each type, the way the SMS pages show them once their quotes and commas
// are made valid: statusCode a string, `Info` with a capital letter in one, mid/eid as strings.
constexpr std::string_view sms_events = R"([
  {"eventCategoryType":"TransactionalSendEvents.SmsSent","timestampUTC":1600698608530,"definitionKey":"otp",
   "mid":"7001","eid":"7000","info":{"messageKey":"k-sent","subscriberKey":"s1","to":"15555550100"}},
  {"eventCategoryType":"TransactionalSendEvents.SmsNotSent","timestampUTC":"1600698608531","definitionKey":"otp",
   "info":{"messageKey":"k-notsent","subscriberKey":"s1","to":"15555550100","statusCode":"47","reason":"Opted out"}},
  {"eventCategoryType":"TransactionalSendEvents.SmsTransient","timestampUTC":1600698608532,
   "composite":{"Tsid":"t","jobId":"1","batchId":"2","mobileNumber":"15555550100","subscriberId":"3"},
   "Info":{"messageKey":"k-transient","to":"15555550100","ordinal":"0","statusCode":"3001","statusMessage":"Sent to carrier"}},
  {"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1600698608533,
   "info":{"messageKey":"k-delivered","statusCode":4000,"statusMessage":"Delivered","fromAddress":"12345","countryCode":"US"}},
  {"eventCategoryType":"TransactionalSendEvents.SmsBounced","timestampUTC":1600698608534,
   "info":{"messageKey":"k-bounced","statusCode":"4505","statusMessage":"FailedDueToInvalidDestinationAddress"}},
])";
} // namespace

TEST_CASE("ens::decode_batch: the documented email example")
{
    auto const batch = decode_batch(documented_email);
    REQUIRE(batch);
    REQUIRE(batch->size() == 1);
    auto const& e = batch->front();
    CHECK(e.on == sfmc::sms::channel::email);
    CHECK(e.status == event_status::sent);
    CHECK(e.type == "TransactionalSendEvents.EmailSent");
    REQUIRE(e.timestamp_utc);
    CHECK(e.timestamp_utc->time_since_epoch().count() == 1600698608530);
    CHECK(e.message_key == "f2b21aa0-fc16-11ea-9bc1-fbf804a5a66e");
    CHECK(e.to == "a@example.com");
    CHECK(e.subscriber_key == "a@example.com");
    CHECK(e.definition_key == "makana-appt");
    CHECK(e.composite_id == "466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153.1251508322");
    CHECK(e.mid == 1447640);
    CHECK(e.eid == 1447640);
    CHECK(e.raw == documented_email.substr(1, documented_email.size() - 2)); // its own bytes
}

TEST_CASE("ens::decode_batch: every SMS event type, strings and numbers read either way, Info or info")
{
    auto const batch = decode_batch(sms_events);
    REQUIRE(batch);
    REQUIRE(batch->size() == 5);
    auto const& sent = (*batch)[0];
    CHECK(sent.status == event_status::sent);
    CHECK(sent.mid == 7001); // a string in, a number out
    CHECK(sent.eid == 7000);
    CHECK_FALSE(sent.status_code);
    CHECK_FALSE(sent.is_final());
    auto const& not_sent = (*batch)[1];
    CHECK(not_sent.status == event_status::not_sent);
    CHECK(not_sent.status_code == 47);
    CHECK(not_sent.status_message == "Opted out"); // `reason` when there is no statusMessage
    CHECK(not_sent.timestamp_utc->time_since_epoch().count() == 1600698608531);
    CHECK(not_sent.is_final());
    auto const& transient = (*batch)[2];
    CHECK(transient.status == event_status::transient);
    CHECK(transient.message_key == "k-transient"); // read from "Info"
    CHECK(transient.status_code == 3001);
    auto const& delivered = (*batch)[3];
    CHECK(delivered.status == event_status::delivered);
    CHECK(delivered.status_code == 4000); // a number in, the same out
    CHECK(delivered.is_final());
    auto const& bounced = (*batch)[4];
    CHECK(bounced.status == event_status::bounced);
    CHECK(bounced.status_code == 4505);
    for (auto const& e : *batch) {
        CHECK(e.on == sfmc::sms::channel::sms);
        CHECK(e.raw.front() == '{');
        CHECK(e.raw.back() == '}');
        // Each event re-read from its own bytes decodes to the same values.
        auto const again = decode_batch(std::string(1, '[').append(e.raw).append(1, ']'));
        REQUIRE(again);
        CHECK(again->front().message_key == e.message_key);
        CHECK(again->front().status_code == e.status_code);
    }
}

TEST_CASE("ens::decode_batch: unknown fields and types are kept, never an error")
{
    auto const batch = decode_batch(R"([{"eventCategoryType":"TransactionalSendEvents.SmsQueuedSomewhere","new":{"deep":[1,{"x":[]}]},)"
                                    R"("info":{"messageKey":7,"statusCode":"n/a","extra":true}},{}])");
    REQUIRE(batch);
    REQUIRE(batch->size() == 2);
    CHECK((*batch)[0].on == sfmc::sms::channel::sms);
    CHECK((*batch)[0].status == event_status::unknown);
    CHECK((*batch)[0].type == "TransactionalSendEvents.SmsQueuedSomewhere");
    CHECK((*batch)[0].message_key == "7");
    CHECK_FALSE((*batch)[0].status_code);
    CHECK((*batch)[1].type.empty());
    CHECK(decode_batch("[]")->empty());
    CHECK(decode_batch(" [ ] ")->empty());
}

TEST_CASE("ens::decode_batch: a batch of 1000 events decodes, 1001 are refused")
{
    std::string body = "[";
    for (int i = 0; i < 1000; ++i)
        body += (i ? "," : "") + std::string(R"({"eventCategoryType":"TransactionalSendEvents.SmsDelivered","info":{"messageKey":"k)") +
                std::to_string(i) + R"(","statusCode":"4000"}})";
    body += "]";
    auto const batch = decode_batch(body);
    REQUIRE(batch);
    REQUIRE(batch->size() == 1000);
    CHECK(batch->back().message_key == "k999");
    auto const more = decode_batch(body.substr(0, body.size() - 1) + R"(,{}])");
    REQUIRE_FALSE(more);
    CHECK(more.error().code == error::body_too_large);
}

TEST_CASE("ens::decode_batch: strict where it matters, with an error that says where")
{
    struct bad {
        std::string_view body;
        error code;
        std::string_view detail;
    };
    for (auto const& b : {bad{"", error::empty_body, ""},
                          bad{"  ", error::empty_body, ""},
                          bad{R"({"eventCategoryType":"x"})", error::not_an_object, "not a JSON array"},
                          bad{"[1]", error::not_an_object, "event 0:"},
                          bad{R"([{},"text"])", error::not_an_object, "event 1:"},
                          bad{R"([{},[]])", error::not_an_object, "event 1:"},
                          bad{R"([{"a":1})", error::truncated_body, ""},
                          bad{R"([{"a":"unterminated}])", error::truncated_body, ""},
                          bad{R"([{"a":1}] x)", error::malformed_body, "after the array"},
                          bad{R"([{"a":1} {"b":2}])", error::malformed_body, "element 0: neither ',' nor ']'"},
                          bad{R"([,{}])", error::malformed_body, "no element"},
                          bad{R"([{},,{}])", error::malformed_body, "no element"},
                          bad{R"([{"a":tru}])", error::malformed_body, "event 0:"},
                          bad{"[{\"a\":\"\xC3\x28\"}]", error::malformed_body, "event 0:"},
                          bad{"not json", error::not_an_object, "not a JSON array"}}) {
        CAPTURE(b.body);
        auto const r = decode_batch(b.body);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == b.code);
        CHECK(r.error().detail.find(b.detail) != std::string::npos);
    }
    CHECK(decode_batch(R"([{"a":1},])")); // a trailing comma is accepted
}

TEST_CASE("ens::decode_batch: size and depth limits, with no stack growth")
{
    CHECK(decode_batch(std::string(100'000, '['), {}).error().code == error::too_deep);
    std::string objects = "[";
    for (int i = 0; i < 50'000; ++i)
        objects += R"({"a":)";
    CHECK(decode_batch(objects, {}).error().code == error::too_deep);
    CHECK(decode_batch("[" + std::string(50'000, '{'), {}).error().code == error::malformed_body); // no key: not JSON
    batch_options small;
    small.max_body_size = 10;
    CHECK(decode_batch(R"([{"a":1},{"b":2}])", small).error().code == error::body_too_large);
    std::string nested = R"([{"a":)";
    for (int i = 0; i < 14; ++i)
        nested += "[";
    nested += std::string(14, ']') + "}]";
    CHECK(decode_batch(nested)); // 16 levels: the limit
    std::string deeper = R"([{"a":)" + std::string(15, '[') + std::string(15, ']') + "}]";
    CHECK(decode_batch(deeper).error().code == error::too_deep);
    for (std::size_t depth : {0, 1}) { // no room for an event: refused, never a wrapped-around limit
        batch_options none;
        none.max_depth = depth;
        CHECK(decode_batch("[{}]", none).error().code == error::too_deep);
        CHECK(decode_batch("[1]", none).error().code == error::too_deep);
    }
}

TEST_CASE("ens::for_each_event: each event in order, one at a time, the count, the same refusals as decode_batch")
{
    std::string const body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"a","statusCode":1}},)"
                             R"({"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"b"}}])";
    std::vector<std::string> keys;
    std::vector<bool> coded;
    auto const n = sfmc::sms::ens::for_each_event(body, {}, [&](sfmc::sms::ens::event& e) {
        keys.push_back(e.message_key.value_or("?"));
        coded.push_back(e.status_code.has_value()); // the reused event keeps nothing of the one before
    });
    REQUIRE(n.has_value());
    CHECK(*n == 2);
    CHECK(keys == std::vector<std::string>{"a", "b"});
    CHECK(coded == std::vector<bool>{true, false});
    std::string many = "[";
    for (int i = 0; i < 1001; ++i)
        many += std::string(i ? "," : "") + "{}";
    many += "]";
    CHECK(sfmc::sms::ens::decode_batch(many).error().code == sfmc::sms::error::body_too_large); // the documented 1000
    auto const all = sfmc::sms::ens::for_each_event(many, {.max_events = 5000}, [](sfmc::sms::ens::event&) {});
    REQUIRE(all.has_value());
    CHECK(*all == 1001);
    CHECK(sfmc::sms::ens::for_each_event("[{},1]", {}, [](sfmc::sms::ens::event&) {}).error().detail.find("event 1") == 0);
}
