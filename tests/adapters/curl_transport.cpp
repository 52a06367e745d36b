#include <sfmc/sms/adapters/curl_transport.hpp>

#include <doctest/doctest.h>

#include "support/transport_conformance.hpp"

#include <sfmc/sms/curl_transport.hpp> // the forwarding header still works
#include <sfmc/sms/detail/request_writer.hpp>

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
// A GET of `target` exactly as written (the library never builds such targets itself).
http_request raw_get(endpoint const& ep, std::string_view target, access_token const& token)
{
    http_request req;
    detail::request_writer w(req, "GET", ep, target.size() + detail::request_writer::bearer_size(token));
    w.append(target);
    w.end_target();
    w.add_host_header();
    w.add_bearer(token);
    w.finish();
    return req;
}
} // namespace

TEST_CASE("emulator: as strict as a real server about targets")
{
    // A scripted key answers 200 only where the target names exactly that key.
    test::emulator emu(test::script_for("k", {test::reply(200, R"({"requestId":"r","eventCategoryType":"x","timestamp":"t"})")}));
    curl_transport http;
    auto const ep = endpoint::from_url(emu.http).value();
    auto const token = access_token::make(emu.token).value();
    auto const status_of = [&](std::string_view target) { return http.send(raw_get(ep, target, token))->status; };
    CHECK(status_of("/messaging/v1/sms/messages/k") == 200);
    CHECK(status_of("/messaging/v1/sms/messages/k?x=1") == 200); // the query is not part of the key
    CHECK(status_of("/messaging/v1/sms/messages/k/extra") == 404); // more than one segment
    CHECK(status_of("/messaging/v1/sms/messages/x/k") == 404);
    CHECK(status_of("/messaging/v1/sms/messages/") == 404);
    CHECK(status_of("/messaging/v1/sms/messages/k%") == 400); // a lone '%'
    CHECK(status_of("/messaging/v1/sms/messages/k%zz") == 400);
    CHECK(status_of("/messaging/v1/sms/messages/%6B") == 200); // "%6B" is "k"
}
