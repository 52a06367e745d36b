// The ENS management calls end to end: the library's routes through the blocking and the
// coroutine clients, against the emulator, which probes the callback, verifies it, and
// delivers signed batches with ENS's retries.
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <doctest/doctest.h>

#include "support/emulator.hpp"
#include "support/emulator_control.hpp"

#include <sfmc/sms/adapters/beast_async_transport.hpp>
#include <sfmc/sms/adapters/beast_transport.hpp>
#include <sfmc/sms/async_client.hpp>
#include <sfmc/sms/client.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <functional>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;
using test::emulator_control;

namespace {

// The emulator's callback host stands for hooks.example.com; `receiver` scripts its answers.
test::emulator start(boost::json::array receiver = {})
{
    return test::emulator({{"receiver", std::move(receiver)}},
                          {"--no-https", "--callback-host", "hooks.example.com=receiver", "--ens-answer-timeout", "1"});
}

// What ENS posted to the callback so far: the bodies of the requests its receiver got.
std::vector<test::recorded_request> posted_to_callback(test::emulator const& emu)
{
    auto all = emu.requests();
    std::erase_if(all, [](auto const& r) { return !r.target.starts_with("/__emulator/receiver"); });
    return all;
}

new_subscription sms_status(std::string callback_id)
{
    return {.callback_id = std::move(callback_id),
            .name = "sms status",
            .event_types = sms_event_types(),
            .filters = {}};
}

} // namespace

// [readme-manage]
// A callback at `url` that gets every transactional SMS event. Its signatureKey, shown only
// now, is for the receiver; ENS has already posted its verification request to the URL,
// which the receiver sends back with `verify_callback`.
template <class Client>
sfmc::sms::api_result<sfmc::sms::ens::callback> subscribe_to_sms_status(Client& client, std::string const& url)
{
    namespace ens = sfmc::sms::ens;
    auto made = client.run(ens::create_callbacks{{{.name = "sms status", .url = url, .max_batch_size = 1000}}});
    if (!made)
        return made.error(); // not_modified: it exists; bad_callback_url: not https://host[/path]
    ens::new_subscription const sms{.callback_id = made->front().id,
                                    .name = "sms status",
                                    .event_types = ens::sms_event_types(),
                                    .filters = {}};
    if (auto subscribed = client.run(ens::create_subscriptions{{sms}}); !subscribed)
        return subscribed.error();
    return made->front();
}
// [readme-manage]

TEST_CASE("ens end to end: the README's set-up makes a callback and its subscription")
{
    auto emu = start();
    beast_transport http;
    client c(http, *endpoint::from_url(emu.http), *access_token::make(emu.token));
    auto const cb = subscribe_to_sms_status(c, "https://hooks.example.com/status");
    REQUIRE(cb);
    CHECK(cb->signature_key);
    auto const subs = c.run(list_subscriptions{cb->id});
    REQUIRE(subs.has_value());
    REQUIRE(subs->size() == 1);
    CHECK(subs->front().event_types.size() == 5);
    CHECK(subscribe_to_sms_status(c, "https://hooks.example.com/status").error().code == error::not_modified);
    CHECK(subscribe_to_sms_status(c, "https://hooks.example.com:8443/").error().code == error::bad_callback_url);

    // At most 200 subscriptions per callback: the server's rule, told in its own words.
    create_subscriptions many;
    for (int i = 0; i < 200; ++i) {
        many.subscriptions.push_back(sms_status(cb->id));
        many.subscriptions.back().name = "subscription " + std::to_string(i);
    }
    auto const too_many = c.run(std::move(many));
    CHECK(too_many.error().code == error::bad_request);
    CHECK(too_many.error().message == "A callback may have at most 200 subscriptions");
}

