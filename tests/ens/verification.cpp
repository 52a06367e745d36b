#include <sfmc/sms/ens/verification.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <sfmc/sms/client.hpp>

#include <boost/json/parse.hpp>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;

namespace {
// The documentation's example.
constexpr std::string_view documented =
    R"({"callbackId":"65b885ab-c2b4-46fe-85d0-d6cb8be8057d","verificationKey":"CZwJw4XATH6LK1fPWFeMDkIyVbro6T3ijXK8CrzQe2s="})";
} // namespace

TEST_CASE("ens::verification: the handshake's request is recognised, a batch or anything else is not")
{
    auto const v = parse_verification_request(documented);
    REQUIRE(v);
    CHECK(v->callback_id == "65b885ab-c2b4-46fe-85d0-d6cb8be8057d");
    CHECK(v->verification_key == "CZwJw4XATH6LK1fPWFeMDkIyVbro6T3ijXK8CrzQe2s=");
    for (std::string_view other : {R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent"}])", "", "{}", "not json",
                                   R"({"callbackId":"x"})", R"({"callbackId":"x","verificationKey":""})",
                                   R"({"callbackId":1,"verificationKey":"k"})", R"({"callbackId":"x","verificationKey":"k"} trailing)"}) {
        CAPTURE(other);
        CHECK_FALSE(parse_verification_request(other));
    }
}

TEST_CASE("ens::verification: POST /platform/v1/ens-verify through a client: token, body, 404, no key printed")
{
    test::fake_transport http;
    http.replies = {http_response{200, {}, ""},
                    http_response{404, {{"Content-Type", "application/json"}},
                                  R"({"message":"Not Found: CZwJw4XATH6LK1fPWFeMDkIyVbro6T3ijXK8CrzQe2s=","errorcode":30003})"}};
    client c(http, *endpoint::from_url("https://mcx.rest.marketingcloudapis.com/base"), *access_token::make("tok"),
             {.retry = {.max_retries = 0}});
    auto const verified = c.run(verify_callback{*parse_verification_request(documented)});
    REQUIRE(verified);
    CHECK(verified->callback_id == "65b885ab-c2b4-46fe-85d0-d6cb8be8057d");
    REQUIRE(http.seen.size() == 1);
    CHECK(http.seen[0].method == "POST");
    CHECK(http.seen[0].target == "/base/platform/v1/ens-verify");
    auto const sent = boost::json::parse(http.seen[0].body);
    CHECK(sent == boost::json::parse(documented));

    auto const refused = c.run(verify_callback{*parse_verification_request(documented)});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == error::not_found);
    CHECK(refused.error().request == "ENS callback verification");
    CHECK(refused.error().to_string().find("CZwJw4") == std::string::npos); // the key, echoed, is redacted
}
