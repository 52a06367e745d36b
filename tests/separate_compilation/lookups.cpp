// A user's translation unit under separate compilation: it includes the whole library but
// compiles none of its heavy definitions, which come from the compiled part (tests/src.cpp).
#include <sfmc/sms.hpp>

// What separate compilation keeps out of every translation unit but one: each of these took a
// measurable share of the time to compile <sfmc/sms.hpp> (bench/compile_time.py).
#if defined(SFMC_SMS_DETAIL_JSON_READER_HPP) || defined(BOOST_JSON_BASIC_PARSER_IMPL_HPP)
#error "under separate compilation, <sfmc/sms.hpp> must not bring the JSON parser"
#endif
#ifdef BOOST_URL_DETAIL_CONFIG_HPP
#error "under separate compilation, <sfmc/sms.hpp> must not bring any of Boost.URL"
#endif
#if defined(_GLIBCXX_THREAD) || defined(_GLIBCXX_CONDITION_VARIABLE) || defined(_GLIBCXX_ALGORITHM) || \
    defined(_GLIBCXX_MEMORY)
#error "under separate compilation, <sfmc/sms.hpp> must not bring <thread>, <condition_variable>, <algorithm> or <memory>"
#endif

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"


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

TEST_CASE("separate compilation: a user's route is built with the route kit from another translation unit")
{
    // The single header once put request_builder inside its block of definitions (an .ipp
    // included it first), so only the SFMC_SMS_SOURCE translation unit could build a request.
    auto const rest = endpoint::from_url("https://rest.example.com");
    REQUIRE(rest);
    http_request req;
    request_builder(req, "POST", *rest, 64)
        .path("/messaging/v1/sms/messages/")
        .segment("k 1")
        .bearer(*access_token::make("t"))
        .json_body(R"({"a":1})")
        .finish();
    CHECK(req.target() == "/messaging/v1/sms/messages/k%201");
    CHECK(req.body() == R"({"a":1})");
}
