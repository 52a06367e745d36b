// sfmc-sms-status --store, end to end: answers from a status store as the receiver writes it
// (the library's SQLite engine fills it here), the API asked only for keys it does not know.
#include <doctest/doctest.h>

#include "support/emulator.hpp"

#include <sfmc/sms/ens/decode_batch.hpp>
#include <sfmc/sms/ens/sqlite_store.hpp>

#include <boost/json/parse.hpp>

#include <sqlite3.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using outcome = test::child::outcome;

outcome run(std::vector<std::string> args, std::vector<std::string> const& env = {})
{
    args.insert(args.begin(), SFMC_SMS_STATUS_COMMAND);
    test::child c(args, test::clean_environment(env));
    return c.finish({}, std::chrono::seconds{30});
}

std::vector<std::string> lines(std::string const& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// A store holding the receiver's view of a few messages.
struct filled_store {
    std::string dir, url;
    filled_store()
    {
        char t[] = "/tmp/sfmc-cli-store-XXXXXX";
        if (!mkdtemp(t))
            std::abort();
        dir = t;
        url = "sqlite:" + dir + "/store.db";
        auto opened = sfmc::sms::ens::sqlite_store::open(dir + "/store.db", true);
        REQUIRE(std::holds_alternative<std::unique_ptr<sfmc::sms::ens::sqlite_store>>(opened));
        auto& store = *std::get<0>(opened);
        std::string const body =
            R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","timestampUTC":1600698600000,"info":{"messageKey":"9a-zUvWf3UKxLpwwIrqTmQ","to":"15555551234"}},)"
            R"({"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1600698611999,"definitionKey":"otp-login",)"
            R"("info":{"messageKey":"9a-zUvWf3UKxLpwwIrqTmQ","to":"15555551234","subscriberKey":"Astro25","statusCode":"4000","statusMessage":"Delivered"}},)"
            R"({"eventCategoryType":"TransactionalSendEvents.SmsBounced","timestampUTC":1764547200000,"info":{"messageKey":"b1","statusCode":"4500"}},)"
            R"({"eventCategoryType":"TransactionalSendEvents.SmsBounced","timestampUTC":1764550800000,"info":{"messageKey":"b2"}},)"
            R"({"eventCategoryType":"TransactionalSendEvents.SmsBounced","timestampUTC":1600000000000,"info":{"messageKey":"b0"}}])";
        auto const events = sfmc::sms::ens::decode_batch(body);
        REQUIRE(events.has_value());
        REQUIRE(std::holds_alternative<std::vector<bool>>(store.append(*events, sfmc::sms::ens::event_time{})));
    }
    ~filled_store() { std::system(("rm -rf " + dir).c_str()); }
};

