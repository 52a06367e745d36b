#include <sfmc/sms/decode_status.hpp>

#include <doctest/doctest.h>

#include "support/fixtures.hpp"

#include <string>

using namespace sfmc::sms;

TEST_CASE("decode_status: the seed's Sent example, trailing comma and all")
{
    auto s = decode_status(test::ok(test::fixture("sent.json")));
    REQUIRE(s);
    CHECK(s->status == send_status::sent);
    CHECK(s->event_category_type == "TransactionalSendEvents.SMSSent");
    CHECK(s->request_id == "77431635-1b6b-44db-a16d-420361a43dc1");
    CHECK(s->timestamp == "2018-08-03T13:41:18.55");
    REQUIRE(s->timestamp_utc);
    CHECK(s->timestamp_utc->to_rfc3339() == "2018-08-03T19:41:18.55Z");
    CHECK(s->composite_id == "1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617");
    REQUIRE(s->info);
    CHECK(s->info->message_key == "bcX0qaEp0USGciEnUJTW0w");
    CHECK(s->info->contact_key == "Astro25");
    CHECK_FALSE(s->info->to);
    CHECK_FALSE(s->info->status_code);
    CHECK_FALSE(s->info->status_message);
}

TEST_CASE("decode_status: the seed's Queued example has no compositeId and no info")
{
    auto s = decode_status(test::ok(test::fixture("queued.json")));
    REQUIRE(s);
    CHECK(s->status == send_status::queued);
    CHECK(s->request_id == "fcdbb2f9-438b-4d52-a380-2eade2f46396");
    CHECK(s->timestamp_utc->to_rfc3339() == "2018-08-16T16:44:41.2196Z");
    CHECK_FALSE(s->composite_id);
    CHECK_FALSE(s->info);
}

TEST_CASE("decode_status: the seed's NotSent example is truncated as published, and decodes once restored")
{
    auto as_published = decode_status(test::ok(test::fixture("not_sent_as_published.json")));
    REQUIRE_FALSE(as_published);
    CHECK(as_published.error().code == error::truncated_body);
    CHECK(as_published.error().code == condition::bad_response);
    CHECK(as_published.error().http_status == 200);
    CHECK(as_published.error().raw_body == test::fixture("not_sent_as_published.json"));
    CHECK(as_published.error().to_string().find("truncated") != std::string::npos);

    auto s = decode_status(test::ok(test::not_sent_restored()));
    REQUIRE(s);
    CHECK(s->status == send_status::not_sent);
    CHECK(s->request_id == "30486456-ed41-46ba-96eb-06c4ff3b95d9");
    CHECK(s->timestamp_utc->to_rfc3339() == "2018-07-24T12:26:58.463Z");
    CHECK(s->composite_id == "56941A9F-3A8F-E811-80E0-1402EC6B9529.4647028.622338.1.318768528");
    REQUIRE(s->info);
    CHECK(s->info->message_key == "9a-zUvWf3UKxLpwwIrqTmQ");
    CHECK(s->info->contact_key == "ec25a8c8-6d4e-42f0-84c3-4ea23564cbe5");
    CHECK(s->info->status_code == 16);
    CHECK(s->info->status_message == "InvalidAttributeValue");
}

namespace {
constexpr std::string_view base = R"("requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSSent","timestamp":"2019-05-14T21:05:00")";
api_result<message_status> decode_body(std::string body) { return decode_status(test::ok(std::move(body))); }
std::string with(std::string_view extra) { return "{" + std::string(base) + "," + std::string(extra) + "}"; }
} // namespace

TEST_CASE("decode_status: unknown fields are ignored however they nest, info.to and escapes are read")
{
    auto s = decode_body(with(R"("new":{"deep":[1,{"requestId":"no"}]},"info":{"to":"+1 555\u00e9","x":[{"to":"no"}],"statusCode":"47"},"z":null)"));
    REQUIRE(s);
    CHECK(s->request_id == "r");
    CHECK(s->info->to == "+1 555\xC3\xA9");
    CHECK(s->info->status_code == 47); // a numeric string is accepted
}

