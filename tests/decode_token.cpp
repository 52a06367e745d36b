#include <sfmc/sms/decode_token.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sfmc::sms;

namespace {
constexpr std::string_view documented =
    R"({"access_token":"eyJhbLci...","expires_in":1080,"token_type":"Bearer",)"
    R"("rest_instance_url":"https://mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com/",)"
    R"("soap_instance_url":"https://mc563885gzs27c5t9-63k636tzgm.soap.marketingcloudapis.com/","scope":"email_read email_write email_send"})";
}

TEST_CASE("decode_token: the documented response")
{
    auto t = decode_token({200, {{"Content-Type", "application/json"}}, std::string(documented)});
    REQUIRE(t.has_value());
    CHECK(t->token.reveal() == "eyJhbLci...");
    CHECK(t->expires_in == std::chrono::seconds{1080});
    CHECK(t->token_type == "Bearer");
    CHECK(t->rest_instance_url == "https://mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com/");
    CHECK(t->soap_instance_url == "https://mc563885gzs27c5t9-63k636tzgm.soap.marketingcloudapis.com/");
    CHECK(t->scope == "email_read email_write email_send");
    auto minimal = decode_token({200, {}, R"({"access_token":"a","expires_in":"1079"})"});
    REQUIRE(minimal.has_value());
    CHECK(minimal->expires_in == std::chrono::seconds{1079});
    CHECK_FALSE(minimal->rest_instance_url);
}

TEST_CASE("decode_token: the OAuth error becomes a typed failure carrying it")
{
    auto t = decode_token({401, {}, R"({"error":"invalid_client","error_description":"Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.","error_uri":"https://developer.salesforce.com/docs"})"});
    REQUIRE_FALSE(t.has_value());
    auto const& f = t.error();
    CHECK(f.code == error::unauthorized);
    CHECK(f.http_status == 401);
    REQUIRE(f.oauth);
    CHECK(f.oauth->error == "invalid_client");
    CHECK(f.oauth->description == "Invalid client ID. Use the client ID in Marketing Cloud Installed Packages.");
    CHECK(f.oauth->uri == "https://developer.salesforce.com/docs");
    CHECK(f.message.empty()); // the REST API's fields are not reused for OAuth's
    CHECK(f.documentation.empty());
    CHECK(f.server_message() == f.oauth->description);
    CHECK(f.to_string().starts_with("the API answered 401 Unauthorized [HTTP 401] invalid_client: \"Invalid client ID."));
}

TEST_CASE("decode_token: missing or wrong fields are errors naming them, and no body is kept")
{
    struct bad_case {
        std::string body;
        error code;
        std::string_view detail;
    };
    bad_case const cases[] = {
        {R"({"expires_in":1080})", error::missing_field, R"(field "access_token" is missing)"},
        {R"({"access_token":"secret-1"})", error::missing_field, R"(field "expires_in" is missing)"},
        {R"({"access_token":"secret-1","expires_in":0})", error::wrong_field_type, "expires_in"},
        {R"({"access_token":"secret-1","expires_in":-5})", error::wrong_field_type, "expires_in"},
        {R"({"access_token":"secret-1","expires_in":null})", error::wrong_field_type, "expires_in"},
        {R"({"access_token":"secret-1","expires_in":1.5})", error::wrong_field_type, "expires_in"},
        {R"({"access_token":"secret 1","expires_in":1080})", error::wrong_field_type, "access_token"},
        {R"({"access_token":17,"expires_in":1080})", error::wrong_field_type, "access_token"},
        {R"({"access_token":"secret-1","expires_in":1080,"rest_instance_url":[]})", error::wrong_field_type, "rest_instance_url"},
        {R"({"access_token":"secret-1")", error::truncated_body, "ends"},
        {"", error::empty_body, ""},
        {"[]", error::not_an_object, "array"},
    };
    for (auto const& c : cases) {
        CAPTURE(c.body);
        auto t = decode_token({200, {}, c.body});
        REQUIRE_FALSE(t.has_value());
        CHECK(t.error().code == c.code);
        CHECK(t.error().detail.find(std::string(c.detail)) != std::string::npos);
        CHECK(t.error().raw_body.empty());
        CHECK(t.error().to_string().find("secret-1") == std::string::npos);
    }
}

TEST_CASE("decode_token: limits and content type")
{
    decode_options opt;
    opt.max_body_size = 10;
    CHECK(decode_token({200, {}, std::string(documented)}, opt).error().code == error::body_too_large);
    CHECK(decode_token({200, {{"Content-Type", "text/html"}}, "<html/>"}).error().code == error::unexpected_content_type);
    CHECK(decode_token({200, {}, std::string(50000, '[')}).error().code == error::too_deep);
}

TEST_CASE("decode_token: a 429 from the token endpoint keeps its delay")
{
    auto t = decode_token({429, {{"Retry-After", "3"}}, R"({"message":"Rate limit exceeded","errorcode":50100})"});
    REQUIRE_FALSE(t.has_value());
    CHECK(t.error().code == error::rate_limited);
    CHECK(t.error().retry_after == std::chrono::seconds{3});
    CHECK(t.error().message == "Rate limit exceeded");
}
