#include <sfmc/sms/access_token.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using sfmc::sms::access_token;
using sfmc::sms::error;

TEST_CASE("access_token: visible ASCII passes and is revealed only on purpose")
{
    auto t = access_token::make("eyJhbLci.x-y_z~+/=");
    REQUIRE(t);
    CHECK(t->reveal() == "eyJhbLci.x-y_z~+/=");
    std::ostringstream out;
    out << *t;
    CHECK(out.str() == "[redacted]");
}

TEST_CASE("access_token: anything that could end or inject a header is refused")
{
    for (std::string_view bad : {"", " ", "a b", "a\rb", "a\nb", "a\r\nX-Evil: 1", "tab\there", "\x7f", "caf\xC3\xA9"})
        CHECK(access_token::make(bad).error() == error::bad_token);
    CHECK(access_token::make(std::string_view("a\0b", 3)).error() == error::bad_token);
}
