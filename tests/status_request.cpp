#include <sfmc/sms/status_request.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sfmc::sms;

TEST_CASE("status_request: the seed's example request")
{
    auto req = make_status_request(*endpoint::from_subdomain("YOUR-SUBDOMAIN"), *message_key::make("bcX0qaEp0USGciEnUJTW0w"),
                                   *access_token::make("YOUR_ACCESS_TOKEN"));
    CHECK(req.method() == "GET");
    CHECK(req.scheme() == "https");
    CHECK(req.host() == "your-subdomain.rest.marketingcloudapis.com" ); // lower-cased
    CHECK(req.port() == 443);
    CHECK(req.target() == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    CHECK(req.header("Host") == "your-subdomain.rest.marketingcloudapis.com");
    CHECK(req.header("Authorization") == "Bearer YOUR_ACCESS_TOKEN");
    CHECK(req.header("Accept") == "application/json");
    CHECK(req.header("Content-Type") == "application/json");
    CHECK(req.body().empty());
    CHECK(req.url() == "https://your-subdomain.rest.marketingcloudapis.com/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
}

TEST_CASE("status_request: the base path comes first, with no '//'")
{
    for (auto base : {"https://gw.example.com/tenant", "https://gw.example.com/tenant/"}) {
        auto req = make_status_request(*endpoint::from_url(base), *message_key::make("a/b"), *access_token::make("t"));
        CHECK(req.target() == "/tenant/messaging/v1/sms/messages/a%2Fb");
        CHECK(req.url().find("//", 8) == std::string::npos);
    }
}

TEST_CASE("status_request: loopback with a port, IPv6 bracketed in Host and URL")
{
    auto req = make_status_request(*endpoint::from_url("http://[::1]:8080/"), *message_key::make(".."), *access_token::make("t"));
    CHECK(req.host() == "::1");
    CHECK(req.port() == 8080);
    CHECK(req.header("Host") == "[::1]:8080");
    CHECK(req.url() == "http://[::1]:8080/messaging/v1/sms/messages/%2E%2E");
}

TEST_CASE("status_request: a hostile key cannot add a header, a query or a path segment")
{
    auto req = make_status_request(*endpoint::from_subdomain("mc"), *message_key::make("x?y#z/../\r\nX-Evil: 1"),
                                   *access_token::make("t"));
    CHECK(req.target() == "/messaging/v1/sms/messages/x%3Fy%23z%2F..%2F%0D%0AX-Evil%3A%201");
    CHECK(req.headers().size() == 4);
}

TEST_CASE("status_request: the email twin differs only in its channel's segment")
{
    auto const rest = *endpoint::from_url("https://gw.example.com/tenant");
    auto const key = *message_key::make("order 42/a");
    auto const token = *access_token::make("t");
    auto const sms = make_status_request(rest, key, token);
    auto const email = make_status_request(rest, key, token, channel::email);
    CHECK(email.target() == "/tenant/messaging/v1/email/messages/order%2042%2Fa");
    CHECK(sms.target() == "/tenant/messaging/v1/sms/messages/order%2042%2Fa");
    CHECK(email.header("Authorization") == sms.header("Authorization"));
    CHECK(email.header("Accept") == sms.header("Accept"));
}

TEST_CASE("status_request: the longest keys, every byte escaped, fit the room made for them")
{
    auto const rest = *endpoint::from_url("https://gw.example.com/tenant");
    auto const token = *access_token::make(std::string(512, 'T'));
    std::string emoji, encoded_emoji; // 100 code points of 4 bytes: the most bytes a key may have
    std::string slashes(100, '/'), encoded_slashes;
    for (int i = 0; i < 100; ++i) {
        emoji += "\xF0\x9F\x98\x80";
        encoded_emoji += "%F0%9F%98%80";
        encoded_slashes += "%2F";
    }
    for (auto const& [key, encoded] : {std::pair{emoji, encoded_emoji}, std::pair{slashes, encoded_slashes}}) {
        auto const req = make_status_request(rest, *message_key::make(key), token);
        CHECK(req.target() == "/tenant/messaging/v1/sms/messages/" + encoded);
        CHECK(req.url() == "https://gw.example.com" + std::string(req.target()));
        CHECK(req.header("Authorization") == "Bearer " + std::string(512, 'T'));
        CHECK(req.header("Content-Type") == "application/json");
        CHECK(req.headers().size() == 4);
    }
    CHECK(encoded_emoji.size() == 3 * message_key::max_bytes);
}
