#include <sfmc/sms/token_grant.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;

// A model of the concept (checked here, not in the header: the check instantiates the
// route's result in every translation unit, a few percent of the time to compile
// <sfmc/sms.hpp>, measured by bench/compile_time.py).
static_assert(route<token_grant> && !route_behind_token<token_grant>);

TEST_CASE("token_grant: builds the token request, decodes a token, names its secret")
{
    token_grant const r{*client_credentials::make("id", "the-secret")};
    auto const req = r.make_request(*endpoint::from_subdomain("mcx", endpoint::api::auth));
    CHECK(req.method() == "POST");
    CHECK(req.url() == "https://mcx.auth.marketingcloudapis.com/v2/token");
    CHECK(req.body().find("\"client_secret\":\"the-secret\"") != std::string_view::npos);
    CHECK(r.secret() == "the-secret");
    auto const t = r.decode({200, {}, R"({"access_token":"abc","expires_in":60})"}, {});
    REQUIRE(t);
    CHECK(t->expires_in == std::chrono::seconds{60});
    auto const refused = r.decode({401, {}, R"({"error":"invalid_client"})"}, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().oauth->error == "invalid_client");
}
