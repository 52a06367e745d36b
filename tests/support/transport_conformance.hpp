#ifndef SFMC_SMS_TESTS_TRANSPORT_CONFORMANCE_HPP
#define SFMC_SMS_TESTS_TRANSPORT_CONFORMANCE_HPP

// What every ready transport must do, against the emulator on loopback. A transport's test
// file instantiates these with TEST_CASE_TEMPLATE_INVOKE(transport_conformance, its_maker).
// A maker has `static T make(test::transport_settings const&)`.

#include <sfmc/sms.hpp>
#include <sfmc/sms/ens.hpp>

#include <doctest/doctest.h>

#include "emulator.hpp"

#include <chrono>
#include <string>

namespace test {

struct transport_settings {
    std::chrono::milliseconds timeout{10'000};
    std::string ca_file{};
    std::size_t max_body_size = 8 * 1024 * 1024;
};

template <class Maker>
auto make_client(decltype(Maker::make(transport_settings{}))& t, std::string const& base, std::string const& token)
{
    // No retries: each scenario sees exactly what one exchange gives.
    return sfmc::sms::client(t, sfmc::sms::endpoint::from_url(base).value(), sfmc::sms::access_token::make(token).value(),
                             {.retry = {.max_retries = 0}});
}

} // namespace test

TEST_CASE_TEMPLATE_DEFINE("transport: the seed's examples, end to end over HTTP", Maker, transport_conformance_seed)
{
    using namespace sfmc::sms;
    test::emulator emu;
    auto http = Maker::make({});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);
    auto sent = sms.get_status("bcX0qaEp0USGciEnUJTW0w");
    REQUIRE(sent.has_value());
    CHECK(sent->status == send_status::sent);
    CHECK(sent->info->contact_key == "Astro25");
    auto queued = sms.get_status("fcdbb2f9-438b-4d52-a380-2eade2f46396");
    REQUIRE(queued.has_value());
    CHECK(queued->status == send_status::queued);
    auto not_sent = sms.get_status("9a-zUvWf3UKxLpwwIrqTmQ");
    REQUIRE(not_sent.has_value());
    CHECK(not_sent->info->status_code == 16);

    auto const seen = emu.requests();
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].method == "GET");
    CHECK(seen[0].target == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    CHECK(seen[0].header("Authorization") == "Bearer " + emu.token);
    CHECK(seen[0].header("Accept") == "application/json");
    CHECK(seen[0].header("Host") == emu.http.substr(7));
    // One connection, kept alive across the three calls.
    CHECK(seen[1].client_port == seen[0].client_port);
    CHECK(seen[2].client_port == seen[0].client_port);
}

TEST_CASE_TEMPLATE_DEFINE("transport: hostile keys arrive as one exact path segment", Maker, transport_conformance_keys)
{
    using namespace sfmc::sms;
    std::string const keys[] = {"a/b?c#d%e", "+;&=:@ !$'()*,", ".", "..", "line\r\nX-Injected: 1", "caf\xC3\xA9 \xF0\x9F\x98\x80",
                                std::string("nul\0byte", 8), "../../v2/token"};
    boost::json::object messages;
    for (auto const& k : keys)
        messages[k] = boost::json::array{test::reply(200, R"({"requestId":"r","eventCategoryType":"x","timestamp":"t"})")};
    test::emulator emu({{"messages", messages}});
    auto http = Maker::make({});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);
    for (auto const& k : keys) {
        CAPTURE(k);
        // The emulator answers 200 only if it decoded the very same key from the target.
        auto r = sms.get_status(k);
        CHECK(r.has_value());
    }
    auto const seen = emu.requests();
    REQUIRE(seen.size() == std::size(keys));
    for (std::size_t i = 0; i < seen.size(); ++i)
        CHECK(seen[i].target == std::string(status_route) + message_key::make(keys[i])->encoded());
    CHECK(seen[3].target == "/messaging/v1/sms/messages/%2E%2E");
}

TEST_CASE_TEMPLATE_DEFINE("transport: every HTTP status is data, and a redirect is not followed", Maker,
                          transport_conformance_statuses)
{
    using namespace sfmc::sms;
    boost::json::object messages;
    messages["forbidden"] = boost::json::array{test::reply(403, R"({"message":"Insufficient privileges","errorcode":20002})")};
    messages["limited"] = boost::json::array{test::reply(429, R"({"message":"Rate limit exceeded","errorcode":50100,"retryAfter":5})",
                                                         {{"Retry-After", "7"}})};
    messages["broken"] = boost::json::array{test::reply(500, "<html><body>Internal error</body></html>", {{"Content-Type", "text/html"}})};
    messages["moved"] = boost::json::array{test::reply(302, "", {{"Location", "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w"}})};
    test::emulator emu({{"messages", messages}});
    auto http = Maker::make({});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);

    auto forbidden = sms.get_status("forbidden");
    CHECK(forbidden.error().code == error::forbidden);
    CHECK(forbidden.error().errorcode == 20002);
    auto limited = sms.get_status("limited");
    CHECK(limited.error().code == error::rate_limited);
    CHECK(limited.error().retry_after == std::chrono::seconds{7});
    auto broken = sms.get_status("broken");
    CHECK(broken.error().code == error::server_error);
    CHECK(broken.error().raw_body == "<html><body>Internal error</body></html>");
    auto missing = sms.get_status("no-such-key");
    CHECK(missing.error().code == error::not_found);
    CHECK(missing.error().errorcode == 30003);
    auto moved = sms.get_status("moved");
    CHECK(moved.error().code == error::unexpected_status);
    CHECK(moved.error().http_status == 302);
    CHECK(emu.requests().size() == 5); // the redirect was not followed

    auto wrong_token = test::make_client<Maker>(http, emu.http, "not-the-token");
    auto unauthorized = wrong_token.get_status("bcX0qaEp0USGciEnUJTW0w");
    CHECK(unauthorized.error().code == error::unauthorized);
    CHECK(unauthorized.error().to_string().find("not-the-token") == std::string::npos);
}

