#include <sfmc/sms/decode_error.hpp>

#include <doctest/doctest.h>

#include "support/fixtures.hpp"

#include <string>

using namespace sfmc::sms;
using namespace std::chrono;

TEST_CASE("decode_error: each status maps to its code")
{
    CHECK(error_for_status(304) == error::not_modified); // ENS: already exists
    CHECK(error_for_status(409) == error::conflict);     // ENS: a callback still in use
    CHECK(error_for_status(400) == error::bad_request);
    CHECK(error_for_status(401) == error::unauthorized);
    CHECK(error_for_status(403) == error::forbidden);
    CHECK(error_for_status(404) == error::not_found);
    CHECK(error_for_status(429) == error::rate_limited);
    CHECK(error_for_status(500) == error::server_error);
    CHECK(error_for_status(503) == error::server_error);
    CHECK(error_for_status(599) == error::server_error);
    for (int s : {0, 100, 204, 301, 302, 415, 600, -1})
        CHECK(error_for_status(s) == error::unexpected_status);
}

TEST_CASE("decode_error: the documented 429 with Retry-After")
{
    http_response res{429, {{"Retry-After", "5"}, {"Content-Type", "application/json"}}, test::fixture("rate_limited.json")};
    auto f = decode_error(res);
    CHECK(f.code == error::rate_limited);
    CHECK(f.code == condition::http_status);
    CHECK_FALSE(f.is_blocked());
    CHECK(f.http_status == 429);
    CHECK(f.errorcode == 50100);
    CHECK(f.message == "Rate limit exceeded");
    CHECK(f.documentation == "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm");
    CHECK(f.retry_after == seconds{5});
    CHECK(f.raw_body.empty());
}

TEST_CASE("decode_error: the header wins over the body's retryAfter, the body serves when there is no header")
{
    http_response res{429, {{"Retry-After", "9"}}, R"({"message":"m","errorcode":50100,"retryAfter":5})"};
    CHECK(decode_error(res).retry_after == seconds{9});
    res.headers.clear();
    CHECK(decode_error(res).retry_after == seconds{5});
    res.headers = {{"Retry-After", "garbage"}};
    CHECK(decode_error(res).retry_after == seconds{5});
}

TEST_CASE("decode_error: Retry-After as an HTTP-date is resolved against the caller's now")
{
    http_response res{503, {{"Retry-After", "Wed, 26 Nov 2026 21:00:30 GMT"}}, R"({"message":"busy","errorcode":50300})"};
    decode_options opt;
    opt.now = sys_days{year{2026} / 11 / 26} + hours{21};
    auto f = decode_error(res, opt);
    CHECK(f.code == error::server_error);
    CHECK(f.retry_after == seconds{30});
    CHECK_FALSE(decode_error(res).retry_after); // no now, no date
}

TEST_CASE("decode_error: 429 with errorcode 50200 is blocked, and never carries a delay it did not send")
{
    http_response res{429, {}, R"({"message":"Your requests are temporarily blocked.","errorcode":50200,"documentation":"d"})"};
    auto f = decode_error(res);
    CHECK(f.code == error::blocked);
    CHECK(f.is_blocked());
    CHECK(f.code == condition::http_status);
    CHECK_FALSE(f.retry_after);
}

TEST_CASE("decode_error: Retry-After is only read for 429 and 503")
{
    http_response res{500, {{"Retry-After", "5"}}, "{}"};
    CHECK_FALSE(decode_error(res).retry_after);
    res.status = 301;
    CHECK_FALSE(decode_error(res).retry_after);
}

TEST_CASE("decode_error: a body that is not the API's JSON is kept raw and bounded")
{
    std::string const html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    http_response res{502, {{"Content-Type", "text/html"}}, html};
    auto f = decode_error(res);
    CHECK(f.code == error::server_error);
    CHECK(f.http_status == 502);
    CHECK(f.raw_body == html);
    CHECK(f.message.empty());
    CHECK_FALSE(f.errorcode);

    decode_options opt;
    opt.max_raw_body = 8;
    CHECK(decode_error(res, opt).raw_body == "<html><h");

    for (std::string body : {std::string("{\"message\":"), std::string("{\"other\":1}"), std::string("[1]"),
                             std::string(100000, '['), std::string("\xFF\xFE")}) {
        res = {400, {}, body};
        auto g = decode_error(res);
        CHECK(g.code == error::bad_request);
        CHECK(g.raw_body == body.substr(0, 4096));
    }
}

TEST_CASE("decode_error: the API's fields of an unexpected type are left out, not trusted")
{
    http_response res{401, {}, R"({"message":["x"],"errorcode":"0","documentation":1})"};
    auto f = decode_error(res);
    CHECK(f.code == error::unauthorized);
    CHECK(f.errorcode == 0);
    CHECK(f.message.empty());
    CHECK(f.documentation.empty());
}

TEST_CASE("decode_error: a redirect is data, not something to follow")
{
    http_response res{302, {{"Location", "https://evil.example.com/"}}, ""};
    auto f = decode_error(res);
    CHECK(f.code == error::unexpected_status);
    CHECK(f.http_status == 302);
}