TEST_CASE("ens end to end (blocking client): create, handshake, subscribe, pause, 304, 409, regenerate, delete")
{
    auto emu = start();
    beast_transport http;
    token_provider tokens(std::ref(http), *endpoint::from_url(emu.http), *client_credentials::make(emu.client_id, emu.client_secret));
    client c(http, *endpoint::from_url(emu.http), tokens);

    auto const made = c.run(create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens", .max_batch_size = 100}}});
    REQUIRE(made.has_value());
    auto const cb = made->front();
    CHECK(cb.url == "https://hooks.example.com/ens");
    REQUIRE(cb.signature_key);
    CHECK(signature_key::make(cb.signature_key->reveal())->is_base64());

    // ENS probed the callback while the creation ran; its owner sends the request back.
    auto const probes = posted_to_callback(emu);
    REQUIRE(probes.size() == 1);
    CHECK(probes[0].target == "/__emulator/receiver/ens");
    auto const probe = parse_verification_request(probes[0].body);
    REQUIRE(probe);
    CHECK(probe->callback_id == cb.id);
    CHECK(c.run(get_callback{cb.id})->status == "unverified");
    auto wrong = *probe;
    wrong.verification_key = "not-the-key";
    CHECK(c.run(verify_callback{wrong}).error().code == error::not_found);
    REQUIRE(c.run(verify_callback{*probe}));
    CHECK(c.run(get_callback{cb.id})->status == "verified");

    auto const again = c.run(create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens"}}});
    CHECK(again.error().code == error::not_modified);
    auto const listed = c.run(list_callbacks{});
    REQUIRE(listed.has_value());
    REQUIRE(listed->size() == 1);
    CHECK_FALSE(listed->front().signature_key); // shown only at creation
    auto const renamed = c.run(update_callbacks{{{.id = cb.id, .name = "status v2", .max_batch_size = 500}}});
    REQUIRE(renamed.has_value());
    CHECK(renamed->front().name == "status v2");
    CHECK(renamed->front().max_batch_size == 500);

    auto const subscribed = c.run(create_subscriptions{{sms_status(cb.id)}});
    REQUIRE(subscribed.has_value());
    auto const sub = subscribed->front();
    CHECK(sub.status == "active");
    CHECK(sub.event_types.size() == 5);
    CHECK(c.run(create_subscriptions{{sms_status(cb.id)}}).error().code == error::not_modified);
    CHECK(c.run(list_subscriptions{cb.id})->size() == 1);
    auto const paused = c.run(update_subscriptions{{{.id = sub.id,
                                                     .callback_id = cb.id,
                                                     .name = sub.name,
                                                     .event_types = sub.event_types,
                                                     .filters = {},
                                                     .state = subscription_state::paused,
                                                     .status_reason = "maintenance"}}});
    REQUIRE(paused.has_value());
    CHECK(c.run(get_subscription{sub.id})->is_paused());

    auto const in_use = c.run(delete_callback{cb.id});
    CHECK(in_use.error().code == error::conflict);

    auto const fresh = c.run(regenerate_signature_key{cb.id});
    REQUIRE(fresh);
    CHECK(fresh->signature_key->reveal() != cb.signature_key->reveal());

    CHECK(c.run(delete_subscription{sub.id}));
    CHECK(c.run(get_subscription{sub.id}).error().code == error::not_found);
    CHECK(c.run(delete_callback{cb.id}));
    CHECK(c.run(list_callbacks{})->empty());

    // No request carried anything but the tokens the emulator issued, and every call shared one.
    for (auto const& r : emu.requests())
        if (r.target.starts_with("/platform/"))
            CHECK(r.header("Authorization").starts_with("Bearer emulated-token-1-"));
}

TEST_CASE("ens end to end: a callback that does not answer the probe is not created")
{
    auto emu = start({test::reply(500, "down")});
    beast_transport http;
    client c(http, *endpoint::from_url(emu.http), *access_token::make(emu.token));
    auto const made = c.run(create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens"}}});
    CHECK(made.error().code == error::bad_request);
    CHECK(made.error().message.find("probeCallbackLiveness") != std::string::npos);
    auto const elsewhere = c.run(create_callbacks{{{.name = "other", .url = "https://unmapped.example.com/"}}});
    CHECK(elsewhere.error().code == error::bad_request);
    CHECK(c.run(list_callbacks{})->empty());
}

TEST_CASE("ens end to end: delivered batches are signed with the callback's key and retried until answered")
{
    // The probe is answered; the first batch twice refused, then taken; the second at once.
    auto emu = start({test::reply(200), test::reply(500), test::reply(503), test::reply(200), test::reply(200)});
    beast_transport http;
    client c(http, *endpoint::from_url(emu.http), *access_token::make(emu.token));
    auto const made = c.run(create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens", .max_batch_size = 100}}});
    REQUIRE(made.has_value());
    auto const cb = made->front();
    REQUIRE(c.run(verify_callback{*parse_verification_request(posted_to_callback(emu).at(0).body)}));
    auto only_delivered = sms_status(cb.id);
    only_delivered.event_types = {"TransactionalSendEvents.SmsDelivered"};
    REQUIRE(c.run(create_subscriptions{{only_delivered}}).has_value());

    // 300 events of three types: the 100 SmsDelivered ones go, in one batch of maxBatchSize.
    auto const outcome = c.run(emulator_control{
        "/__emulator/ens/deliver",
        R"({"callbackId":")" + cb.id + R"(","count":300,"types":["SmsSent","SmsDelivered","SmsBounced"],"keyBytes":"text"})"});
    REQUIRE(outcome);
    auto const& summary = outcome->as_object();
    CHECK(summary.at("dropped") == 200);
    auto const& batches = summary.at("batches").as_array();
    REQUIRE(batches.size() == 1);
    CHECK(batches[0].at("acknowledged") == true);
    CHECK(batches[0].at("attempts").as_array().size() == 3);

    auto const posts = posted_to_callback(emu);
    REQUIRE(posts.size() == 4); // the probe, then three tries of one batch
    auto const key = *signature_key::make(cb.signature_key->reveal());
    for (std::size_t i = 1; i < posts.size(); ++i) {
        CHECK(posts[i].body == posts[1].body); // a redelivery is the same bytes
        auto const sig = posts[i].header("x-sfmc-ens-signature");
        CHECK(verify(posts[i].body, sig, {key}, key_reading::text));
        CHECK(verify(posts[i].body, sig, {key})); // either reading, the default
        CHECK_FALSE(verify(posts[i].body, sig, {key}, key_reading::base64_decoded));
    }
    auto const events = decode_batch(posts[1].body);
    REQUIRE(events.has_value());
    CHECK(events->size() == 100);
    CHECK(std::all_of(events->begin(), events->end(), [](event const& e) {
        return e.status == event_status::delivered && e.on == sfmc::sms::channel::sms && e.status_code == 4000 && e.is_final();
    }));

    // Signed with the key's base64 reading this time, and taken at the first try.
    auto const second = c.run(emulator_control{
        "/__emulator/ens/deliver", R"({"callbackId":")" + cb.id + R"(","count":1,"types":["SmsDelivered"]})"});
    REQUIRE(second);
    auto const last = posted_to_callback(emu).back();
    CHECK(verify(last.body, last.header("x-sfmc-ens-signature"), {key}, key_reading::base64_decoded));
    CHECK_FALSE(verify(last.body, last.header("x-sfmc-ens-signature"), {key}, key_reading::text));
}

TEST_CASE("ens end to end: an answer slower than the limit counts as none, and the batch comes again")
{
    char dir[] = "/tmp/sfmc-sms-ens-XXXXXX";
    REQUIRE(mkdtemp(dir));
    std::string const deliveries = std::string(dir) + "/deliveries.jsonl";
    test::emulator emu({{"receiver", boost::json::array{test::reply(200), test::reply(200, "", {}, 1.5), test::reply(200)}}},
                       {"--no-https", "--callback-host", "hooks.example.com=receiver", "--ens-answer-timeout", "1",
                        "--deliveries", deliveries});
    beast_transport http;
    client c(http, *endpoint::from_url(emu.http), *access_token::make(emu.token));
    auto const made = c.run(create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens"}}});
    REQUIRE(made.has_value());
    REQUIRE(c.run(verify_callback{*parse_verification_request(posted_to_callback(emu).at(0).body)}));
    REQUIRE(c.run(create_subscriptions{{sms_status(made->front().id)}}).has_value());
    auto const outcome = c.run(emulator_control{"/__emulator/ens/deliver",
                                                R"({"callbackId":")" + made->front().id + R"(","count":2})"});
    REQUIRE(outcome);
    auto const& attempts = outcome->at("batches").at(0).at("attempts").as_array();
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0].as_object().contains("error")); // too late: as good as no answer
    CHECK(attempts[1].at("status") == 200);
    auto const posts = posted_to_callback(emu);
    REQUIRE(posts.size() == 3);
    CHECK(posts[1].body == posts[2].body);

    // The emulator's own record: the probe, then each try with what came of it.
    std::ifstream in(deliveries);
    std::vector<boost::json::value> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(boost::json::parse(line));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].at("probe") == made->front().id.c_str());
    CHECK(lines[1].at("attempt") == 1);
    CHECK(lines[2].at("attempt") == 2);
    CHECK(lines[2].at("status") == 200);
    CHECK(lines[2].at("events") == 2);
    for (auto const& l : lines) // no key of the callback in the record
        CHECK(boost::json::serialize(l).find(made->front().signature_key->reveal()) == std::string::npos);
    std::remove(deliveries.c_str());
    rmdir(dir);
}

// Routes made outside the coroutine: GCC 12 cannot keep an initializer list's array in a
// coroutine frame.
create_callbacks create_one(std::string const& name, std::string const& url)
{
    return {{{.name = name, .url = url}}};
}

create_subscriptions subscribe(std::string const& callback_id) { return {{sms_status(callback_id)}}; }

// "ok" as given for a success, else the failure's short name ("conflict"). Outside the
// coroutine: GCC 12 miscompiles string literals in conditionals inside coroutines.
template <class Result>
std::string outcome(Result const& r, std::string const& ok)
{
    if (r)
        return ok;
    if (r.error().code.category() == error_category())
        return to_string(static_cast<error>(r.error().code.value()));
    return r.error().to_string();
}

TEST_CASE("ens end to end (coroutine client): the same calls, the same machinery")
{
    auto emu = start();
    boost::asio::io_context io;
    beast_async_transport token_http(io.get_executor());
    async_token_provider tokens(std::ref(token_http), *endpoint::from_url(emu.http),
                                *client_credentials::make(emu.client_id, emu.client_secret));
    std::string const emu_url = "https://hooks.example.com/async";
    std::string const unexpected = "deleted while in use";
    std::vector<std::string> const ok{"created", "verified", "subscribed", "conflict", "unsubscribed", "deleted"};
    auto done = boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<std::vector<std::string>> {
            auto const ex = co_await boost::asio::this_coro::executor;
            beast_async_transport http(ex);
            async_client c(http, *endpoint::from_url(emu.http), tokens);
            std::vector<std::string> seen;
            auto const made = co_await c.async_run(create_one(ok[0], emu_url));
            seen.push_back(outcome(made, ok[0]));
            if (!made)
                co_return seen;
            // Each route named in a statement of its own: GCC 12 destroys a braced temporary
            // in a co_await expression twice.
            verify_callback verify{*parse_verification_request(posted_to_callback(emu).at(0).body)};
            auto const verified = co_await c.async_run(std::move(verify));
            seen.push_back(outcome(verified, ok[1]));
            auto const sub = co_await c.async_run(subscribe(made->front().id));
            seen.push_back(outcome(sub, ok[2]));
            delete_callback early{made->front().id};
            auto const in_use = co_await c.async_run(std::move(early));
            seen.push_back(outcome(in_use, unexpected));
            delete_subscription unsubscribe{sub->front().id};
            auto const unsubscribed = co_await c.async_run(std::move(unsubscribe));
            seen.push_back(outcome(unsubscribed, ok[4]));
            delete_callback remove{made->front().id};
            auto const gone = co_await c.async_run(std::move(remove));
            seen.push_back(outcome(gone, ok[5]));
            co_return seen;
        },
        boost::asio::use_future);
    io.run();
    CHECK(done.get() == ok);
}