std::vector<std::string> at(test::emulator const& emu, std::vector<std::string> more)
{
    std::vector<std::string> args{"--rest-url", emu.http, "--token", emu.token, "--json"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

} // namespace

TEST_CASE("command --store: a key the store knows is answered from it, the API not asked, another through the API")
{
    filled_store store;
    test::emulator emu;
    auto const r = run(at(emu, {"--store", store.url, "9a-zUvWf3UKxLpwwIrqTmQ", "bcX0qaEp0USGciEnUJTW0w"}));
    CHECK(r.exit_code == 0);
    auto const out = lines(r.out);
    REQUIRE(out.size() == 2);
    CHECK(boost::json::parse(out[0]) == boost::json::parse(
        R"({"messageKey":"9a-zUvWf3UKxLpwwIrqTmQ","source":"store","channel":"sms","status":"delivered","final":true,)"
        R"("eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUtc":"2020-09-21T14:30:11.999Z","to":"15555551234",)"
        R"("subscriberKey":"Astro25","definitionKey":"otp-login","statusCode":"4000","statusName":"Delivered","statusMessage":"Delivered","events":2})"));
    auto const api = boost::json::parse(out[1]).as_object();
    CHECK(api.at("source") == "api");
    CHECK(api.at("status") == "sent");
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 1); // the stored key was never looked up
    CHECK(seen[0].target == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    auto const human = run({"--store", store.url, "--store-only", "9a-zUvWf3UKxLpwwIrqTmQ"});
    CHECK(human.out.starts_with("9a-zUvWf3UKxLpwwIrqTmQ: delivered, 2020-09-21T14:30:11.999Z (from ENS), to 15555551234, "
                                "status code 4000 (Delivered)"));
}

TEST_CASE("command --store-only, or no credentials: an unknown key fails from the store, the others answered")
{
    filled_store store;
    for (auto const& args : std::vector<std::vector<std::string>>{{"--store", store.url, "--store-only", "--json"},
                                                                   {"--store", store.url, "--json"}}) {
        auto with = args;
        with.insert(with.end(), {"nobody", "b1"});
        auto const r = run(with);
        CHECK(r.exit_code == 1);
        auto const out = lines(r.out);
        REQUIRE(out.size() == 2);
        auto const unknown = boost::json::parse(out[0]).as_object();
        CHECK(unknown.at("source") == "store");
        CHECK(unknown.at("error").as_object().at("kind") == "not_found");
        CHECK(boost::json::parse(out[1]).as_object().at("status") == "bounced");
    }
}

TEST_CASE("command --store --history and --list: every event oldest first, the filtered messages in order")
{
    filled_store store;
    auto const history = run({"--store", store.url, "--history", "--json", "9a-zUvWf3UKxLpwwIrqTmQ"});
    CHECK(history.exit_code == 0);
    auto const events = lines(history.out);
    REQUIRE(events.size() == 2);
    CHECK(boost::json::parse(events[0]).as_object().at("status") == "sent");
    CHECK(boost::json::parse(events[1]).as_object().at("status") == "delivered");
    CHECK(boost::json::parse(events[1]).as_object().contains("event"));
    auto const keys = [&](std::vector<std::string> more) {
        std::vector<std::string> args{"--store", store.url, "--list", "--json"};
        args.insert(args.end(), more.begin(), more.end());
        auto const r = run(args);
        CHECK(r.exit_code == 0);
        std::vector<std::string> out;
        for (auto const& line : lines(r.out))
            out.push_back(std::string(boost::json::parse(line).as_object().at("messageKey").as_string()));
        return out;
    };
    CHECK(keys({}) == std::vector<std::string>{"b0", "9a-zUvWf3UKxLpwwIrqTmQ", "b1", "b2"});
    CHECK(keys({"--status", "bounced"}) == std::vector<std::string>{"b0", "b1", "b2"});
    CHECK(keys({"--status", "bounced,delivered", "--since", "2020-09-21T00:00:00Z"}) ==
          std::vector<std::string>{"9a-zUvWf3UKxLpwwIrqTmQ", "b1", "b2"});
    CHECK(keys({"--status", "bounced", "--since", "2025-12-01T00:00:00Z", "--until", "2025-12-01T01:00:00+00:00"}) ==
          std::vector<std::string>{"b1"});
    CHECK(keys({"--limit", "2"}) == std::vector<std::string>{"b0", "9a-zUvWf3UKxLpwwIrqTmQ"});
}

TEST_CASE("command --store: usage errors exit 2 and send nothing, a password is never printed")
{
    filled_store store;
    for (auto const& args : std::vector<std::vector<std::string>>{
             {"--history", "k"},
             {"--list"},
             {"--store-only", "k"},
             {"--store", store.url, "--status", "bounced", "k"},
             {"--store", store.url, "--history", "--list"},
             {"--store", store.url, "--list", "k"},
             {"--store", store.url, "--list", "--not-sent"},
             {"--store", store.url, "--list", "--status", "lost"},
             {"--store", store.url, "--list", "--since", "yesterday"},
             {"--store", store.url, "--list", "--limit", "0"},
             {"--store", "sqlite:" + store.dir + "/missing.db", "k"},
             {"--store", "mysql://x", "k"}}) {
        CAPTURE(args);
        CHECK(run(args).exit_code == 2);
    }
    auto const secret = run({"--store", "postgresql://u:hunter2@127.0.0.1/db", "k"});
    CHECK(secret.exit_code == 2);
    CHECK(secret.err.find("hunter2") == std::string::npos);
}

TEST_CASE("command --store: a store made by an earlier receiver is refused with the reason, exit 2, nothing sent")
{
    filled_store store;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((store.dir + "/store.db").c_str(), &db) == SQLITE_OK);
    // The schema before the key's index was led by the day received.
    auto const rc = sqlite3_exec(db,
                                 "DROP INDEX events_by_key; ALTER TABLE events DROP COLUMN key_day; "
                                 "CREATE INDEX events_by_key ON events (message_key, channel)",
                                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
    test::emulator emu;
    auto const r = run(at(emu, {"--store", store.url, "9a-zUvWf3UKxLpwwIrqTmQ", "bcX0qaEp0USGciEnUJTW0w"}));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("earlier sfmc-ens-receiver") != std::string::npos);
    CHECK(emu.requests().empty());
    // a receiver brings it up to date when it opens it; then the command answers from it
    REQUIRE(std::holds_alternative<std::unique_ptr<sfmc::sms::ens::sqlite_store>>(
        sfmc::sms::ens::sqlite_store::open(store.dir + "/store.db", true)));
    auto const after = run({"--store", store.url, "--store-only", "9a-zUvWf3UKxLpwwIrqTmQ"});
    CHECK(after.exit_code == 0);
    CHECK(after.out.starts_with("9a-zUvWf3UKxLpwwIrqTmQ: delivered"));
}
