#include <sfmc/sms/timestamp.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sfmc::sms;

namespace {
std::string utc(std::string_view api_text)
{
    auto t = parse_api_timestamp(api_text);
    return t ? t->to_rfc3339() : "<none>";
}
} // namespace

TEST_CASE("timestamp: the API's UTC-6 text becomes UTC, keeping exactly the digits received")
{
    CHECK(utc("2018-08-03T13:41:18.55") == "2018-08-03T19:41:18.55Z");
    CHECK(utc("2018-08-16T10:44:41.2196") == "2018-08-16T16:44:41.2196Z");
    CHECK(utc("2018-07-24T06:26:58.463") == "2018-07-24T12:26:58.463Z");
    CHECK(utc("2019-05-14T21:05:00") == "2019-05-15T03:05:00Z");
    CHECK(utc("2019-05-14T21:05:00.1") == "2019-05-15T03:05:00.1Z");
    CHECK(utc("2019-05-14T21:05:00.1234567") == "2019-05-15T03:05:00.1234567Z");
    CHECK(utc("2019-05-14T21:05:00.0000000") == "2019-05-15T03:05:00.0000000Z");
    CHECK(utc("2019-05-14T21:05:00.10") == "2019-05-15T03:05:00.10Z");
}

TEST_CASE("timestamp: day, month, year and leap-day boundaries")
{
    CHECK(utc("2018-12-31T18:00:00") == "2019-01-01T00:00:00Z");
    CHECK(utc("2018-12-31T17:59:59.9999999") == "2018-12-31T23:59:59.9999999Z");
    CHECK(utc("2020-02-28T18:30:00") == "2020-02-29T00:30:00Z");
    CHECK(utc("2020-02-29T20:00:00") == "2020-03-01T02:00:00Z");
    CHECK(utc("2019-02-28T20:00:00") == "2019-03-01T02:00:00Z");
    CHECK(utc("2000-02-29T23:59:59") == "2000-03-01T05:59:59Z");
    CHECK(utc("9999-12-31T17:59:59.9999999") == "9999-12-31T23:59:59.9999999Z");
    CHECK(utc("0000-01-01T00:00:00") == "0000-01-01T06:00:00Z");
    CHECK(utc("2018-04-30T19:00:00") == "2018-05-01T01:00:00Z");
}

TEST_CASE("timestamp: the instant itself is exact to 100 ns")
{
    using namespace std::chrono;
    auto t = parse_api_timestamp("1970-01-01T00:00:00.0000001");
    REQUIRE(t);
    CHECK(t->utc.time_since_epoch() == hours{6} + timestamp_duration{1});
    CHECK(t->fraction_digits == 7);
}

TEST_CASE("timestamp: an explicit offset, should the API add one, is honoured")
{
    CHECK(utc("2018-08-03T13:41:18.55Z") == "2018-08-03T13:41:18.55Z");
    CHECK(utc("2018-08-03T13:41:18+02:00") == "2018-08-03T11:41:18Z");
    CHECK(utc("2018-08-03T13:41:18-06:00") == "2018-08-03T19:41:18Z");
}

TEST_CASE("timestamp: unreadable text gives no value")
{
    for (std::string_view bad : {"", "2018-08-03", "2018-08-03 13:41:18", "2018-02-30T00:00:00", "2019-02-29T00:00:00",
                                 "2018-13-01T00:00:00", "2018-08-03T24:00:00", "2018-08-03T13:60:00", "2018-08-03T13:41:60",
                                 "2018-08-03T13:41:18.", "2018-08-03T13:41:18.12345678", "2018-08-03T13:41:18.5x",
                                 "2018-08-03T13:41:18+2:00", "2018-08-03T13:41:18+24:00", "+018-08-03T13:41:18",
                                 "2018-8-03T13:41:18", "\xFF\xFF\xFF\xFF-08-03T13:41:18",
                                 "9999-12-31T18:00:00", "0000-01-01T01:00:00+02:00"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_api_timestamp(bad));
    }
}

TEST_CASE("timestamp: equal when the instant and the digits written are")
{
    CHECK(*parse_api_timestamp("2018-08-03T13:41:18.55") == *parse_api_timestamp("2018-08-03T19:41:18.55Z"));
    CHECK_FALSE(*parse_api_timestamp("2018-08-03T13:41:18.55") == *parse_api_timestamp("2018-08-03T13:41:18.550"));
    CHECK_FALSE(*parse_api_timestamp("2018-08-03T13:41:18.55") == *parse_api_timestamp("2018-08-03T13:41:18.56"));
}
