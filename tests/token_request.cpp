#include <sfmc/sms/token_request.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <sstream>

using namespace sfmc::sms;

TEST_CASE("token_request: POST {auth}/v2/token with the grant as JSON")
{
    auto auth = endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm", endpoint::api::auth).value();
    auto creds = client_credentials::make("7a9j47upktedde30uedl822p", "1955278925675241571", "12345", "email_read email_write");
    auto req = make_token_request(auth, creds.value());
    CHECK(req.method() == "POST");
    CHECK(req.url() == "https://mc563885gzs27c5t9-63k636tzgm.auth.marketingcloudapis.com/v2/token");
    CHECK(req.header("Content-Type") == "application/json");
    CHECK(req.header("Host") == "mc563885gzs27c5t9-63k636tzgm.auth.marketingcloudapis.com");
    CHECK(req.body() == R"({"grant_type":"client_credentials","client_id":"7a9j47upktedde30uedl822p",)"
                        R"("client_secret":"1955278925675241571","scope":"email_read email_write","account_id":"12345"})");
}

TEST_CASE("token_request: any character of a secret survives, escaped")
{
    std::string const secret = "q\"b\\s/n\nt\tnul\x01 caf\xC3\xA9";
    auto req = make_token_request(endpoint::from_url("http://127.0.0.1:9/auth/").value(),
                                  client_credentials::make("id", secret).value());
    CHECK(req.target() == "/auth/v2/token");
    boost::system::error_code ec;
    auto const v = boost::json::parse(req.body(), ec);
    REQUIRE_FALSE(ec);
    CHECK(v.at("client_secret").as_string() == secret);
    CHECK_FALSE(v.as_object().contains("account_id"));
    CHECK_FALSE(v.as_object().contains("scope"));
}

TEST_CASE("token_request: printing the request never shows the secret")
{
    auto req = make_token_request(endpoint::from_subdomain("mcx", endpoint::api::auth).value(),
                                  client_credentials::make("id", "top-secret-value").value());
    std::ostringstream out;
    out << req;
    CHECK(out.str().find("top-secret-value") == std::string::npos);
    CHECK(out.str().starts_with("POST https://mcx.auth.marketingcloudapis.com/v2/token"));
}
