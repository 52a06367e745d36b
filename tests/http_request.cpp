#include <sfmc/sms/http_request.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/token_request.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace sfmc::sms;

namespace {
http_request sample(std::string_view url = "https://mcx.rest.marketingcloudapis.com")
{
    return make_status_request(*endpoint::from_url(url), *message_key::make("k"), *access_token::make("s3cr3t"));
}
} // namespace

TEST_CASE("http_request: headers are iterated in order and found without regard to case")
{
    auto req = sample();
    std::vector<std::string> names;
    for (auto h : req.headers())
        names.emplace_back(h.name);
    CHECK(names == std::vector<std::string>{"Host", "Authorization", "Accept", "Content-Type"});
    CHECK(req.headers().size() == 4);
    CHECK(req.header("authorization") == "Bearer s3cr3t");
    CHECK_FALSE(req.header("Cookie"));
}

TEST_CASE("http_request: copies and moves keep their text, short or long")
{
    for (auto url : {"http://[::1]:1", "https://a-very-long-host-name-that-is-not-in-sso.example.com"}) {
        auto original = sample(url);
        auto const want_url = original.url();
        http_request copy = original;
        http_request moved = std::move(original);
        http_request assigned = sample();
        assigned = copy;
        for (auto const* r : {&copy, &moved, &assigned}) {
            CHECK(r->url() == want_url);
            CHECK(r->header("Authorization") == "Bearer s3cr3t");
        }
    }
}

TEST_CASE("http_request: a copy has exactly its source's headers, however many")
{
    auto const names = [](http_request const& r) {
        std::vector<std::string> out;
        for (auto h : r.headers())
            out.emplace_back(std::string(h.name) + ": " + std::string(h.value));
        return out;
    };
    auto const four = sample();
    auto const three = make_token_request(*endpoint::from_url("https://auth.example.com"),
                                          *client_credentials::make("id", "secret"));
    http_request const none;
    REQUIRE(four.headers().size() == 4);
    REQUIRE(three.headers().size() == 3);

    http_request r = four;
    CHECK(names(r) == names(four));
    r = three; // fewer headers over more
    CHECK(names(r) == names(three));
    r = none;
    CHECK(r.headers().size() == 0);
    CHECK(r.target().empty());
    r = four; // more over fewer
    CHECK(names(r) == names(four));
    auto const& same = r;
    r = same; // onto itself
    CHECK(names(r) == names(four));
    CHECK(names(http_request(three)) == names(three));
}

TEST_CASE("http_request: printing never shows the token")
{
    std::ostringstream out;
    out << sample();
    CHECK(out.str().find("s3cr3t") == std::string::npos);
    CHECK(out.str().find("Authorization: Bearer [redacted]") != std::string::npos);
    CHECK(out.str().starts_with("GET https://mcx.rest.marketingcloudapis.com/messaging/v1/sms/messages/k\n"));
}

TEST_CASE("http_request: a default request is safe to use: no URL, no headers, printed as such")
{
    sfmc::sms::http_request const r{};
    CHECK(r.url().empty());
    CHECK(r.method().empty());
    CHECK(r.target().empty());
    CHECK(r.body().empty());
    CHECK(r.headers().size() == 0);
    CHECK_FALSE(r.header("Host"));
    std::ostringstream out;
    out << r;
    CHECK(out.str() == " ");
    auto const copy = r;
    CHECK(copy.url().empty());
}
