#include <sfmc/sms/adapters/curl_transport.hpp>

#include <doctest/doctest.h>

#include "support/transport_conformance.hpp"

#include <sfmc/sms/decode_json.hpp>
#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <boost/json/serialize.hpp>
#include <curl/curl.h>

#include <functional>

using namespace sfmc::sms;

static_assert(transport<curl_transport>);

namespace {
struct curl_maker {
    static curl_transport make(test::transport_settings const& s)
    {
        return curl_transport({.timeout = s.timeout, .ca_file = s.ca_file, .max_body_size = s.max_body_size});
    }
};
} // namespace

// The README's tokens example: compiled, not run (it names a real tenant).
[[maybe_unused]] void readme_tokens(std::string const& sub, std::string const& id, std::string const& secret, std::string_view key)
{
    // [readme-tokens]
    auto auth = sfmc::sms::endpoint::from_subdomain(sub, sfmc::sms::endpoint::api::auth).value();
    // The provider's own transport: it sends from whichever thread needs a token first.
    sfmc::sms::token_provider tokens(sfmc::sms::curl_transport{}, auth, sfmc::sms::client_credentials::make(id, secret).value());
    sfmc::sms::curl_transport http;        // the client's, one per thread
    sfmc::sms::client sms(http, tokens);   // the REST base comes from the token's rest_instance_url
    auto status = sms.get_status(key);     // token fetched once, cached, refreshed 2 min before expiry
    // [readme-tokens]
    (void)status;
}

// [readme-user-route]
// POST /messaging/v1/sms/messages/{messageKey}: a route the library does not ship, written by its user.
struct send_sms {
    using value_type = std::string;              // the request id of the accepted send
    static constexpr std::string_view name = "SMS send";
    static constexpr bool idempotent = false;    // sent twice, it would be two text messages

    sfmc::sms::message_key key;
    std::string definition_key, contact_key, to;

    sfmc::sms::http_request make_request(sfmc::sms::endpoint const& rest, sfmc::sms::access_token const& token) const
    {
        boost::json::object body{{"definitionKey", definition_key},
                                 {"recipient", {{"contactKey", contact_key}, {"to", to}}}};
        sfmc::sms::http_request req;          // written in place, returned by name: never copied
        sfmc::sms::request_builder(req, "POST", rest)
            .path("/messaging/v1/sms/messages/")
            .segment(key.value())                // one segment, whatever the key holds
            .bearer(token)
            .header("Accept", "application/json")
            .json_body(boost::json::serialize(body))
            .finish();
        return req;
    }

    sfmc::sms::api_result<value_type> decode(sfmc::sms::http_response const& res, sfmc::sms::decode_options const& opt) const
    {
        auto answer = sfmc::sms::decode_json(res, opt); // the API's errors, limits, malformed JSON
        if (!answer)
            return answer.error();
        auto const* id = answer->is_object() ? answer->as_object().if_contains("requestId") : nullptr;
        if (!id || !id->is_string())
            return sfmc::sms::failure(sfmc::sms::error::missing_field, "requestId");
        return std::string(id->as_string());
    }
};
// [readme-user-route]

TEST_CASE("a route written by a user (the SMS send) gets tokens, the 401 refresh and the 429 retry from the library")
{
    // The first send is refused for the rate, the second with a token the emulator no longer knows.
    boost::json::object sends{{"order/1234", boost::json::array{test::reply(429, "", {{"Retry-After", "1"}}),
                                                                 test::reply(401, R"({"message":"Not Authorized"})"),
                                                                 boost::json::object{{"pass", true}}}}};
    test::emulator emu({{"sends", sends}});
    auto const auth = endpoint::from_url(emu.http).value();
    token_provider tokens(curl_transport{}, auth, client_credentials::make(emu.client_id, emu.client_secret).value());
    std::vector<std::chrono::milliseconds> waits;
    curl_transport http;
    client sms(http, tokens, {.wait = [&](std::chrono::milliseconds d) { waits.push_back(d); }});
    auto sent = sms.run(send_sms{message_key::make("order/1234").value(), "order-updates", "ann", "15555550100"});
    REQUIRE(sent);
    CHECK(sent->size() == 36); // a UUID
    CHECK(waits == std::vector<std::chrono::milliseconds>{std::chrono::seconds{1}});

    std::vector<std::string> seen;
    std::string body;
    for (auto const& r : emu.requests()) {
        seen.push_back(r.method + ' ' + r.target);
        if (r.method == "POST" && r.target != "/v2/token")
            body = r.body;
    }
    CHECK(seen == std::vector<std::string>{"POST /v2/token", "POST /messaging/v1/sms/messages/order%2F1234",
                                           "POST /messaging/v1/sms/messages/order%2F1234", "POST /v2/token",
                                           "POST /messaging/v1/sms/messages/order%2F1234"});
    CHECK(body == R"({"definitionKey":"order-updates","recipient":{"contactKey":"ann","to":"15555550100"}})");

    // The library's own lookup now finds the message queued; a second send of the key is the API's 400.
    auto status = sms.get_status("order/1234");
    REQUIRE(status);
    CHECK(status->status == send_status::queued);
    auto again = sms.run(send_sms{message_key::make("order/1234").value(), "order-updates", "ann", "15555550100"});
    REQUIRE_FALSE(again);
    CHECK(again.error().code == error::bad_request);
    CHECK(again.error().request == "SMS send");
}

TYPE_TO_STRING(curl_maker);
SFMC_SMS_TEST_TRANSPORT_CONFORMANCE(curl_maker);

TEST_CASE("curl_transport: CURLcodes are transport failures with curl's own message")
{
    boost::system::error_code const ec(CURLE_COULDNT_CONNECT, curl_category());
    CHECK(ec == condition::transport);
    CHECK(ec.message() == curl_easy_strerror(CURLE_COULDNT_CONNECT));
    CHECK(std::string(curl_category().name()) == "curl");
}

namespace {
// The status of a GET of `target` exactly as written, by libcurl itself: the library's request
// builder never writes such targets (a lone '%' is always encoded).
long raw_get_status(std::string const& base, std::string_view target, std::string const& token)
{
    CURL* curl = curl_easy_init();
    REQUIRE(curl);
    auto const url = base + std::string(target);
    auto const authorization = "Authorization: Bearer " + token;
    curl_slist* headers = curl_slist_append(nullptr, authorization.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return status;
}
} // namespace

TEST_CASE("emulator: as strict as a real server about targets")
{
    // A scripted key answers 200 only where the target names exactly that key.
    test::emulator emu(test::script_for("k", {test::reply(200, R"({"requestId":"r","eventCategoryType":"x","timestamp":"t"})")}));
    auto const status_of = [&](std::string_view target) { return raw_get_status(emu.http, target, emu.token); };
    CHECK(status_of("/messaging/v1/sms/messages/k") == 200);
    CHECK(status_of("/messaging/v1/sms/messages/k?x=1") == 200); // the query is not part of the key
    CHECK(status_of("/messaging/v1/sms/messages/k/extra") == 404); // more than one segment
    CHECK(status_of("/messaging/v1/sms/messages/x/k") == 404);
    CHECK(status_of("/messaging/v1/sms/messages/") == 404);
    CHECK(status_of("/messaging/v1/sms/messages/k%") == 400); // a lone '%'
    CHECK(status_of("/messaging/v1/sms/messages/k%zz") == 400);
    CHECK(status_of("/messaging/v1/sms/messages/%6B") == 200); // "%6B" is "k"
}
