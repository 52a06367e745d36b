#include <sfmc/sms/ens/subscriptions.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <sfmc/sms/client.hpp>

#include <boost/json/parse.hpp>

#include <sstream>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;

namespace {
http_response json(int status, std::string body)
{
    return {status, {{"Content-Type", "application/json"}}, std::move(body)};
}

client<test::fake_transport> make_client(test::fake_transport& http)
{
    return client(http, *endpoint::from_url("https://mcx.rest.marketingcloudapis.com"), *access_token::make("tok"),
                  {.retry = {.max_retries = 0}});
}

new_subscription sms_status(std::string callback_id)
{
    return {.callback_id = std::move(callback_id),
            .name = "sms status",
            .event_types = sms_event_types(),
            .filters = {"definitionKey=order-updates"}};
}
} // namespace

TEST_CASE("ens::subscriptions: creation sends the array and reads what was made")
{
    test::fake_transport http;
    http.replies = {json(201, R"([{"subscriptionId":"s-1","subscriptionName":"sms status","callbackId":"cb-1",)"
                              R"("eventCategoryTypes":["TransactionalSendEvents.SmsSent","TransactionalSendEvents.SmsDelivered"],)"
                              R"("filters":["definitionKey=order-updates"],"status":"active"}])")};
    auto c = make_client(http);
    auto const made = c.run(create_subscriptions{{sms_status("cb-1")}});
    REQUIRE(made.has_value());
    REQUIRE(http.seen.size() == 1);
    CHECK(http.seen[0].method == "POST");
    CHECK(http.seen[0].target == "/platform/v1/ens-subscriptions");
    CHECK(boost::json::parse(http.seen[0].body) == boost::json::parse(R"([{"callbackId":"cb-1","subscriptionName":"sms status",
        "eventCategoryTypes":["TransactionalSendEvents.SmsSent","TransactionalSendEvents.SmsNotSent",
          "TransactionalSendEvents.SmsTransient","TransactionalSendEvents.SmsDelivered","TransactionalSendEvents.SmsBounced"],
        "filters":["definitionKey=order-updates"]}])"));
    REQUIRE(made->size() == 1);
    auto const& s = made->front();
    CHECK(s.id == "s-1");
    CHECK(s.callback_id == "cb-1");
    CHECK(s.event_types == std::vector<std::string>{"TransactionalSendEvents.SmsSent", "TransactionalSendEvents.SmsDelivered"});
    CHECK(s.filters == std::vector<std::string>{"definitionKey=order-updates"});
    CHECK_FALSE(s.is_paused());
    std::ostringstream out;
    out << s;
    CHECK(out.str() == "subscription sms status (s-1) active");
}

TEST_CASE("ens::subscriptions: nothing is sent without a callback, a name and an event type")
{
    test::fake_transport http;
    auto c = make_client(http);
    auto no_types = sms_status("cb-1");
    no_types.event_types.clear();
    auto empty_filter = sms_status("cb-1");
    empty_filter.filters.push_back("");
    auto bad_type = sms_status("cb-1");
    bad_type.event_types.push_back("Sms\nSent");
    for (auto const& s : {sms_status(""), no_types, empty_filter, bad_type}) {
        auto const r = c.run(create_subscriptions{{s}});
        CHECK(r.error().code == error::bad_ens_request);
    }
    CHECK(c.run(create_subscriptions{}).error().code == error::bad_ens_request);
    CHECK(c.run(update_subscriptions{{{.id = "", .callback_id = "cb", .name = "n", .event_types = {"t"}}}}).error().code ==
          error::bad_ens_request);
    CHECK(c.run(get_subscription{""}).error().code == error::bad_ens_request);
    CHECK(c.run(list_subscriptions{""}).error().code == error::bad_ens_request);
    CHECK(c.run(delete_subscription{""}).error().code == error::bad_ens_request);
    CHECK(http.seen.empty());
}

TEST_CASE("ens::subscriptions: pause and resume are updates, get, list by callback, delete")
{
    test::fake_transport http;
    http.replies = {
        json(200, R"([{"subscriptionId":"s-1","subscriptionName":"sms status","status":"Paused","statusReason":"maintenance"}])"),
        json(200, R"({"subscriptionId":"s-1","status":"active","eventCategoryTypes":null})"),
        json(200, R"([{"subscriptionId":"s-1"},{"subscriptionId":"s-2","filters":"x"}])"),
        json(200, R"([{"subscriptionId":"s-1"},{"subscriptionId":"s-2"}])"),
        http_response{204, {}, ""},
        json(400, R"({"message":"A callback may have at most 200 subscriptions","errorcode":10001})"),
    };
    auto c = make_client(http);
    auto const s = sms_status("cb-1");
    auto const paused = c.run(update_subscriptions{{{.id = "s-1",
                                                     .callback_id = s.callback_id,
                                                     .name = s.name,
                                                     .event_types = s.event_types,
                                                     .filters = s.filters,
                                                     .state = subscription_state::paused,
                                                     .status_reason = "maintenance"}}});
    REQUIRE(paused.has_value());
    CHECK(paused->front().is_paused());
    CHECK(http.seen[0].method == "PUT");
    auto const body = boost::json::parse(http.seen[0].body);
    CHECK(body.at(0).at("subscriptionId") == "s-1");
    CHECK(body.at(0).at("status") == "paused");
    CHECK(body.at(0).at("statusReason") == "maintenance");
    CHECK(to_string(subscription_state::active) == "active");

    auto const one = c.run(get_subscription{"s-1"});
    REQUIRE(one);
    CHECK(one->event_types.empty()); // null is absent
    CHECK(http.seen[1].target == "/platform/v1/ens-subscriptions/s-1");

    auto const wrong = c.run(list_subscriptions{"cb 1"});
    CHECK(wrong.error().code == error::wrong_field_type);
    CHECK(wrong.error().detail == R"(field "[1].filters" is a string, expected an array of strings)");
    CHECK(http.seen[2].target == "/platform/v1/ens-subscriptions-by-cb/cb%201");

    auto const both = c.run(list_subscriptions{"cb-1"});
    REQUIRE(both.has_value());
    CHECK(both->size() == 2);

    auto const gone = c.run(delete_subscription{"s-1"});
    REQUIRE(gone);
    CHECK(*gone == deleted{"s-1"});
    CHECK(http.seen[4].method == "DELETE");

    // The server's rule on the number of subscriptions comes back in its own words.
    auto const too_many = c.run(create_subscriptions{{s}});
    CHECK(too_many.error().code == error::bad_request);
    CHECK(too_many.error().message == "A callback may have at most 200 subscriptions");
}
