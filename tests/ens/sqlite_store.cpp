#include <sfmc/sms/ens/sqlite_store.hpp>

#include <doctest/doctest.h>

#include "support/store_conformance.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <unistd.h>

namespace {

// A store in a folder of its own, removed with it.
struct sqlite_engine {
    std::string dir;
    sqlite_engine()
    {
        char t[] = "/tmp/sfmc-store-test-XXXXXX";
        if (!mkdtemp(t))
            std::abort();
        dir = t;
    }
    sqlite_engine(sqlite_engine const&) = delete;
    sqlite_engine& operator=(sqlite_engine const&) = delete;
    ~sqlite_engine() { std::system(("rm -rf " + dir).c_str()); }

    std::unique_ptr<sfmc::sms::ens::status_store> open()
    {
        auto opened = sfmc::sms::ens::sqlite_store::open(dir + "/store.db", true);
        if (auto const* why = std::get_if<std::string>(&opened))
            FAIL(*why);
        return std::move(std::get<0>(opened));
    }
    bool refuses_a_missing_store()
    {
        return std::holds_alternative<std::string>(sfmc::sms::ens::sqlite_store::open(dir + "/missing.db", false));
    }
};

} // namespace

TEST_CASE_TEMPLATE_INVOKE(store_conformance_once, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_history, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_list, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_retention, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_property, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_hostile, sqlite_engine);

namespace {

// Runs `sql` on the store's file through SQLite itself, as a user's sqlite3 would: column
// `column` of each row, joined by newlines.
std::string query(std::string const& path, std::string const& sql, int column = 0)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    struct rows {
        int column;
        std::string text;
    } out{column, {}};
    char* error = nullptr;
    auto const rc = sqlite3_exec(
        db, sql.c_str(),
        [](void* to, int columns, char** values, char**) {
            auto& r = *static_cast<rows*>(to);
            auto const* v = r.column < columns ? values[r.column] : nullptr;
            if (!r.text.empty())
                r.text += '\n';
            r.text += v ? v : "NULL";
            return 0;
        },
        &out, &error);
    std::string const why = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE_MESSAGE(rc == SQLITE_OK, why);
    return out.text;
}

constexpr long long day_ms = 86'400'000;

} // namespace

TEST_CASE("sqlite store: the key's index is led by the day received, and a key's events of every day are found")
{
    using namespace test::store;
    sqlite_engine engine;
    auto const path = engine.dir + "/store.db";
    {
        auto store = engine.open();
        CHECK(append(*store, {event_text("k", "SmsSent", 10), event_text("other", "SmsSent", 11)}, 5 * day_ms + 1) ==
              std::vector<bool>{true, true});
        CHECK(append(*store, {event_text("k", "SmsTransient", 20)}, 12 * day_ms + 2) == std::vector<bool>{true});
        CHECK(append(*store, {event_text("k", "SmsDelivered", 30)}, 40 * day_ms + 3) == std::vector<bool>{true});
        // today's entries land together at one end of the index, not among all the others
        CHECK(query(path, "SELECT name FROM pragma_index_info('events_by_key') ORDER BY seqno") == "key_day\nmessage_key\nchannel");
        CHECK(query(path, "SELECT key_day FROM events WHERE message_key = 'k' ORDER BY id") == "5\n12\n40");
        auto const k = current(*store, "k");
        REQUIRE(k.has_value());
        CHECK(k->decided.status == event_status::delivered);
        CHECK(k->events == 3);
        auto const history = store->history(channel::sms, "k");
        REQUIRE(std::holds_alternative<std::vector<stored_event>>(history));
        CHECK(std::get<0>(history).size() == 3);
    }
    // A user's own query by key seeks the key's index (skip-scan) rather than reading the
    // table, or a whole channel through the status's index.
    for (std::string const where : {"message_key = 'k'", "message_key = 'k' AND channel IN ('sms', 'unknown')"}) {
        CAPTURE(where);
        auto const plan = query(path, "EXPLAIN QUERY PLAN SELECT * FROM events WHERE " + where, 3);
        CHECK(plan.find("USING INDEX events_by_key (ANY(key_day) AND message_key=?") != std::string::npos);
        CHECK(plan.find("SCAN") == std::string::npos);
        CHECK(query(path, "SELECT count(*) FROM events WHERE " + where) == "3");
    }
    // and a list by status seeks the status's index
    auto const listed = query(path, "EXPLAIN QUERY PLAN SELECT * FROM events WHERE channel = 'sms' AND status = 'delivered' "
                                    "AND timestamp_utc >= 5 ORDER BY timestamp_utc LIMIT 10", 3);
    CHECK(listed.find("USING INDEX events_by_status (channel=? AND status=? AND timestamp_utc>?)") != std::string::npos);
}

TEST_CASE("sqlite store: a store made before the day led the key's index is made over when the receiver opens it")
{
    using namespace test::store;
    sqlite_engine engine;
    auto const path = engine.dir + "/store.db";
    {
        auto store = engine.open();
        CHECK(append(*store, {event_text("old", "SmsDelivered", 10)}, 3 * day_ms) == std::vector<bool>{true});
    }
    // The schema as it was: no key_day, the key's index on (message_key, channel).
    query(path, "DROP INDEX events_by_key; ALTER TABLE events DROP COLUMN key_day; "
                "CREATE INDEX events_by_key ON events (message_key, channel); SELECT 1");
    auto const refused = sfmc::sms::ens::sqlite_store::open(path, false); // the command: not yet
    REQUIRE(std::holds_alternative<std::string>(refused));
    CHECK(std::get<std::string>(refused).find("earlier sfmc-ens-receiver") != std::string::npos);
    auto store = engine.open();
    CHECK(query(path, "SELECT name FROM pragma_index_info('events_by_key') ORDER BY seqno") == "key_day\nmessage_key\nchannel");
    auto const old = current(*store, "old");
    REQUIRE(old.has_value());
    CHECK(old->decided.status == event_status::delivered);
    CHECK(append(*store, {event_text("old", "SmsSent", 5), event_text("old", "SmsDelivered", 10)}, 9 * day_ms) ==
          std::vector<bool>{true, false}); // the old event is still a duplicate
    CHECK(current(*store, "old")->events == 2);
    CHECK(std::holds_alternative<std::unique_ptr<sfmc::sms::ens::sqlite_store>>(sfmc::sms::ens::sqlite_store::open(path, false)));
}

TEST_CASE("sqlite store: another program's file with a table named events is not called an earlier receiver's store")
{
    sqlite_engine engine;
    auto const path = engine.dir + "/other.db";
    query(path, "CREATE TABLE events (id INTEGER PRIMARY KEY, message_key TEXT, channel TEXT); SELECT 1");
    auto const refused = sfmc::sms::ens::sqlite_store::open(path, false);
    REQUIRE(std::holds_alternative<std::string>(refused));
    CHECK(std::get<std::string>(refused).ends_with(": not a status store (no schema)"));
    CHECK(std::get<std::string>(refused).find("earlier") == std::string::npos);
}
