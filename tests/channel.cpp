#include <sfmc/sms/channel.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;

TEST_CASE("channel: named by its path segment, exactly")
{
    CHECK(to_string(channel::sms) == "sms");
    CHECK(to_string(channel::email) == "email");
    CHECK(parse_channel("sms") == channel::sms);
    CHECK(parse_channel("email") == channel::email);
    CHECK_FALSE(parse_channel("SMS"));
    CHECK_FALSE(parse_channel(""));
    CHECK_FALSE(parse_channel("mail"));
}