TEST_CASE("decode_status: an unknown eventCategoryType is kept as text, not an error")
{
    auto s = decode_body(R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSDelivered","timestamp":"x"})");
    REQUIRE(s);
    CHECK(s->status == send_status::unknown);
    CHECK(s->event_category_type == "TransactionalSendEvents.SMSDelivered");
    CHECK_FALSE(s->timestamp_utc); // unreadable time: no UTC value, not a failure
}

TEST_CASE("decode_status: null optional fields count as absent")
{
    auto s = decode_body(with(R"("compositeId":null,"info":null)"));
    REQUIRE(s);
    CHECK_FALSE(s->composite_id);
    CHECK_FALSE(s->info);
}

TEST_CASE("decode_status: a missing required field is an error naming it")
{
    struct missing_case {
        std::string_view body, field;
    };
    missing_case const cases[] = {
        {R"({"eventCategoryType":"e","timestamp":"t"})", "requestId"},
        {R"({"requestId":"r","timestamp":"t"})", "eventCategoryType"},
        {R"({"requestId":"r","eventCategoryType":"e","info":{"timestamp":"t"}})", "timestamp"},
    };
    for (auto const& c : cases) {
        CAPTURE(c.body);
        auto s = decode_body(std::string(c.body));
        REQUIRE_FALSE(s);
        CHECK(s.error().code == error::missing_field);
        CHECK(s.error().detail == "field \"" + std::string(c.field) + "\" is missing");
    }
}

TEST_CASE("decode_status: a known field of the wrong type is an error naming it")
{
    struct bad_case {
        std::string body;
        std::string_view field;
    };
    bad_case const cases[] = {
        {R"({"requestId":1,"eventCategoryType":"e","timestamp":"t"})", "requestId"},
        {R"({"requestId":"r","eventCategoryType":["e"],"timestamp":"t"})", "eventCategoryType"},
        {R"({"requestId":"r","eventCategoryType":"e","timestamp":null})", "timestamp"},
        {with(R"("compositeId":true)"), "compositeId"},
        {with(R"("info":"x")"), "info"},
        {with(R"("info":[])"), "info"},
        {with(R"("info":{"statusCode":1.5})"), "info.statusCode"},
        {with(R"("info":{"statusCode":"16a"})"), "info.statusCode"},
        {with(R"("info":{"statusCode":2147483648})"), "info.statusCode"},
        {with(R"("info":{"statusCode":18446744073709551615})"), "info.statusCode"},
        {with(R"("info":{"messageKey":{}})"), "info.messageKey"},
        {with(R"("info":{"statusMessage":16})"), "info.statusMessage"},
    };
    for (auto const& c : cases) {
        CAPTURE(c.body);
        auto s = decode_body(c.body);
        REQUIRE_FALSE(s);
        CHECK(s.error().code == error::wrong_field_type);
        CHECK(s.error().detail.starts_with("field \"" + std::string(c.field) + "\" is "));
    }
}

TEST_CASE("decode_status: the last of duplicate keys wins, and escaped keys are matched")
{
    auto s = decode_body(R"({"requestId":"a","request\u0049d":"b","eventCategoryType":"e","timestamp":"t"})");
    REQUIRE(s);
    CHECK(s->request_id == "b");
}

TEST_CASE("decode_status: duplicate info objects: the last one is taken whole, never a mix of both")
{
    auto s = decode_body(R"({"requestId":"a","eventCategoryType":"e","timestamp":"t",)"
                         R"("info":{"messageKey":"first","to":"+15550001","statusCode":1},)"
                         R"("info":{"messageKey":"second"}})");
    REQUIRE(s);
    REQUIRE(s->info);
    CHECK(s->info->message_key == "second");
    CHECK_FALSE(s->info->to);          // the first object's field does not leak into the second
    CHECK_FALSE(s->info->status_code);
    auto t = decode_body(R"({"requestId":"a","eventCategoryType":"e","timestamp":"t",)"
                         R"("info":{"to":"+1"},"info":null})");
    REQUIRE(t);
    CHECK_FALSE(t->info);
}