TEST_CASE_TEMPLATE_DEFINE("transport: a server that hangs gives a timeout, within the limit", Maker, transport_conformance_timeout)
{
    using namespace sfmc::sms;
    test::emulator emu(test::script_for("slow", {test::reply(200, "{}", {}, 20.0)}));
    auto http = Maker::make({.timeout = std::chrono::milliseconds{300}});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);
    auto const start = std::chrono::steady_clock::now();
    auto r = sms.get_status("slow");
    auto const took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == condition::transport);
    CHECK(took < std::chrono::seconds{10});
}

TEST_CASE_TEMPLATE_DEFINE("transport: a refused connection is a transport error", Maker, transport_conformance_refused)
{
    using namespace sfmc::sms;
    auto http = Maker::make({});
    auto sms = test::make_client<Maker>(http, "http://127.0.0.1:" + std::to_string(test::emulator::closed_port()), "t");
    auto r = sms.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == condition::transport);
    CHECK(r.error().http_status == 0);
}

TEST_CASE_TEMPLATE_DEFINE("transport: HTTPS is trusted through the CA option, refused without it", Maker, transport_conformance_tls)
{
    using namespace sfmc::sms;
    test::emulator emu;
    REQUIRE_FALSE(emu.https.empty());
    {
        auto http = Maker::make({.ca_file = emu.ca});
        auto sms = test::make_client<Maker>(http, emu.https, emu.token);
        auto r = sms.get_status("bcX0qaEp0USGciEnUJTW0w");
        REQUIRE(r.has_value());
        CHECK(r->status == send_status::sent);
    }
    {
        auto http = Maker::make({});
        auto sms = test::make_client<Maker>(http, emu.https, emu.token);
        auto r = sms.get_status("bcX0qaEp0USGciEnUJTW0w");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == condition::transport);
    }
    {
        // The certificate names 127.0.0.1 and localhost: any other name must fail, CA or not.
        auto http = Maker::make({.ca_file = emu.ca});
        auto url = emu.https;
        url.replace(url.find("127.0.0.1"), 9, "127.0.0.2");
        auto sms = test::make_client<Maker>(http, url, emu.token);
        auto r = sms.get_status("bcX0qaEp0USGciEnUJTW0w");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == condition::transport);
    }
}

TEST_CASE_TEMPLATE_DEFINE("transport: a body over the limit is refused, not buffered", Maker, transport_conformance_limit)
{
    using namespace sfmc::sms;
    test::emulator emu(test::script_for("huge", {test::reply(200, std::string(300 * 1024, 'x'))}));
    auto http = Maker::make({.max_body_size = 64 * 1024});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);
    auto r = sms.get_status("huge");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == error::body_too_large);
}

TEST_CASE_TEMPLATE_DEFINE("transport: the request is sent exactly as given, no header added (DELETE, PUT with a body)", Maker,
                          transport_conformance_exact)
{
    using namespace sfmc::sms;
    test::emulator emu;
    auto http = Maker::make({});
    auto sms = test::make_client<Maker>(http, emu.http, emu.token);
    (void)sms.run(ens::delete_callback{"cb-1"});
    (void)sms.run(ens::update_callbacks{{{.id = "cb-1", .name = "status", .max_batch_size = 500}}});
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 2);
    auto const has = [](test::recorded_request const& r, std::string_view name) {
        for (auto const& h : r.headers)
            if (sfmc::sms::detail::ci_is_equal(h.name, name))
                return true;
        return false;
    };
    CHECK(seen[0].method == "DELETE");
    CHECK_FALSE(has(seen[0], "Content-Type"));
    CHECK_FALSE(has(seen[0], "Content-Length"));
    CHECK(seen[0].body.empty());
    CHECK(seen[1].method == "PUT");
    CHECK(seen[1].header("Content-Type") == "application/json");
    CHECK(seen[1].header("Content-Length") == std::to_string(seen[1].body.size()));
    // Only the request's own headers, and the framing of its body.
    for (auto const& r : seen)
        for (auto const& h : r.headers) {
            CAPTURE(h.name);
            CHECK((h.name == "Host" || h.name == "Accept" || h.name == "Authorization" || h.name == "Content-Type" ||
                   h.name == "Content-Length" || h.name == "User-Agent"));
        }
}

#define SFMC_SMS_TEST_TRANSPORT_CONFORMANCE(maker)                         \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_exact, maker);         \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_seed, maker);          \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_keys, maker);          \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_statuses, maker);      \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_timeout, maker);       \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_refused, maker);       \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_tls, maker);           \
    TEST_CASE_TEMPLATE_INVOKE(transport_conformance_limit, maker)

#endif
