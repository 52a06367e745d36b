#include <sfmc/sms/ens/canonical_json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using sfmc::sms::ens::canonical_json;

TEST_CASE("ens::canonical_json: no whitespace, members by name at every level, arrays in order")
{
    CHECK(canonical_json(" { \"b\" : 1 ,\n \"a\" : [ 2 , { \"d\" : null , \"c\" : true } ] } ") ==
          R"({"a":[2,{"c":true,"d":null}],"b":1})");
    CHECK(canonical_json("[]") == "[]");
    CHECK(canonical_json("{}") == "{}");
    CHECK(canonical_json(R"({"a":[],"b":{},"c":""})") == R"({"a":[],"b":{},"c":""})");
    // By the names' bytes: "B" (0x42) before "a" (0x61), "a" before "ab", "é" (0xC3 0xA9) after "z".
    CHECK(canonical_json("{\"z\":1,\"\xC3\xA9\":2,\"ab\":3,\"a\":4,\"B\":5}") == "{\"B\":5,\"a\":4,\"ab\":3,\"z\":1,\"\xC3\xA9\":2}");
    // A name written twice: by its values' text.
    CHECK(canonical_json(R"({"k":2,"k":1})") == R"({"k":1,"k":2})");
    CHECK(canonical_json(R"({"a":1,}  )") == R"({"a":1})"); // trailing commas, as everywhere
}

TEST_CASE("ens::canonical_json: strings with only the escapes JSON needs, numbers by value, 1 and 1.0 apart")
{
    CHECK(canonical_json(R"(["\u0041\/\u00e9", "a\"b\\c", "\u0001\n"])") == "[\"A/\xC3\xA9\",\"a\\\"b\\\\c\",\"\\u0001\\n\"]");
    CHECK(canonical_json("[15e-1, 1.50e2, 1, 1.0, -0.25, 18446744073709551615, -9223372036854775808]") ==
          "[1.5,150.0,1,1.0,-0.25,18446744073709551615,-9223372036854775808]");
    CHECK(canonical_json("[1e300]") == "[1e+300]");
    std::string const long_text(100'000, 'x'); // arrives from the parser in parts
    CHECK(canonical_json("[\"\\u0078" + long_text + "\"]") == "[\"x" + long_text + "\"]");
}

TEST_CASE("ens::canonical_json: a number's value is read from its text, whatever follows it")
{
    // Boost.JSON 1.81 reads this number one unit in the last place apart when ",\n  }" follows it
    // rather than "}" (found by fuzz/journal_line), and reads 0e860 as NaN.
    CHECK(canonical_json("{\"paTC\":61.0476416006861600686858530,\n  }") == R"({"paTC":61.04764160068616})");
    CHECK(canonical_json(R"({"paTC":61.0476416006861600686858530})") == R"({"paTC":61.04764160068616})");
    CHECK(canonical_json("[0e860, -0e860, 1e-400]") == "[0.0,-0.0,0.0]");
    CHECK(canonical_json("[1e400, -1E+400, 1e999]") == "[1e999,-1e999,1e999]"); // past double's range, still JSON
    for (auto const& text : {"[1e400]", "[0e860]", "[61.0476416006861600686858530]"})
        CHECK(canonical_json(*canonical_json(text)) == canonical_json(text));
}

TEST_CASE("ens::canonical_json: equal JSON values, written any way, give one text, anything else none")
{
    std::vector<std::string> members{R"("eventCategoryType":"TransactionalSendEvents.SmsDelivered")", R"("timestampUTC":1600698608530)",
                                     R"("info":{"to":"15555551234","messageKey":"k","statusCode":"4000"})", R"("mid":7)"};
    auto const first = canonical_json("{" + members[0] + "," + members[1] + "," + members[2] + "," + members[3] + "}");
    REQUIRE(first);
    std::mt19937 random(20261202);
    for (int round = 0; round < 50; ++round) {
        std::shuffle(members.begin(), members.end(), random);
        std::string text = "{";
        for (auto const& m : members)
            text += (text.size() > 1 ? " ,\n  " : " ") + m;
        CHECK(canonical_json(text + " }") == first);
    }
    for (std::string_view bad : {"", "{", "[1,,2]", "{\"a\":1} x", "tru", "\"\xC3\x28\""})
        CHECK_FALSE(canonical_json(bad));
    CHECK_FALSE(canonical_json(std::string(100, '[') + std::string(100, ']')));
}
