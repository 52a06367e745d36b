#include <sfmc/sms/decode_json.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sfmc::sms;

namespace {
http_response answer(int status, std::string body, std::string type = "application/json")
{
    http_response res;
    res.status = status;
    res.body = std::move(body);
    if (!type.empty())
        res.headers.push_back({"Content-Type", type});
    return res;
}
} // namespace

TEST_CASE("decode_json: a 2xx JSON answer as a value, trailing commas as the API writes them")
{
    auto doc = decode_json(answer(202, R"({"requestId":"r-1","responses":[{"messageKey":"k"},],})"), {});
    REQUIRE(doc);
    CHECK(doc->at("requestId").as_string() == "r-1");
    CHECK(doc->at("responses").as_array().size() == 1);
}

TEST_CASE("decode_json: the checks every route makes, in one order, each failure keeping the status")
{
    auto const code_of = [](http_response const& res, decode_options opt = {}) {
        auto doc = decode_json(res, opt);
        REQUIRE_FALSE(doc);
        CHECK(doc.error().http_status == res.status);
        return doc.error().code;
    };
    CHECK(code_of(answer(429, R"({"message":"slow down"})")) == error::rate_limited);
    CHECK(code_of(answer(401, "")) == error::unauthorized);
    CHECK(code_of(answer(200, "{}", "text/html")) == error::unexpected_content_type);
    CHECK(code_of(answer(200, " \r\n")) == error::empty_body);
    CHECK(code_of(answer(200, R"({"a":)")) == error::truncated_body);
    CHECK(code_of(answer(200, R"({"a":1} x)")) == error::malformed_body);
    CHECK(code_of(answer(200, "\"\xff\"")) == error::malformed_body);
    CHECK(code_of(answer(200, std::string(11, ' ') + "{}"), {.max_body_size = 10}) == error::body_too_large);
    CHECK(code_of(answer(200, "[[[[1]]]]"), {.max_depth = 3}) == error::too_deep);
}

TEST_CASE("decode_json: a refused answer's first bytes are kept without the secrets")
{
    decode_options opt;
    std::string_view const secrets[] = {"s3cr3t"};
    opt.secrets = secrets;
    auto doc = decode_json(answer(200, R"({"token":"s3cr3t")"), opt);
    REQUIRE_FALSE(doc);
    CHECK(doc.error().raw_body.find("s3cr3t") == std::string::npos);
    CHECK_FALSE(doc.error().raw_body.empty());
}
