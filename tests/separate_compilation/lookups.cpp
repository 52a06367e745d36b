// A user's translation unit under separate compilation: it includes the whole library but
// compiles none of its heavy definitions, which come from the compiled part (tests/src.cpp).
#include <sfmc/sms.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#ifdef SFMC_SMS_DETAIL_JSON_READER_HPP
#error "under separate compilation, <sfmc/sms.hpp> must not bring the JSON parser"
#endif
#ifdef BOOST_URL_URL_VIEW_HPP
#error "under separate compilation, <sfmc/sms.hpp> must not bring Boost.URL's parser"
#endif

using namespace sfmc::sms;

TEST_CASE("separate compilation: endpoints, keys, lookups and tokens work from another translation unit")
{
    auto const rest = endpoint::from_url("http://[0:0::1]:8080/base");
    REQUIRE(rest);
    CHECK(rest->authority() == "[::1]:8080");
    CHECK(message_key::make("a b/c")->encoded() == "a%20b%2Fc");

    test::fake_transport http;
    http.replies = {test::ok(test::fixture("sent.json")), http_response{404, {}, R"({"message":"Not Found","errorcode":30003})"}};
    client c(http, *rest, *access_token::make("t"), {.retry = {.max_retries = 0}});
    auto const sent = c.get_status("bcX0qaEp0USGciEnUJTW0w");
    REQUIRE(sent);
    CHECK(sent->status == send_status::sent);
    CHECK(c.get_status("nope").error().code == error::not_found);
    CHECK(http.seen[0].target == "/base/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");

    auto const token = decode_token({200, {}, R"({"access_token":"abc","expires_in":60})"});
    REQUIRE(token);
    CHECK(token->expires_in == std::chrono::seconds{60});
}
