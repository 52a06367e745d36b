#ifndef SFMC_SMS_TESTS_STORE_CONFORMANCE_HPP
#define SFMC_SMS_TESTS_STORE_CONFORMANCE_HPP

// What every status store engine must do. An engine's test file instantiates these with
// TEST_CASE_TEMPLATE_INVOKE(store_conformance_..., its_engine). An engine has a default
// constructor (a new, empty store of its own), `std::unique_ptr<status_store> open()` (the
// store, opened again on each call) and `bool refuses_a_missing_store()` (the command's
// open of a store that does not exist fails).

#include <sfmc/sms/ens/decode_batch.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace test::store {

using namespace sfmc::sms::ens;
using namespace std::chrono;

inline std::string event_text(std::string_view key, std::string_view type, std::optional<long long> ms, std::string_view extra = "")
{
    std::string text = R"({"eventCategoryType":"TransactionalSendEvents.)" + std::string(type) + "\"";
    if (ms)
        text += ",\"timestampUTC\":" + std::to_string(*ms);
    return text + R"(,"info":{"messageKey":")" + std::string(key) + "\"" + std::string(extra) + "}}";
}

// Appends the batch of `texts`, received at `at` ms: which events were new.
inline std::vector<bool> append(status_store& store, std::vector<std::string> const& texts, long long at = 1'000)
{
    std::string body = "[";
    for (auto const& t : texts)
        body += (body.size() > 1 ? "," : "") + t;
    body += "]";
    auto const events = decode_batch(body, {.max_events = 100'000});
    REQUIRE(events.has_value());
    auto outcome = store.append(*events, event_time(milliseconds(at)));
    if (auto const* why = std::get_if<std::string>(&outcome))
        FAIL(*why);
    return std::get<0>(outcome);
}

inline std::optional<message_state> current(status_store& store, std::string const& key, channel on = channel::sms)
{
    auto got = store.current(on, key);
    REQUIRE(std::holds_alternative<std::optional<message_state>>(got));
    return std::get<0>(got);
}

// "k3": appended, not `"k" + std::to_string(n)`, which GCC 12 at -O3 warns about (-Wrestrict) falsely.
inline std::string key_number(unsigned n)
{
    std::string key = "k";
    key += std::to_string(n);
    return key;
}

} // namespace test::store

TEST_CASE_TEMPLATE_DEFINE("status store: each event once, across batches and reopenings, the current status by the rule", Engine, store_conformance_once)
{
    using namespace test::store;
    Engine engine;
    {
        auto store = engine.open();
        auto const sent = event_text("k1", "SmsSent", 100);
        auto const delivered = event_text("k1", "SmsDelivered", 200, R"(,"to":"15555551234","statusCode":"4000")");
        CHECK(append(*store, {sent, sent, delivered}) == std::vector<bool>{true, false, true});
        auto const k1 = current(*store, "k1");
        REQUIRE(k1);
        CHECK(k1->decided.status == event_status::delivered);
        CHECK(k1->decided.to == "15555551234");
        CHECK(k1->decided.status_code == 4000);
        CHECK(k1->decided.timestamp_utc == event_time(milliseconds(200)));
        CHECK(k1->events == 2);
        // A transient receipt after the final one does not take the status back.
        CHECK(append(*store, {event_text("k1", "SmsTransient", 300)}) == std::vector<bool>{true});
        CHECK(current(*store, "k1")->decided.status == event_status::delivered);
        CHECK_FALSE(current(*store, "k1", channel::email));
        CHECK_FALSE(current(*store, "nobody"));
    }
    // Reopened: the same events are duplicates (in any layout), the status unchanged.
    auto store = engine.open();
    CHECK(append(*store, {"{ \"info\" : { \"messageKey\" : \"k1\" }, \"timestampUTC\" : 100,\n"
                          "  \"eventCategoryType\" : \"TransactionalSendEvents.SmsSent\" }"}) == std::vector<bool>{false});
    CHECK(current(*store, "k1")->events == 3);
    // The store's command side never creates one.
    CHECK(engine.refuses_a_missing_store());
}

TEST_CASE_TEMPLATE_DEFINE("status store: history oldest first (no time last), unknown events kept but never current", Engine, store_conformance_history)
{
    using namespace test::store;
    Engine engine;
    auto store = engine.open();
    append(*store, {event_text("k", "SmsDelivered", 300), event_text("k", "SmsSent", std::nullopt),
                    event_text("k", "SmsSent", 100), event_text("k", "SmsBrandNew", 400), event_text("k", "EmailSent", 50)});
    auto const history = store->history(channel::sms, "k");
    REQUIRE(std::holds_alternative<std::vector<stored_event>>(history));
    auto const& events = std::get<0>(history);
    std::vector<std::string> seen;
    for (auto const& e : events)
        seen.push_back(std::string(to_string(e.status)) + "@" + (e.timestamp_utc ? std::to_string(e.timestamp_utc->time_since_epoch().count()) : "-"));
    CHECK(seen == std::vector<std::string>{"sent@100", "delivered@300", "unknown@400", "sent@-"});
    CHECK(events[2].on == channel::unknown);
    CHECK(current(*store, "k")->decided.status == event_status::delivered);
    CHECK(current(*store, "k")->events == 4);
    CHECK(current(*store, "k", channel::email)->decided.status == event_status::sent);
    // Events are kept on one line, values unchanged.
    CHECK(events[0].event.find('\n') == std::string::npos);
}

TEST_CASE_TEMPLATE_DEFINE("status store: list by status and time, ordered by time then key, limit", Engine, store_conformance_list)
{
    using namespace test::store;
    Engine engine;
    auto store = engine.open();
    append(*store, {event_text("b", "SmsBounced", 200), event_text("a", "SmsBounced", 200), event_text("c", "SmsDelivered", 150),
                    event_text("d", "SmsBounced", std::nullopt), event_text("e", "SmsBounced", 50),
                    event_text("f", "SmsSent", 500)});
    auto const keys = [&](list_filter f) {
        auto got = store->list(f);
        REQUIRE(std::holds_alternative<std::vector<message_state>>(got));
        std::vector<std::string> out;
        for (auto const& m : std::get<0>(got))
            out.push_back(m.message_key);
        return out;
    };
    CHECK(keys({}) == std::vector<std::string>{"e", "c", "a", "b", "f", "d"});
    CHECK(keys({.statuses = {event_status::bounced}}) == std::vector<std::string>{"e", "a", "b", "d"});
    CHECK(keys({.statuses = {event_status::bounced}, .since = event_time(milliseconds(100))}) == std::vector<std::string>{"a", "b"});
    CHECK(keys({.since = event_time(milliseconds(100)), .until = event_time(milliseconds(200))}) == std::vector<std::string>{"c"});
    CHECK(keys({.limit = 2}) == std::vector<std::string>{"e", "c"});
    CHECK(keys({.on = channel::email}).empty());
}

TEST_CASE_TEMPLATE_DEFINE("status store: retention removes old events in small steps and recomputes what they decided", Engine, store_conformance_retention)
{
    using namespace test::store;
    Engine engine;
    auto store = engine.open();
    append(*store, {event_text("k", "SmsDelivered", 300), event_text("old", "SmsSent", 1)}, /*received at*/ 1'000);
    append(*store, {event_text("k", "SmsSent", 100)}, 5'000);
    auto const step = [&](std::size_t at_most) {
        auto n = store->expire(event_time(milliseconds(2'000)), at_most);
        REQUIRE(std::holds_alternative<std::size_t>(n));
        return std::get<std::size_t>(n);
    };
    CHECK(step(1) == 1);
    CHECK(step(10) == 1);
    CHECK(step(10) == 0);
    // The delivered receipt went: k is sent again, from what is left; "old" is gone.
    auto const k = current(*store, "k");
    REQUIRE(k);
    CHECK(k->decided.status == event_status::sent);
    CHECK(k->events == 1);
    CHECK_FALSE(current(*store, "old"));
}

TEST_CASE_TEMPLATE_DEFINE("status store: the status is the same whatever the order and batching of the events (property)", Engine, store_conformance_property)
{
    using namespace test::store;
    std::mt19937 random(11);
    char const* const types[] = {"SmsSent", "SmsTransient", "SmsDelivered", "SmsBounced", "SmsNotSent", "SmsBrandNew"};
    std::vector<std::string> events;
    for (int i = 0; i < 60; ++i) {
        std::optional<long long> ms;
        if (random() % 4 != 0)
            ms = random() % 3;
        events.push_back(event_text(key_number(random() % 5), types[random() % 6], ms,
                                    R"(,"n":)" + std::to_string(random() % 3)));
    }
    std::optional<std::vector<std::string>> first;
    for (int round = 0; round < 4; ++round) {
        Engine engine;
        auto store = engine.open();
        std::shuffle(events.begin(), events.end(), random);
        for (std::size_t i = 0; i < events.size();) {
            auto const n = std::min<std::size_t>(1 + random() % 7, events.size() - i);
            append(*store, std::vector<std::string>(events.begin() + static_cast<long>(i), events.begin() + static_cast<long>(i + n)));
            i += n;
        }
        std::vector<std::string> answer;
        for (int k = 0; k < 5; ++k)
            if (auto m = current(*store, key_number(static_cast<unsigned>(k))))
                answer.push_back(m->decided.event + " " + std::to_string(m->events));
        if (!first)
            first = answer;
        CHECK(answer == *first);
    }
}

TEST_CASE_TEMPLATE_DEFINE("status store: hostile values stored as received: NUL, quotes, backslashes, times beyond any calendar", Engine,
                          store_conformance_hostile)
{
    using namespace test::store;
    Engine engine;
    auto store = engine.open();
    std::string const key = R"(q\"u{o},te's)"; // in JSON text: q\\\"u{o},te's
    auto const hostile = event_text(R"(q\\\"u{o},te's)", "SmsDelivered", 9'223'372'036'854'775'807LL,
                                    R"(,"to":"a\u0000b","statusMessage":"\\\"")");
    auto const early = event_text(R"(q\\\"u{o},te's)", "SmsBounced", -9'223'372'036'854'775'807LL - 1);
    CHECK(append(*store, {hostile, early, hostile}) == std::vector<bool>{true, true, false});
    auto const k = current(*store, key);
    REQUIRE(k);
    CHECK(k->decided.status == event_status::delivered);
    CHECK(k->decided.timestamp_utc == event_time(milliseconds(9'223'372'036'854'775'807LL)));
    CHECK(k->decided.event.find("a\\u0000b") != std::string::npos); // the event keeps its escape
    CHECK(k->events == 2);
    auto const history = store->history(channel::sms, key);
    REQUIRE(std::holds_alternative<std::vector<stored_event>>(history));
    REQUIRE(std::get<0>(history).size() == 2);
    CHECK(std::get<0>(history)[0].status == event_status::bounced);
    // Reopened, the same events are known.
    auto again = engine.open();
    CHECK(append(*again, {early, hostile}) == std::vector<bool>{false, false});
}

#endif
