#include <sfmc/sms/ens/current_status.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/ens/decode_batch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace sfmc::sms::ens;

namespace {

// One event of key "k", as ENS would send it.
std::string event_text(std::string_view type, std::optional<long long> ms, std::string_view extra = "")
{
    std::string text = R"({"eventCategoryType":"TransactionalSendEvents.)" + std::string(type) + "\"";
    if (ms)
        text += ",\"timestampUTC\":" + std::to_string(*ms);
    return text + R"(,"info":{"messageKey":"k")" + std::string(extra) + "}}";
}

status_claim claim(std::string const& text)
{
    auto const body = "[" + text + "]"; // the events' raw bytes point into it
    auto const events = decode_batch(body);
    REQUIRE(events.has_value());
    auto c = claim_of(events->front());
    REQUIRE(c.has_value());
    return *c;
}

} // namespace

TEST_CASE("ens current status: rank first, then the later timestampUtc, then the smaller canonical text")
{
    // Rank: a final status outranks transient, which outranks sent, whatever the times.
    CHECK(outranks(claim(event_text("SmsDelivered", 1)), claim(event_text("SmsTransient", 9))));
    CHECK(outranks(claim(event_text("SmsBounced", 1)), claim(event_text("SmsSent", 9))));
    CHECK(outranks(claim(event_text("SmsNotSent", std::nullopt)), claim(event_text("SmsTransient", 9))));
    CHECK(outranks(claim(event_text("SmsTransient", 1)), claim(event_text("SmsSent", 9))));
    // The same rank: the later time; one without a time loses to any with one.
    CHECK(outranks(claim(event_text("SmsBounced", 9)), claim(event_text("SmsDelivered", 1))));
    CHECK(outranks(claim(event_text("SmsSent", 0)), claim(event_text("SmsSent", std::nullopt))));
    CHECK_FALSE(outranks(claim(event_text("SmsSent", std::nullopt)), claim(event_text("SmsSent", 0))));
    // Still tied: the smaller canonical text, whatever the layout it came in.
    auto const a = claim(event_text("SmsDelivered", 5, R"(,"statusCode":"4000")"));
    auto const b = claim(event_text("SmsDelivered", 5, R"(,"statusCode":"4001")"));
    CHECK(outranks(a, b));
    CHECK_FALSE(outranks(b, a));
    CHECK_FALSE(outranks(a, a));
    auto const a_pretty = claim("{\n \"info\" : { \"statusCode\" : \"4000\", \"messageKey\" : \"k\" },\n"
                                " \"timestampUTC\" : 5, \"eventCategoryType\" : \"TransactionalSendEvents.SmsDelivered\" }");
    CHECK(a_pretty == a);
    // No claim: an unknown type, or no messageKey.
    auto const none = decode_batch(R"([{"eventCategoryType":"TransactionalSendEvents.SmsBrandNew","info":{"messageKey":"k"}},)"
                                   R"({"eventCategoryType":"TransactionalSendEvents.SmsSent"}])");
    REQUIRE(none.has_value());
    CHECK_FALSE(claim_of((*none)[0]));
    CHECK_FALSE(claim_of((*none)[1]));
}

TEST_CASE("ens current status: any order of arrival and any batching give the same status (property)")
{
    std::mt19937 random(7);
    char const* const types[] = {"SmsSent", "SmsTransient", "SmsDelivered", "SmsBounced", "SmsNotSent", "SmsSent"};
    for (int round = 0; round < 300; ++round) {
        // A message's events: few distinct times, so that ties on rank and time are common.
        std::vector<status_claim> claims;
        auto const n = 1 + random() % 8;
        for (unsigned i = 0; i < n; ++i) {
            std::optional<long long> ms;
            if (random() % 4 != 0)
                ms = random() % 3;
            claims.push_back(claim(event_text(types[random() % 6], ms, R"(,"n":)" + std::to_string(random() % 4))));
        }
        // The expected answer: the one claim that no other outranks.
        auto best = claims.front();
        for (auto const& c : claims)
            if (outranks(c, best))
                best = c;
        for (auto const& c : claims)
            CHECK_FALSE(outranks(c, best));
        for (int order = 0; order < 5; ++order) {
            std::shuffle(claims.begin(), claims.end(), random);
            // In parts, as batches or receivers would take them, merged in any order.
            std::vector<current_status> parts(1 + random() % 3);
            for (auto const& c : claims)
                parts[random() % parts.size()].merge(c);
            std::shuffle(parts.begin(), parts.end(), random);
            current_status all;
            for (auto const& p : parts)
                all.merge(p);
            REQUIRE(all.decided());
            CHECK(*all.decided() == best);
        }
    }
}
