#include <sfmc/sms/not_sent.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/client.hpp>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

using namespace sfmc::sms;

namespace {

// The answer SFMC's documentation shows.
constexpr std::string_view documented =
    R"({"lastEventID":35774,"messages":[{"statusCode":24,"statusMessage":"Error Message",)"
    R"("eventCategoryType":"TransactionalSendEvents.SMSNotSent","timestamp":"2018-12-17T13:05:40.947",)"
    R"("definitionKey":"account-reset","eventID":35760,"info":{"messageKey":"2iQNfGHj2UqTalK9x2gPow",)"
    R"("contactKey":"example1"}}],"count":1})";

// A page of entries with these event ids.
std::string page_of(std::vector<std::int64_t> const& ids, std::int64_t last)
{
    std::string body = R"({"lastEventID":)" + std::to_string(last) + R"(,"messages":[)";
    for (std::size_t i = 0; i < ids.size(); ++i)
        body += std::string(i ? "," : "") + R"({"eventID":)" + std::to_string(ids[i]) +
                R"(,"eventCategoryType":"TransactionalSendEvents.SMSNotSent","info":{"messageKey":"k)" +
                std::to_string(ids[i]) + R"("}})";
    return body + R"(],"count":)" + std::to_string(ids.size()) + "}";
}

std::vector<std::int64_t> ids_of(std::span<not_sent_entry const> entries)
{
    std::vector<std::int64_t> ids;
    for (auto const& e : entries)
        ids.push_back(e.event_id);
    return ids;
}

} // namespace

TEST_CASE("not_sent_list: the request, with and without a cursor, on either channel")
{
    auto const rest = *endpoint::from_url("https://gw.example.com/tenant/");
    auto const token = *access_token::make("t");
    auto const first = not_sent_list{}.make_request(rest, token);
    CHECK(first.method() == "GET");
    CHECK(first.target() == "/tenant/messaging/v1/sms/messages/?type=notSent&$pageSize=100");
    CHECK(first.header("Authorization") == "Bearer t");
    CHECK(first.header("Accept") == "application/json");
    auto const next = not_sent_list{channel::email, 1000, 9223372036854775807}.make_request(rest, token);
    CHECK(next.target() == "/tenant/messaging/v1/email/messages/?type=notSent&$pageSize=1000&lastEventId=9223372036854775807");
    CHECK(not_sent_list{channel::sms, 1, 0}.make_request(rest, token).target() ==
          "/tenant/messaging/v1/sms/messages/?type=notSent&$pageSize=1&lastEventId=0");
}

TEST_CASE("not_sent_list: a page size outside 1 to 1000 or a negative cursor is refused, nothing sent")
{
    for (int size : {0, -1, 1001})
        CHECK(not_sent_list{channel::sms, size}.validate()->code == error::bad_page_request);
    CHECK(not_sent_list{channel::sms, 10, -1}.validate()->code == error::bad_page_request);
    CHECK_FALSE(not_sent_list{channel::sms, 1000, 0}.validate());

    test::fake_transport http;
    client c(http, *endpoint::from_subdomain("mcx"), *access_token::make("t"));
    CHECK(c.run(not_sent_list{channel::sms, 0}).error().code == error::bad_page_request);
    CHECK(http.seen.empty());
}

TEST_CASE("not_sent page: the documented answer")
{
    auto const page = decode_not_sent_page(test::ok(std::string(documented)));
    REQUIRE(page.has_value());
    CHECK(page->last_event_id == 35774);
    CHECK(page->count == 1);
    REQUIRE(page->entries.size() == 1);
    auto const& e = page->entries[0];
    CHECK(e.event_id == 35760);
    CHECK(e.status == send_status::not_sent);
    CHECK(e.event_category_type == "TransactionalSendEvents.SMSNotSent");
    CHECK(e.timestamp == "2018-12-17T13:05:40.947");
    REQUIRE(e.timestamp_utc);
    CHECK(e.timestamp_utc->to_rfc3339() == "2018-12-17T19:05:40.947Z");
    CHECK(e.definition_key == "account-reset");
    CHECK(e.message_key == "2iQNfGHj2UqTalK9x2gPow");
    CHECK(e.contact_key == "example1");
    CHECK(e.status_code == 24);
    CHECK(e.status_message == "Error Message");
    CHECK_FALSE(e.to);
}

TEST_CASE("not_sent page: both cursor spellings, fields where either document puts them, unknown fields")
{
    auto const page = decode_not_sent_page(test::ok(
        R"({"lastEventId":"7","extra":{"x":[1]},"messages":[{"eventId":"5","EventCategoryType":"TransactionalSendEvents.EmailNotSent",)"
        R"("messageKey":"top","info":{"messageKey":"inner","statusCode":"9","to":"a@example.com","more":1},"new":true},)"
        R"({"eventID":6,"timestamp":null,"info":null}],})")); // a trailing comma, as in the API's examples
    REQUIRE(page.has_value());
    CHECK(page->last_event_id == 7);
    CHECK_FALSE(page->count);
    REQUIRE(page->entries.size() == 2);
    CHECK(page->entries[0].event_id == 5);
    CHECK(page->entries[0].status == send_status::not_sent);
    CHECK(page->entries[0].message_key == "top"); // the top of the entry wins over info
    CHECK(page->entries[0].status_code == 9);
    CHECK(page->entries[0].to == "a@example.com");
    CHECK(page->entries[1].event_id == 6);
    CHECK(page->entries[1].status == send_status::unknown);
    CHECK_FALSE(page->entries[1].timestamp);
    CHECK_FALSE(page->entries[1].message_key);
}

