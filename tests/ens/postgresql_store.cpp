#include <sfmc/sms/ens/postgresql_store.hpp>

#include <doctest/doctest.h>

#include "support/postgres_server.hpp"
#include "support/store_conformance.hpp"

#include <memory>
#include <string>
#include <thread>
#include <vector>

using sfmc::sms::ens::postgresql_store;
using detail_result = sfmc::sms::ens::detail::pg_result;

namespace {

std::unique_ptr<postgresql_store> open_at(std::string const& url, bool create = true)
{
    auto opened = postgresql_store::open(url, create);
    if (auto const* why = std::get_if<std::string>(&opened))
        FAIL(*why);
    return std::move(std::get<0>(opened));
}

// A new database of its own on the tests' server.
struct postgresql_engine {
    std::string url = test::shared_postgres()->new_database();

    std::unique_ptr<sfmc::sms::ens::status_store> open() { return open_at(url); }
    bool refuses_a_missing_store()
    {
        auto const opened = postgresql_store::open(test::shared_postgres()->new_database(), false);
        auto const* why = std::get_if<std::string>(&opened);
        return why && why->find("not a status store") != std::string::npos;
    }
};

} // namespace

TEST_CASE_TEMPLATE_INVOKE(store_conformance_once, postgresql_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_history, postgresql_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_list, postgresql_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_retention, postgresql_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_property, postgresql_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_hostile, postgresql_engine);

TEST_CASE("postgresql_store: receivers opening one new database at once create its schema once")
{
    auto const url = test::shared_postgres()->new_database();
    std::vector<std::variant<std::unique_ptr<postgresql_store>, std::string>> opened(6);
    std::vector<std::thread> threads;
    for (auto& o : opened)
        threads.emplace_back([&o, &url] { o = postgresql_store::open(url, true); });
    for (auto& t : threads)
        t.join();
    for (auto const& o : opened)
        CHECK_MESSAGE(o.index() == 0, (o.index() == 1 ? std::get<1>(o) : std::string()));
}