TEST_CASE("decode_status: bodies that are not a status give a clear error and keep the raw body")
{
    struct bad_case {
        std::string body;
        error code;
    };
    bad_case const cases[] = {
        {"", error::empty_body},
        {" \r\n", error::empty_body},
        {"[]", error::not_an_object},
        {"\"text\"", error::not_an_object},
        {"42", error::not_an_object},
        {"null", error::not_an_object},
        {"{", error::truncated_body},
        {R"({"requestId":"r)", error::truncated_body},
        {"{}}", error::malformed_body},
        {"{} {}", error::malformed_body},
        {"{'a':1}", error::malformed_body},
        {"<html><body>Bad gateway</body></html>", error::malformed_body},
        {"{\"requestId\":\"\xFF\"}", error::malformed_body},
        {"{\"requestId\":\"a\x01\"}", error::malformed_body},
        {"{\"a\":1,,}", error::malformed_body},
    };
    for (auto const& c : cases) {
        CAPTURE(c.body);
        auto s = decode_body(c.body);
        REQUIRE_FALSE(s);
        CHECK(s.error().code == c.code);
        CHECK(s.error().raw_body == c.body);
        CHECK(s.error().http_status == 200);
    }
}

TEST_CASE("decode_status: Content-Type other than JSON is refused before parsing")
{
    http_response res{200, {{"content-type", "text/html; charset=utf-8"}}, "<html>hi</html>"};
    auto s = decode_status(res);
    REQUIRE_FALSE(s);
    CHECK(s.error().code == error::unexpected_content_type);
    CHECK(s.error().raw_body == "<html>hi</html>");
    res.headers = {{"Content-Type", "application/vnd.sfmc+json"}};
    res.body = test::fixture("queued.json");
    CHECK(decode_status(res));
    res.headers.clear(); // the docs show no Content-Type: absent is accepted
    CHECK(decode_status(res));
}

TEST_CASE("decode_status: size and depth limits hold, with no stack overflow")
{
    decode_options opt;
    opt.max_body_size = 100;
    opt.max_raw_body = 10;
    auto big = decode_status(test::ok(with("\"pad\":\"" + std::string(200, 'x') + "\"")), opt);
    REQUIRE_FALSE(big);
    CHECK(big.error().code == error::body_too_large);
    CHECK(big.error().raw_body.size() == 10);

    // One mebibyte is the default limit.
    CHECK(decode_status(test::ok(std::string(1024 * 1024 + 1, ' '))).error().code == error::body_too_large);

    std::string const deep = "{\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
    auto d = decode_status(test::ok(deep));
    REQUIRE_FALSE(d);
    CHECK(d.error().code == error::too_deep);
    CHECK(d.error().raw_body.size() == decode_options{}.max_raw_body);

    std::string nested_objects;
    for (int i = 0; i < 100000; ++i)
        nested_objects += "{\"a\":";
    CHECK(decode_status(test::ok(nested_objects)).error().code == error::too_deep);

    opt = {};
    opt.max_depth = 2;
    CHECK(decode_status(test::ok(test::not_sent_restored()), opt)); // the documented bodies need 2
    CHECK(decode_status(test::ok(with(R"("x":[[1]])")), opt).error().code == error::too_deep);
}

TEST_CASE("decode_status: any 2xx is decoded, outside 2xx the API's error comes back")
{
    http_response res = test::ok(test::fixture("queued.json"));
    res.status = 203;
    CHECK(decode_status(res));
    res.status = 404;
    res.body = R"({"message":"Not Found","errorcode":30003})";
    auto s = decode_status(res);
    REQUIRE_FALSE(s);
    CHECK(s.error().code == error::not_found);
    CHECK(s.error().errorcode == 30003);
}
