#include <sfmc/sms/ens/event_digest.hpp>

#include <sfmc/sms/ens/decode_batch.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string_view>
#include <vector>

TEST_CASE("ens::event_digest: equal JSON values agree, member order and whitespace do not matter, 1 and 1.0 do")
{
    auto const d = [](std::string_view json) { return *sfmc::sms::ens::event_digest(json); };
    CHECK(d(R"({"a":1,"b":{"c":[1,"x"],"d":null}})") == d("{ \"b\" : { \"d\":null, \"c\":[ 1 , \"x\" ] }, \"a\" : 1 }"));
    CHECK(d(R"({"s":"A\u00e9\n"})") == d("{\"s\":\"A\xC3\xA9\\n\"}")); // escapes are values
    CHECK(d(R"({"n":1})") != d(R"({"n":1.0})"));
    CHECK(d(R"({"n":1})") != d(R"({"n":"1"})"));
    CHECK(d(R"({"a":[1,2]})") != d(R"({"a":[2,1]})")); // arrays keep their order
    CHECK(d(R"({"a":{}})") != d(R"({"a":[]})"));
    CHECK_FALSE(sfmc::sms::ens::event_digest("{\"torn"));
}

TEST_CASE("ens::event_digest: a number's value is read from its text, whatever follows it in the batch")
{
    // Boost.JSON 1.81 reads this number one unit in the last place apart when ",\n  }" follows it
    // rather than "}": the same event pretty-printed was a new event (found by fuzz/journal_line).
    auto const d = [](std::string_view json) { return *sfmc::sms::ens::event_digest(json); };
    CHECK(d("{\"paTC\":61.0476416006861600686858530,\n  }") == d(R"({"paTC":61.0476416006861600686858530})"));
    CHECK(d(R"({"n":61.047641600686163})") == d(R"({"n":61.0476416006861600686858530})"));
    CHECK(d(R"([0e860])") == d(R"([0.0])")); // 1.81 reads 0e860 as NaN
    CHECK(d(R"([1e400])") == d(R"([1e999])"));
    CHECK(d(R"([1e400])") != d(R"([-1e400])"));
    CHECK(d(R"([1e-400])") == d(R"([0.0])"));
}

TEST_CASE("ens::event_digest: values that differ only in how their parts are cut or typed stay apart")
{
    auto const d = [](std::string_view json) { return *sfmc::sms::ens::event_digest(json); };
    CHECK(d(R"({"a":"bc"})") != d(R"({"ab":"c"})"));
    CHECK(d(R"(["a","b"])") != d(R"(["ab"])"));
    CHECK(d(R"([[]])") != d(R"([])"));
    CHECK(d(R"([[],[]])") != d(R"([[[]]])"));
    CHECK(d(R"({"a":{"b":1},"c":2})") != d(R"({"a":{"b":1,"c":2}})"));
    CHECK(d(R"(true)") != d(R"("true")"));
    CHECK(d(R"(null)") != d(R"("null")"));
    CHECK(d(R"("")") != d(R"([])"));
    CHECK(d(R"(1)") != d(R"(1.0)"));
    CHECK(d(R"(-1)") != d(R"(18446744073709551615)"));
    CHECK(d(R"(1.5)") == d(R"(15e-1)"));
    // A key written twice: the same value whatever the order of its members.
    CHECK(d(R"({"k":1,"k":2})") == d(R"({"k":2,"k":1})"));
    CHECK(d(R"({"k":1,"k":2})") != d(R"({"k":1,"k":3})"));
    // Long strings arrive in parts: the same value as one written short.
    std::string const long_text(100'000, 'x');
    // (an escape sends Boost.JSON's parser through its buffer, which hands the string over
    // in parts of a few KB)
    CHECK(d("{\"k\":\"" + long_text + "\"}") == d("{ \"\\u006b\" : \"\\u0078" + long_text.substr(1) + "\" }"));
    CHECK(d("{\"k\":\"" + long_text + "\"}") != d("{\"k\":\"" + long_text + "y\"}"));
}

TEST_CASE("ens::make_storable: the key is the time then the digest, equal for equal JSON values, the text is on one line")
{
    auto const batch = sfmc::sms::ens::decode_batch(R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","timestampUTC":1600698608530,
        "info":{"messageKey":"k","to":"1"}},
      { "info" : { "to" : "1", "messageKey" : "k" }, "timestampUTC" : 1600698608530,
        "eventCategoryType" : "TransactionalSendEvents.SmsSent" },
      {"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k","to":"2"}}])");
    REQUIRE(batch.has_value());
    auto const a = sfmc::sms::ens::make_storable((*batch)[0]), b = sfmc::sms::ens::make_storable((*batch)[1]), c = sfmc::sms::ens::make_storable((*batch)[2]);
    // 1600698608530 = 0x0174B1126B92, big-endian in the first 6 bytes; none for an event without a time
    CHECK(std::vector<int>(a.key.begin(), a.key.begin() + 6) == std::vector<int>{0x01, 0x74, 0xB1, 0x12, 0x6B, 0x92});
    CHECK(std::vector<int>(c.key.begin(), c.key.begin() + 6) == std::vector<int>(6, 0));
    auto const digest = sfmc::sms::ens::event_digest((*batch)[0].raw);
    REQUIRE(digest.has_value());
    CHECK(std::equal(digest->begin(), digest->end(), a.key.begin() + 6));
    CHECK(a.key == b.key); // the same value, written differently
    CHECK(a.key != c.key);
    CHECK(b.text == R"({"info":{"to":"1","messageKey":"k"},"timestampUTC":1600698608530,"eventCategoryType":"TransactionalSendEvents.SmsSent"})");
    CHECK(a.fields.message_key == "k");
    CHECK(b.fields.to == "1");
}
