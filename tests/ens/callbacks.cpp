#include <sfmc/sms/ens/callbacks.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <sfmc/sms/client.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <boost/json/parse.hpp>

#include <functional>
#include <sstream>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;

namespace {
constexpr std::string_view key = "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=";
// The documentation's answer to a creation.
constexpr std::string_view created =
    R"([{"callbackName":"cb1","callbackId":"65b885ab-c2b4-46fe-85d0-d6cb8be8057d","url":"https://example.com/",)"
    R"("signatureKey":"V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=","maxBatchSize":1000}])";

http_response json(int status, std::string body)
{
    return {status, {{"Content-Type", "application/json"}}, std::move(body)};
}

client<test::fake_transport> make_client(test::fake_transport& http)
{
    return client(http, *endpoint::from_url("https://mcx.rest.marketingcloudapis.com/base"), *access_token::make("tok"),
                  {.retry = {.max_retries = 0}});
}

std::string header(test::seen_request const& r, std::string_view name)
{
    for (auto const& h : r.headers)
        if (h.name == name)
            return h.value;
    return "(none)";
}
} // namespace

TEST_CASE("ens::callbacks: creation sends the documented array and reads the key as a secret")
{
    test::fake_transport http;
    http.replies = {json(201, std::string(created))};
    auto c = make_client(http);
    auto made = c.run(create_callbacks{{{.name = "cb1", .url = "https://example.com/"}}});
    REQUIRE(made.has_value());
    REQUIRE(http.seen.size() == 1);
    CHECK(http.seen[0].method == "POST");
    CHECK(http.seen[0].target == "/base/platform/v1/ens-callbacks");
    CHECK(header(http.seen[0], "Authorization") == "Bearer tok");
    CHECK(header(http.seen[0], "Content-Type") == "application/json");
    CHECK(boost::json::parse(http.seen[0].body) ==
          boost::json::parse(R"([{"callbackName":"cb1","url":"https://example.com/","maxBatchSize":1000}])"));

    REQUIRE(made->size() == 1);
    auto const& cb = made->front();
    CHECK(cb.id == "65b885ab-c2b4-46fe-85d0-d6cb8be8057d");
    CHECK(cb.name == "cb1");
    CHECK(cb.url == "https://example.com/");
    CHECK(cb.max_batch_size == 1000);
    REQUIRE(cb.signature_key);
    CHECK(cb.signature_key->reveal() == key);
    std::ostringstream out;
    out << cb << ' ' << *cb.signature_key;
    CHECK(out.str() == "callback cb1 (65b885ab-c2b4-46fe-85d0-d6cb8be8057d) https://example.com/ [redacted]");
}

TEST_CASE("ens::callbacks: what ENS would refuse is refused before anything is sent")
{
    for (std::string_view url : {"http://example.com/", "https://example.com:8443/", "https://example.com/?a=1",
                                 "https://example.com/#x", "https://user@example.com/", "https:///path", "example.com",
                                 "https://exa mple.com/", "https://example.com/\r\nX: y", "", "ftp://example.com/"}) {
        CAPTURE(url);
        CHECK(check_callback_url(url)->code == error::bad_callback_url);
    }
    for (std::string_view url : {"https://example.com", "https://example.com/", "https://hooks.example.com/ens/sms",
                                 "https://203.0.113.7/cb", "https://[2001:db8::1]/cb"}) {
        CAPTURE(url);
        CHECK_FALSE(check_callback_url(url));
    }
    CHECK(check_batch_size(99)->code == error::bad_batch_size);
    CHECK(check_batch_size(1001)->code == error::bad_batch_size);
    CHECK(check_batch_size(-5)->code == error::bad_batch_size);
    CHECK_FALSE(check_batch_size(100));
    CHECK_FALSE(check_batch_size(1000));

    test::fake_transport http;
    auto c = make_client(http);
    CHECK(c.run(create_callbacks{}).error().code == error::bad_ens_request);
    CHECK(c.run(create_callbacks{{{.name = "", .url = "https://example.com/"}}}).error().code == error::bad_ens_request);
    CHECK(c.run(create_callbacks{{{.name = "cb", .url = "https://example.com/"}, {.name = "cb2", .url = "https://e.com:1/"}}})
              .error()
              .code == error::bad_callback_url);
    auto const small = c.run(create_callbacks{{{.name = "cb", .url = "https://example.com/", .max_batch_size = 50}}});
    CHECK(small.error().code == error::bad_batch_size);
    CHECK(small.error().code == condition::invalid_input);
    CHECK(small.error().request.empty()); // refused before anything was sent: no request named
    CHECK(c.run(create_callbacks{{{.name = "bad \xff utf-8", .url = "https://example.com/"}}}).error().code ==
          error::bad_ens_request);
    CHECK(c.run(update_callbacks{{{.id = "id", .name = "n", .max_batch_size = 2000}}}).error().code ==
          error::bad_batch_size);
    CHECK(c.run(update_callbacks{{{.id = "", .name = "n"}}}).error().code == error::bad_ens_request);
    CHECK(c.run(get_callback{""}).error().code == error::bad_ens_request);
    CHECK(c.run(delete_callback{""}).error().code == error::bad_ens_request);
    CHECK(c.run(regenerate_signature_key{""}).error().code == error::bad_ens_request);
    CHECK(http.seen.empty());
}

TEST_CASE("ens::callbacks: 304 means it exists, 409 that subscriptions still use it, 404 an unknown id")
{
    test::fake_transport http;
    http.replies = {http_response{304, {}, ""},
                    json(409, R"({"message":"Callback has active subscriptions","errorcode":30007})"),
                    json(404, R"({"message":"Not Found","errorcode":30003})")};
    auto c = make_client(http);
    auto const exists = c.run(create_callbacks{{{.name = "cb1", .url = "https://example.com/"}}});
    CHECK(exists.error().code == error::not_modified);
    CHECK(exists.error().http_status == 304);
    auto const in_use = c.run(delete_callback{"cb-id"});
    CHECK(in_use.error().code == error::conflict);
    CHECK(in_use.error().code == condition::http_status);
    CHECK(in_use.error().message == "Callback has active subscriptions");
    CHECK(c.run(get_callback{"nope"}).error().code == error::not_found);
    CHECK(http.seen[1].method == "DELETE");
    CHECK(http.seen[1].target == "/base/platform/v1/ens-callbacks/cb-id");
}

TEST_CASE("ens::callbacks: list, get, update, delete: requests and answers")
{
    test::fake_transport http;
    http.replies = {
        json(200, R"([{"callbackId":"a","callbackName":"one","url":"https://a.example/","maxBatchSize":"500","status":"verified"},)"
                  R"({"CallbackId":"b","callbackName":"two","url":"https://b.example/","maxBatchSize":1000,"statusReason":null,"extra":[1,{}]},])"),
        json(200, "[]"),
        json(200, R"({"callbackId":"a/b","callbackName":"one","status":"unverified","statusReason":"awaiting verification"})"),
        json(200, R"([{"callbackId":"a","callbackName":"renamed","maxBatchSize":200}])"),
        http_response{200, {}, ""},
    };
    auto c = make_client(http);

    auto const all = c.run(list_callbacks{});
    REQUIRE(all.has_value());
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].max_batch_size == 500); // a number sent as a string is read
    CHECK((*all)[0].status == "verified");
    CHECK((*all)[1].id == "b"); // a field written in another case is read
    CHECK((*all)[1].status_reason.empty());
    CHECK_FALSE((*all)[1].signature_key);
    CHECK(http.seen[0].method == "GET");
    CHECK(http.seen[0].target == "/base/platform/v1/ens-callbacks");
    CHECK(http.seen[0].body.empty());
    CHECK(header(http.seen[0], "Content-Type") == "(none)");

    auto const none = c.run(list_callbacks{});
    REQUIRE(none.has_value());
    CHECK(none->empty());

    auto const one = c.run(get_callback{"a/b"});
    REQUIRE(one);
    CHECK(one->status == "unverified");
    CHECK(one->status_reason == "awaiting verification");
    CHECK(http.seen[2].target == "/base/platform/v1/ens-callbacks/a%2Fb"); // one segment, whatever the id

    auto const changed = c.run(update_callbacks{{{.id = "a", .name = "renamed", .max_batch_size = 200}}});
    REQUIRE(changed.has_value());
    CHECK(changed->front().name == "renamed");
    CHECK(http.seen[3].method == "PUT");
    CHECK(http.seen[3].target == "/base/platform/v1/ens-callbacks");
    CHECK(boost::json::parse(http.seen[3].body) ==
          boost::json::parse(R"([{"callbackId":"a","callbackName":"renamed","maxBatchSize":200}])"));

    auto const gone = c.run(delete_callback{"a"});
    REQUIRE(gone);
    CHECK(gone->id == "a");
}

TEST_CASE("ens::callbacks: an answer that will not do is refused whole, saying where")
{
    test::fake_transport http;
    http.replies = {json(200, R"([{"callbackId":"a","maxBatchSize":1000},{"callbackId":"b","maxBatchSize":[1]}])"),
                    json(200, R"([{"callbackId":"a"},"b"])"),
                    json(200, R"([{"callbackName":"no id"}])"),
                    json(200, R"([{"callbackId":"a"},{"callbackId":"b"}])"),
                    json(200, R"([{"callbackId":"a")"),
                    json(200, "[" + std::string(100, '[') + std::string(100, ']') + "]"),
                    http_response{200, {{"Content-Type", "text/html"}}, "<html>"}};
    auto c = make_client(http);
    auto const wrong = c.run(list_callbacks{});
    CHECK(wrong.error().code == error::wrong_field_type);
    CHECK(wrong.error().detail == R"(field "[1].maxBatchSize" is an array, expected an integer that fits an int)");
    CHECK(c.run(list_callbacks{}).error().code == error::not_an_object);
    auto const missing = c.run(list_callbacks{});
    CHECK(missing.error().code == error::missing_field);
    CHECK(missing.error().detail == R"(field "[0].callbackId" is missing)");
    CHECK(c.run(get_callback{"a"}).error().code == error::not_an_object); // two where one was asked
    CHECK(c.run(list_callbacks{}).error().code == error::truncated_body);
    CHECK(c.run(list_callbacks{}).error().code == error::too_deep);
    CHECK(c.run(list_callbacks{}).error().code == error::unexpected_content_type);
}

TEST_CASE("ens::callbacks: regenerating the key, an unreadable answer keeps none of its text")
{
    test::fake_transport http;
    http.replies = {json(200, R"([{"callbackId":"a","signatureKey":"bmV3IGtleQ=="}])"),
                    json(200, R"([{"callbackId":"a","signatureKey":"bmV3IGtleQ==","maxBatchSize":true}])"),
                    json(200, R"([{"callbackId":"a"}])"),
                    http_response{200, {{"Content-Type", "text/plain"}}, "signatureKey=bmV3IGtleQ=="}};
    auto c = make_client(http);
    auto const fresh = c.run(regenerate_signature_key{"a"});
    REQUIRE(fresh);
    CHECK(fresh->signature_key->reveal() == "bmV3IGtleQ==");
    CHECK(http.seen[0].method == "PUT");
    CHECK(http.seen[0].target == "/base/platform/v1/ens-regenerate");
    CHECK(boost::json::parse(http.seen[0].body) == boost::json::parse(R"([{"callbackId":"a"}])"));

    auto const unreadable = c.run(regenerate_signature_key{"a"});
    REQUIRE_FALSE(unreadable);
    CHECK(unreadable.error().to_string().find("bmV3IGtleQ") == std::string::npos);
    CHECK(unreadable.error().raw_body.empty());
    CHECK(c.run(regenerate_signature_key{"a"}).error().code == error::missing_field);
    auto const not_json = c.run(regenerate_signature_key{"a"});
    CHECK(not_json.error().code == error::unexpected_content_type);
    CHECK(not_json.error().raw_body.empty()); // the answer may be the key in another shape
}

TEST_CASE("ens::callbacks: the call machinery applies: a 429 is retried, a 401 refreshes the token")
{
    test::fake_transport http;
    auto const grant = [](std::string_view token) {
        return json(200, R"({"access_token":")" + std::string(token) + R"(","expires_in":1080})");
    };
    http.replies = {grant("old"), json(401, R"({"message":"Not Authorized","errorcode":0})"), grant("new"),
                    json(429, R"({"message":"Too Many Requests"})"), json(201, std::string(created))};
    token_provider tokens(std::ref(http), *endpoint::from_url("https://mcx.auth.marketingcloudapis.com"),
                          *client_credentials::make("id", "secret"));
    client_options opt{.retry = {.max_retries = 1, .initial_backoff = std::chrono::milliseconds(0)}};
    opt.wait = [](std::chrono::milliseconds) {};
    client c(http, *endpoint::from_url("https://mcx.rest.marketingcloudapis.com"), tokens, opt);
    auto const made = c.run(create_callbacks{{{.name = "cb1", .url = "https://example.com/"}}});
    REQUIRE(made.has_value());
    CHECK(made->front().signature_key->reveal() == key);
    REQUIRE(http.seen.size() == 5);
    CHECK(header(http.seen[1], "Authorization") == "Bearer old");
    CHECK(header(http.seen[3], "Authorization") == "Bearer new");
    CHECK(header(http.seen[4], "Authorization") == "Bearer new");
    CHECK(http.seen[4].body == http.seen[1].body);
}