TEST_CASE("not_sent page: an empty page, and the answers a sweep cannot trust")
{
    for (auto body : {R"({"lastEventID":35774,"messages":[],"count":0})", R"({"messages":null})"}) {
        auto const empty = decode_not_sent_page(test::ok(body));
        REQUIRE(empty.has_value());
        CHECK(empty->entries.empty());
    }
    auto const code = [](std::string body) { return decode_not_sent_page(test::ok(std::move(body))).error().code; };
    CHECK(code(R"({"lastEventID":1,"count":0})") == error::missing_field);
    CHECK(code(R"({"messages":{}})") == error::wrong_field_type);
    CHECK(code(R"({"messages":[1]})") == error::not_an_object);
    CHECK(code(R"([])") == error::not_an_object);
    CHECK(code(R"({"messages":[{"eventID":1},{"info":{}}]})") == error::missing_field);
    CHECK(code(R"({"messages":[{"eventID":1.5}]})") == error::wrong_field_type);
    CHECK(code(R"({"messages":[{"eventID":"x"}]})") == error::wrong_field_type);
    CHECK(code(R"({"messages":[{"eventID":1,"info":[]}]})") == error::wrong_field_type);
    CHECK(code(R"({"messages":[{"eventID":1,"info":{"statusCode":"bad"}}]})") == error::wrong_field_type);
    CHECK(code(R"({"lastEventID":[],"messages":[]})") == error::wrong_field_type);
    CHECK(code(R"({"messages":[)") == error::truncated_body);
    CHECK(code("") == error::empty_body);
    auto const where = decode_not_sent_page(test::ok(R"({"messages":[{"eventID":1},{"eventID":2,"info":{"to":[]}}]})"));
    REQUIRE_FALSE(where.has_value());
    CHECK(where.error().detail.find("messages[1].info.to") != std::string::npos);
    CHECK(where.error().http_status == 200);
    CHECK(decode_not_sent_page({429, {}, R"({"errorcode":50200,"message":"blocked"})"}).error().code == error::blocked);
}

TEST_CASE("not_sent_sweep: pages until a short page, the cursor is the last entry taken, never lastEventID")
{
    not_sent_sweep sweep({.page_size = 2});
    CHECK_FALSE(sweep.cursor());
    CHECK_FALSE(sweep.next_page().after);
    auto first = sweep.take(*decode_not_sent_page(test::ok(page_of({3, 4}, 10))));
    REQUIRE(first.has_value());
    CHECK(ids_of(*first) == std::vector<std::int64_t>{3, 4});
    CHECK(sweep.cursor() == 4);
    CHECK_FALSE(sweep.caught_up());
    CHECK(sweep.next_page().after == 4);
    CHECK(sweep.next_page().page_size == 2);
    // An entry at or before the cursor is not taken twice.
    auto second = sweep.take(*decode_not_sent_page(test::ok(page_of({4, 7}, 7))));
    CHECK(ids_of(*second) == std::vector<std::int64_t>{7});
    CHECK_FALSE(sweep.caught_up());
    auto last = sweep.take(*decode_not_sent_page(test::ok(page_of({}, 7))));
    CHECK(last->empty());
    CHECK(sweep.caught_up());
    CHECK(sweep.cursor() == 7);
}

TEST_CASE("not_sent_sweep: resumed from a kept cursor, a full page that does not advance stops it")
{
    not_sent_sweep resumed({.on = channel::email, .page_size = 3, .after = 40});
    CHECK(resumed.next_page().after == 40);
    CHECK(resumed.next_page().on == channel::email);
    auto short_page = resumed.take(*decode_not_sent_page(test::ok(page_of({41}, 41))));
    CHECK(ids_of(*short_page) == std::vector<std::int64_t>{41});
    CHECK(resumed.caught_up());

    not_sent_sweep stuck({.page_size = 2, .after = 9});
    auto again = stuck.take(*decode_not_sent_page(test::ok(page_of({8, 9}, 9))));
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == error::no_progress);
    CHECK(stuck.caught_up());
    CHECK(stuck.cursor() == 9);
}

