#include <sfmc/sms/request_builder.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/status_request.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace sfmc::sms;

namespace {
endpoint rest(std::string_view url = "https://mcx.rest.marketingcloudapis.com/tenant")
{
    return *endpoint::from_url(url);
}

std::vector<std::string> header_lines(http_request const& r)
{
    std::vector<std::string> out;
    for (auto h : r.headers())
        out.emplace_back(std::string(h.name) + ": " + std::string(h.value));
    return out;
}

template <class T>
concept names_a_request = requires(T t, http_request& r) { request_builder(r, t, rest()); };

// The request `write` makes with a builder of `method` to `base`.
template <class Write>
http_request built(http_name method, endpoint const& base, Write write, std::size_t hint = 256)
{
    http_request req;
    request_builder b(req, method, base, hint);
    write(b);
    b.finish();
    return req;
}
} // namespace

TEST_CASE("request_builder: method, Host, base path, path, one segment, query, headers and body, in one request")
{
    auto const token = *access_token::make("s3cr3t");
    http_request req;
    request_builder(req, "POST", rest())
        .path("/messaging/v1/sms/messages/")
        .segment("a/b c")
        .query("type", "notSent")
        .query("$pageSize", "50")
        .bearer(token)
        .header("Accept", "application/json")
        .json_body(R"({"definitionKey":"d"})")
        .finish();
    CHECK(req.method() == "POST");
    CHECK(req.scheme() == "https");
    CHECK(req.host() == "mcx.rest.marketingcloudapis.com");
    CHECK(req.port() == 443);
    CHECK(req.target() == "/tenant/messaging/v1/sms/messages/a%2Fb%20c?type=notSent&$pageSize=50");
    CHECK(header_lines(req) == std::vector<std::string>{"Host: mcx.rest.marketingcloudapis.com",
                                                         "Authorization: Bearer s3cr3t", "Accept: application/json",
                                                         "Content-Type: application/json"});
    CHECK(req.body() == R"({"definitionKey":"d"})");
    CHECK(req.url() == "https://mcx.rest.marketingcloudapis.com/tenant/messaging/v1/sms/messages/a%2Fb%20c"
                       "?type=notSent&$pageSize=50");
}

TEST_CASE("request_builder: no piece of the target can end its part or the path")
{
    auto target = [](auto&& build) { return std::string(built("GET", rest("http://127.0.0.1:8080"), build).target()); };
    // A path piece cannot start a query or a fragment, nor leave a stray '%'.
    CHECK(target([](auto& b) { b.path("/a b?c#d%e"); }) == "/a%20b%3Fc%23d%25e");
    // A segment is one segment, dot segments included.
    CHECK(target([](auto& b) { b.path("/x/").segment(".."); }) == "/x/%2E%2E");
    CHECK(target([](auto& b) { b.path("/x/").segment("é/?"); }) == "/x/%C3%A9%2F%3F");
    // A query part cannot end its name, its value or the query.
    CHECK(target([](auto& b) { b.path("/q").query("a&b=c", "d&e=f+g#h"); }) == "/q?a%26b%3Dc=d%26e%3Df%2Bg%23h");
    CHECK(target([](auto& b) { b.path("/q").query("", ""); }) == "/q?=");
}

TEST_CASE("request_builder: target pieces after headers or the body still make one whole target")
{
    auto const token = *access_token::make("tok");
    auto req = built("PUT", rest("http://[::1]:9"), [&](request_builder& b) {
        b.header("Accept", "application/json")
            .path("/platform/v1/")
            .bearer(token)
            .json_body("{}")
            .path("ens-callbacks/")
            .segment("id 1")
            .query("k", "v");
    });
    CHECK(req.target() == "/platform/v1/ens-callbacks/id%201?k=v");
    CHECK(req.host() == "::1");
    CHECK(header_lines(req) == std::vector<std::string>{"Host: [::1]:9", "Accept: application/json",
                                                         "Authorization: Bearer tok", "Content-Type: application/json"});
    CHECK(req.body() == "{}");
}

TEST_CASE("request_builder: a header value cannot split the request")
{
    auto const req = built("GET", rest(), [](request_builder& b) {
        b.header("X-Note", "one\r\nInjected: yes\x01\x7f\tend").header("X-Empty", "");
    });
    CHECK(req.header("X-Note") == "one  Injected: yes  \tend");
    CHECK(req.header("X-Empty") == "");
    CHECK_FALSE(req.header("Injected"));
}

TEST_CASE("request_builder: names are RFC 9110 tokens, checked when the program compiles")
{
    CHECK(http_name("X-Custom_1.a!").text() == "X-Custom_1.a!");
    static_assert(names_a_request<http_name>);
    static_assert(!names_a_request<std::string_view>); // a name never comes from data
    static_assert(!std::is_convertible_v<std::string const&, http_name>);
}

TEST_CASE("request_builder: printing the request redacts the bearer token")
{
    auto req = built("GET", rest(), [](request_builder& b) { b.path("/p").bearer(*access_token::make("s3cr3t")); });
    std::ostringstream out;
    out << req;
    CHECK(out.str().find("s3cr3t") == std::string::npos);
    CHECK(out.str().find("Authorization: Bearer [redacted]") != std::string::npos);
}

TEST_CASE("request_builder: a hint too small only grows the buffer, a request written again is made anew")
{
    std::string const long_value(4000, 'v');
    auto req = built("POST", rest(), [&](request_builder& b) {
        b.path("/p").header("X-Long", long_value).body("text/plain", long_value);
    }, /*hint=*/0);
    CHECK(req.header("X-Long") == long_value);
    CHECK(req.body() == long_value);
    CHECK(req.header("Content-Type") == "text/plain");
    CHECK(req.target() == "/tenant/p");
    request_builder(req, "GET", rest("http://127.0.0.1:1")).path("/q").finish();
    CHECK(req.url() == "http://127.0.0.1:1/q");
    CHECK(req.method() == "GET");
    CHECK(req.headers().size() == 1);
    CHECK(req.body().empty());
}

TEST_CASE("request_builder: the library's own requests are the builder's")
{
    auto const token = *access_token::make("tok");
    auto const key = *message_key::make("k/1");
    auto const ours = make_status_request(rest(), key, token);
    auto const by_hand = built("GET", rest(), [&](request_builder& b) {
        b.path("/messaging/v1/sms/messages/")
            .segment(key.value())
            .bearer(token)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
    });
    CHECK(ours.target() == by_hand.target());
    CHECK(header_lines(ours) == header_lines(by_hand));
}
