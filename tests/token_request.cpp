#include <sfmc/sms/token_request.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("token_request: property: every string round-trips through Boost.JSON's parser")
{
    std::vector<std::string> values;
    for (int b = 0; b < 0x80; ++b)
        values.emplace_back(1, static_cast<char>(b));
    values.emplace_back("caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8 \\\" \x7F");
    std::uint32_t state = 12345; // fixed: the same strings every run
    for (int n = 0; n < 2000; ++n) {
        std::string v;
        for (int i = 0; i < 40; ++i) {
            state = state * 1103515245u + 12345u;
            v += static_cast<char>((state >> 16) % 0x80);
        }
        values.push_back(v);
    }
    for (auto const& v : values) {
        std::string json;
        detail::append_json_string(json, v);
        boost::system::error_code ec;
        auto const parsed = boost::json::parse(json, ec);
        REQUIRE_FALSE(ec);
        CHECK(parsed.as_string() == v);
    }
}
