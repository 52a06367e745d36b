#include <sfmc/sms/retry_after.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {
// Sun, 06 Nov 1994 08:49:30 GMT
system_clock::time_point const now = sys_days{year{1994} / 11 / 6} + hours{8} + minutes{49} + seconds{30};
} // namespace

TEST_CASE("retry_after: delta-seconds")
{
    CHECK(parse_retry_after("5") == seconds{5});
    CHECK(parse_retry_after(" 120 ") == seconds{120});
    CHECK(parse_retry_after("0") == seconds{0});
    CHECK(parse_retry_after("99999999999999999999999") == max_retry_after);
    for (std::string_view bad : {"", "-1", "1.5", "5s", "0x10", "+5", "5 5"})
        CHECK_FALSE(parse_retry_after(bad, now));
}

TEST_CASE("retry_after: the three HTTP-date forms, resolved against now")
{
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == seconds{7});
    CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now) == seconds{7});
    CHECK(parse_retry_after("Sun Nov  6 08:49:37 1994", now) == seconds{7});
    CHECK(parse_retry_after("Sun, 06 Nov 1994 09:49:30 GMT", now) == seconds{3600});
}

TEST_CASE("retry_after: a date in the past means now, one far off is clamped, none without a clock")
{
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now) == seconds{0});
    CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == max_retry_after);
    CHECK_FALSE(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"));
}

TEST_CASE("retry_after: malformed dates give nothing")
{
    for (std::string_view bad : {"Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                                 "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
                                 "Sun, 06 Nov 1994 08:49 GMT", "tomorrow"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_retry_after(bad, now));
    }
}
