#include <sfmc/sms/client.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#include <string>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {
client<test::fake_transport> make_client(test::fake_transport& t, client_options opt = {})
{
    return {t, *endpoint::from_subdomain("mcx"), *access_token::make("tok-1"), std::move(opt)};
}
} // namespace

TEST_CASE("client: validates, builds, sends and decodes, reusing the one transport")
{
    test::fake_transport http;
    http.replies = {test::ok(test::fixture("sent.json")), test::ok(test::fixture("queued.json"))};
    auto c = make_client(http);

    auto first = c.get_status("bcX0qaEp0USGciEnUJTW0w");
    REQUIRE(first);
    CHECK(first->status == send_status::sent);
    auto second = c.get_status("a b/c");
    REQUIRE(second);
    CHECK(second->status == send_status::queued);

    REQUIRE(http.seen.size() == 2);
    CHECK(http.seen[0].method == "GET");
    CHECK(http.seen[0].url == "https://mcx.rest.marketingcloudapis.com/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    CHECK(http.seen[1].target == "/messaging/v1/sms/messages/a%20b%2Fc");
    CHECK(http.seen[1].headers[1].value == "Bearer tok-1");
}

TEST_CASE("client: an invalid key is refused and nothing is sent")
{
    test::fake_transport http;
    auto c = make_client(http);
    CHECK(c.get_status("").error().code == error::key_empty);
    CHECK(c.get_status(std::string(101, 'x')).error().code == error::key_too_long);
    CHECK(c.get_status("\xC0\xAF").error().code == condition::invalid_input);
    CHECK(http.seen.empty());
}

TEST_CASE("client: a transport failure keeps the transport's own code")
{
    test::fake_transport http;
    http.replies = {boost::system::error_code(ECONNREFUSED, boost::system::generic_category())};
    auto c = make_client(http);
    auto r = c.get_status("k");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == condition::transport);
    CHECK(r.error().code.value() == ECONNREFUSED);
    CHECK(r.error().http_status == 0);
}

TEST_CASE("client: API errors come back typed; a Retry-After date is resolved with the injected clock")
{
    test::fake_transport http;
    http.replies = {http_response{429, {{"Retry-After", "Thu, 26 Nov 2026 21:01:00 GMT"}}, test::fixture("rate_limited.json")}};
    client_options opt;
    opt.clock = [] { return system_clock::time_point(sys_days{year{2026} / 11 / 26} + hours{21}); };
    auto c = make_client(http, opt);
    auto r = c.get_status("k");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == error::rate_limited);
    CHECK(r.error().retry_after == seconds{60});
}

TEST_CASE("client: a new token is used from the next call on")
{
    test::fake_transport http;
    http.replies = {test::ok(test::fixture("queued.json")), test::ok(test::fixture("queued.json"))};
    auto c = make_client(http);
    CHECK(c.get_status("k"));
    c.set_token(*access_token::make("tok-2"));
    CHECK(c.get_status("k"));
    CHECK(http.seen[0].headers[1].value == "Bearer tok-1");
    CHECK(http.seen[1].headers[1].value == "Bearer tok-2");
    CHECK(c.rest_endpoint().host() == "mcx.rest.marketingcloudapis.com");
}
