#include <sfmc/sms/client_credentials.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace sfmc::sms;

TEST_CASE("client_credentials: the secret is kept, and printed as [redacted]")
{
    auto c = client_credentials::make("7a9j47upktedde30uedl822p", "1955278925675241571", "12345", "sms_read");
    REQUIRE(c.has_value());
    CHECK(c->client_id() == "7a9j47upktedde30uedl822p");
    CHECK(c->reveal_secret() == "1955278925675241571");
    CHECK(c->account_id() == "12345");
    CHECK(c->scope() == "sms_read");
    std::ostringstream out;
    out << *c;
    CHECK(out.str() == "client_id=7a9j47upktedde30uedl822p client_secret=[redacted] account_id=12345");
}

TEST_CASE("client_credentials: empty id or secret, or a value not in UTF-8, is refused")
{
    CHECK(client_credentials::make("", "s").error() == error::bad_credentials);
    CHECK(client_credentials::make("id", "").error() == error::bad_credentials);
    CHECK(client_credentials::make("id", "s\xFF").error() == error::bad_credentials);
    CHECK(client_credentials::make("id", "s", "\xC0\x80").error() == error::bad_credentials);
    CHECK(client_credentials::make("id", "s", "", "\xED\xA0\x80").error() == error::bad_credentials);
    auto odd = client_credentials::make("id", "quote\" backslash\\ newline\n nul", "", "");
    REQUIRE(odd.has_value());
    CHECK_FALSE(odd->account_id());
    CHECK_FALSE(odd->scope());
}