TEST_CASE("postgresql_store: the same events appended at once on several connections are stored once")
{
    using namespace test::store;
    auto const url = test::shared_postgres()->new_database();
    std::vector<std::string> events;
    for (unsigned i = 0; i < 400; ++i)
        events.push_back(event_text(key_number(i % 97), i % 3 ? "SmsDelivered" : "SmsSent", 1'000 + i));
    std::vector<std::unique_ptr<postgresql_store>> stores;
    for (int i = 0; i < 4; ++i)
        stores.push_back(open_at(url));
    std::vector<std::size_t> fresh(stores.size());
    std::vector<std::thread> threads;
    for (std::size_t s = 0; s < stores.size(); ++s)
        threads.emplace_back([&, s] {
            // Each connection its own order and batching of the same events.
            auto mine = events;
            std::mt19937 random(static_cast<unsigned>(s));
            std::shuffle(mine.begin(), mine.end(), random);
            for (std::size_t at = 0; at < mine.size(); at += 50) {
                std::string body = "[";
                for (std::size_t i = at; i < at + 50; ++i)
                    body += (i > at ? "," : "") + mine[i];
                body += "]";
                auto const decoded = decode_batch(body, {}); // views into body
                auto const got = stores[s]->append(*decoded, event_time(milliseconds(1)));
                if (auto const* f = std::get_if<std::vector<bool>>(&got))
                    fresh[s] += static_cast<std::size_t>(std::count(f->begin(), f->end(), true));
                else {
                    MESSAGE(std::get<std::string>(got));
                    fresh[s] += 1'000'000; // a failure shows in the sum
                }
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(fresh[0] + fresh[1] + fresh[2] + fresh[3] == events.size());
    std::size_t stored = 0;
    for (unsigned k = 0; k < 97; ++k)
        stored += current(*stores[0], key_number(k))->events;
    CHECK(stored == events.size());
}

TEST_CASE("postgresql_store: no message shows the password, the URL is shown with ***")
{
    auto& server = *test::shared_postgres();
    auto store = open_at(server.new_database());
    CHECK(store->url_shown().find("***") != std::string::npos);
    CHECK(store->url_shown().find(server.password()) == std::string::npos);
    auto url = server.url("postgres");
    auto const wrong = url.replace(url.find("sfmc:") + 5, 2, "Xy"); // the password's first bytes changed
    for (auto const& bad : {wrong, "postgresql://sfmc:" + server.password() + "@127.0.0.1:1/none",
                            server.url("postgres") + "?password=" + server.password() + "&nonsense=1"}) {
        auto const opened = postgresql_store::open(bad, true);
        REQUIRE(opened.index() == 1);
        auto const& why = std::get<1>(opened);
        CHECK(!why.empty());
        CHECK_MESSAGE(why.find(server.password()) == std::string::npos, why);
        CHECK_MESSAGE(why.find(server.password().substr(5)) == std::string::npos, why);
    }
}

TEST_CASE("postgresql_store: a server gone is a failure with its reason, back, the same store serves by itself")
{
    using namespace test::store;
    auto& server = *test::shared_postgres();
    auto store = open_at(server.new_database());
    CHECK(append(*store, {event_text("k", "SmsSent", 1)}) == std::vector<bool>{true});
    server.stop("immediate");
    auto const body = "[" + event_text("k", "SmsDelivered", 2) + "]";
    auto const decoded = decode_batch(body, {}); // views into body
    auto const down = store->append(*decoded, event_time(milliseconds(1)));
    REQUIRE(down.index() == 1);
    CHECK(!std::get<1>(down).empty());
    CHECK(std::get<1>(down).find(server.password()) == std::string::npos);
    CHECK(store->current(channel::sms, "k").index() == 1);
    server.start();
    // The backoff is at most 2 s: within 10 s of tries the store is back, nothing of before lost.
    std::variant<std::vector<bool>, std::string> up = std::string("never tried");
    for (auto const until = steady_clock::now() + seconds(10); up.index() == 1 && steady_clock::now() < until;)
        up = store->append(*decoded, event_time(milliseconds(1)));
    REQUIRE_MESSAGE(up.index() == 0, std::get<1>(up));
    CHECK(std::get<0>(up) == std::vector<bool>{true});
    auto const k = current(*store, "k");
    REQUIRE(k);
    CHECK(k->decided.status == event_status::delivered);
    CHECK(k->events == 2);
}

TEST_CASE("postgresql_store: an append that waits on another's uncommitted copy of its events finds them duplicates once it commits")
{
    using namespace test::store;
    auto const url = test::shared_postgres()->new_database();
    auto first = open_at(url);
    auto second = open_at(url);
    std::string const body = "[" + event_text("k", "SmsSent", 1) + "," + event_text("k", "SmsDelivered", 2) + "]";
    auto const decoded = decode_batch(body, {}); // views into body
    std::variant<std::vector<bool>, std::string> late = std::string("never ran");
    std::vector<bool> late_hook;
    std::thread racer;
    // The first append is held before its commit until the second waits on its rows: the
    // second's insert of new rows then meets a unique violation and must be tried again.
    auto const early = first->append(*decoded, event_time(milliseconds(1)), [&](std::vector<bool> const& fresh) {
        CHECK(fresh == std::vector<bool>{true, true});
        // With a hook, as with a journal: the retry is a transaction begun again.
        racer = std::thread([&] {
            late = second->append(*decoded, event_time(milliseconds(1)), [&](std::vector<bool> const& f) {
                late_hook = f;
                return std::string();
            });
        });
        std::unique_ptr<PGconn, decltype(&PQfinish)> watcher(PQconnectdb(url.c_str()), &PQfinish);
        bool waiting = false;
        for (auto const until = steady_clock::now() + seconds(20); !waiting && steady_clock::now() < until;) {
            detail_result r(PQexec(watcher.get(), "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                                  "AND application_name = 'sfmc-sms' AND wait_event_type = 'Lock'"));
            waiting = PQresultStatus(r.get()) == PGRES_TUPLES_OK && std::string_view(PQgetvalue(r.get(), 0, 0)) == "1";
        }
        CHECK(waiting);
        return std::string();
    });
    racer.join();
    CHECK(early == decltype(early)(std::vector<bool>{true, true}));
    REQUIRE_MESSAGE(late.index() == 0, std::get<1>(late));
    CHECK(std::get<0>(late) == std::vector<bool>{false, false});
    CHECK(late_hook == std::vector<bool>{false, false});
    auto const k = current(*first, "k");
    REQUIRE(k);
    CHECK(k->events == 2);
}

TEST_CASE("postgresql_store: a key is found through its hash index, and a store made with a B-tree key index keeps it")
{
    using namespace test::store;
    auto const url = test::shared_postgres()->new_database();
    auto store = open_at(url);
    std::unique_ptr<PGconn, decltype(&PQfinish)> watcher(PQconnectdb(url.c_str()), &PQfinish);
    auto const sql = [&](char const* text) {
        detail_result r(PQexec(watcher.get(), text));
        auto const status = PQresultStatus(r.get());
        REQUIRE_MESSAGE((status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK), PQresultErrorMessage(r.get()));
        std::string out;
        for (int row = 0; row < PQntuples(r.get()); ++row)
            out += std::string(PQgetvalue(r.get(), row, 0)) + "\n";
        return out;
    };
    char const* const index_kind = "SELECT amname FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE relname = 'events_by_key'";
    CHECK(sql(index_kind) == "hash\n");
    // The key's lookup can go through it (the planner told not to read the table whole, which
    // it would for so few rows).
    CHECK(sql("SET enable_seqscan = off; EXPLAIN SELECT id FROM events WHERE message_key = 'k' AND channel IN ('sms', 'unknown')")
              .find("events_by_key") != std::string::npos);

    sql("DROP INDEX events_by_key; CREATE INDEX events_by_key ON events (message_key)");
    auto again = open_at(url); // a receiver opening a store made before the hash index
    CHECK(append(*again, {event_text("k", "SmsSent", 1), event_text("k", "SmsDelivered", 2)}) == std::vector<bool>{true, true});
    CHECK(sql(index_kind) == "btree\n");
    auto const k = current(*again, "k");
    REQUIRE(k);
    CHECK(k->decided.status == event_status::delivered);
    CHECK(k->events == 2);
}