TEST_CASE("run_sweep: over the client's call machinery, a 429 in the middle is waited out and retried")
{
    test::fake_transport http;
    http.replies = {test::ok(page_of({1, 2}, 2)),
                    http_response{429, {{"Retry-After", "3"}}, R"({"message":"Rate limit exceeded","errorcode":50100})"},
                    test::ok(page_of({3, 4}, 4)), test::ok(page_of({5}, 5))};
    std::vector<std::chrono::milliseconds> slept;
    client c(http, *endpoint::from_subdomain("mcx"), *access_token::make("t"),
             {.wait = [&](std::chrono::milliseconds d) { slept.push_back(d); }});
    not_sent_sweep sweep({.page_size = 2});
    std::vector<std::int64_t> seen;
    std::vector<std::optional<std::int64_t>> cursors;
    auto const taken = run_sweep(c, sweep, [&](std::span<not_sent_entry const> entries) {
        for (auto const& e : entries)
            seen.push_back(e.event_id);
        cursors.push_back(sweep.cursor());
        return true;
    });
    REQUIRE(taken.has_value());
    CHECK(*taken == 5);
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4, 5});
    CHECK(cursors == std::vector<std::optional<std::int64_t>>{2, 4, 5});
    CHECK(slept == std::vector<std::chrono::milliseconds>{std::chrono::seconds(3)});
    REQUIRE(http.seen.size() == 4);
    CHECK(http.seen[0].target == "/messaging/v1/sms/messages/?type=notSent&$pageSize=2");
    CHECK(http.seen[1].target == "/messaging/v1/sms/messages/?type=notSent&$pageSize=2&lastEventId=2");
    CHECK(http.seen[2].target == http.seen[1].target);
    CHECK(http.seen[3].target == "/messaging/v1/sms/messages/?type=notSent&$pageSize=2&lastEventId=4");
}

TEST_CASE("run_sweep: a failure or a stop leaves the cursor at the last page handled")
{
    test::fake_transport http;
    http.replies = {test::ok(page_of({1, 2}, 2)), http_response{429, {}, R"({"message":"blocked","errorcode":50200})"}};
    client c(http, *endpoint::from_subdomain("mcx"), *access_token::make("t"));
    not_sent_sweep sweep({.page_size = 2});
    auto const failed = run_sweep(c, sweep, [](auto) { return true; });
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == error::blocked);
    CHECK(http.seen.size() == 2); // 50200 is never retried
    CHECK(sweep.cursor() == 2);

    http.replies = {test::ok(page_of({3, 4}, 4)), test::ok(page_of({5, 6}, 6))};
    not_sent_sweep stopped({.page_size = 2, .after = 2});
    auto const once = run_sweep(c, stopped, [](auto) { return false; });
    CHECK(*once == 2);
    CHECK(stopped.cursor() == 4);
    CHECK(http.replies.size() == 1);
}

TEST_CASE("run_sweep: the README's example, resumed from a saved cursor")
{
    test::fake_transport http;
    http.replies = {test::ok(page_of({41, 42}, 42))};
    client sms(http, *endpoint::from_subdomain("mcx"), *access_token::make("t"));
    std::optional<std::int64_t> saved = 40;
    auto const load_cursor = [&] { return saved; };
    auto const save_cursor = [&](std::optional<std::int64_t> c) { saved = c; };
    std::vector<std::string> reported;
    auto const report = [&](std::string const& key, std::optional<int>, std::optional<api_timestamp>) { reported.push_back(key); };
    // [readme-sweep]
    sfmc::sms::not_sent_sweep sweep({.page_size = 500, .after = load_cursor()});
    auto const swept = sfmc::sms::run_sweep(sms, sweep, [&](std::span<sfmc::sms::not_sent_entry const> failed) {
        for (auto const& e : failed)
            report(e.message_key.value_or("?"), e.status_code, e.timestamp_utc);
        save_cursor(sweep.cursor()); // once the page is handled: a later run resumes after it
        return true;
    });
    if (!swept)
        std::cerr << swept.error() << '\n'; // the saved cursor says where to resume
    // [readme-sweep]
    CHECK(swept.has_value());
    CHECK(reported == std::vector<std::string>{"k41", "k42"});
    CHECK(saved == 42);
    CHECK(http.seen[0].target == "/messaging/v1/sms/messages/?type=notSent&$pageSize=500&lastEventId=40");
}

TEST_CASE("not_sent_sweep: entries out of order within a page are all taken, the cursor moves to the highest")
{
    not_sent_sweep sweep({.page_size = 4, .after = 10});
    auto const page = sweep.take(*decode_not_sent_page(test::ok(page_of({14, 12, 9, 13}, 14))));
    REQUIRE(page.has_value());
    CHECK(ids_of(*page) == std::vector<std::int64_t>{14, 12, 13}); // 9 is before the cursor the page was asked from
    CHECK(sweep.cursor() == 14);
    CHECK(sweep.next_page().after == 14);
    // From the start: the first entry sets no bar for the others.
    not_sent_sweep fresh({.page_size = 3});
    auto const first = fresh.take(*decode_not_sent_page(test::ok(page_of({5, 3, 4}, 5))));
    CHECK(ids_of(*first) == std::vector<std::int64_t>{5, 3, 4});
    CHECK(fresh.cursor() == 5);
}
