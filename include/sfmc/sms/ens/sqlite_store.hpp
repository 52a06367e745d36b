// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SQLITE_STORE_HPP
#define SFMC_SMS_ENS_SQLITE_STORE_HPP

// Opt-in: include this header yourself and link SQLite (SQLite::SQLite3, Debian's
// libsqlite3-dev) and OpenSSL's libcrypto (the events' digests). Neither <sfmc/sms.hpp> nor
// <sfmc/sms/ens.hpp> includes it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/detail/store_engine.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sfmc::sms::ens {

namespace detail {

// One prepared statement, reset and unbound before each use. Written by hand: SQLite's C
// API is the well-kept library here, and a dozen lines of RAII is all it needs.
class sqlite_statement {
public:
    sqlite_statement(sqlite3* db, char const* sql) { sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr); }
    sqlite_statement(sqlite_statement const&) = delete;
    sqlite_statement& operator=(sqlite_statement const&) = delete;
    ~sqlite_statement() { sqlite3_finalize(s_); }

    bool ready() const noexcept { return s_ != nullptr; }
    sqlite_statement& start()
    {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
        return *this;
    }
    // Text and blobs are bound without a copy: they must outlive the steps until the next start().
    sqlite_statement& bind(int i, std::string_view text)
    {
        sqlite3_bind_text(s_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        return *this;
    }
    sqlite_statement& bind_optional(int i, std::optional<std::string> const& text)
    {
        return text ? bind(i, std::string_view(*text)) : bind_null(i);
    }
    sqlite_statement& bind(int i, std::int64_t n)
    {
        sqlite3_bind_int64(s_, i, n);
        return *this;
    }
    sqlite_statement& bind_blob(int i, void const* data, std::size_t size)
    {
        sqlite3_bind_blob(s_, i, data, static_cast<int>(size), SQLITE_STATIC);
        return *this;
    }
    sqlite_statement& bind_null(int i)
    {
        sqlite3_bind_null(s_, i);
        return *this;
    }
    // SQLITE_ROW, SQLITE_DONE, or an error code.
    int step() { return sqlite3_step(s_); }

    std::optional<std::string> text(int i) const
    {
        if (sqlite3_column_type(s_, i) == SQLITE_NULL)
            return std::nullopt;
        auto const* p = reinterpret_cast<char const*>(sqlite3_column_text(s_, i));
        return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i)));
    }
    std::optional<std::int64_t> integer(int i) const
    {
        if (sqlite3_column_type(s_, i) == SQLITE_NULL)
            return std::nullopt;
        return sqlite3_column_int64(s_, i);
    }

private:
    sqlite3_stmt* s_ = nullptr;
};

// The events' columns, in the order every query selects them.
inline constexpr char const* sqlite_event_columns =
    "e.channel, e.status, e.event_category_type, e.message_key, e.timestamp_utc, e.\"to\", e.subscriber_key, "
    "e.definition_key, e.composite_id, e.status_code, e.status_message, e.event";

inline stored_event sqlite_event_at(sqlite_statement const& s, int first)
{
    stored_event e;
    auto const on = s.text(first).value_or("");
    e.on = on == "sms" ? channel::sms : on == "email" ? channel::email : channel::unknown;
    e.status = parse_event_status(s.text(first + 1).value_or("")).value_or(event_status::unknown);
    e.type = s.text(first + 2).value_or("");
    e.message_key = s.text(first + 3);
    if (auto const ms = s.integer(first + 4))
        e.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
    e.to = s.text(first + 5);
    e.subscriber_key = s.text(first + 6);
    e.definition_key = s.text(first + 7);
    e.composite_id = s.text(first + 8);
    if (auto const code = s.integer(first + 9))
        e.status_code = static_cast<int>(*code);
    e.status_message = s.text(first + 10);
    e.event = s.text(first + 11).value_or("");
    return e;
}

} // namespace detail

/** The status store in a SQLite file: WAL with `synchronous=FULL`, one transaction per
    `append`, durable when it returns; readers (the command) never block the writer.

    The schema (documented in the receiver's manual, for `sqlite3` users): one table,
    `events`, each event once (`digest`, its `timestampUTC` in 6 bytes then 16 bytes of
    SHA-256 over its canonical JSON text, is unique), its journal fields as columns, `event`
    as received (on one line), `received_at` (epoch ms, for the retention) and `key_day` (the
    UTC day it was received, `received_at / 86400000`); indexed by (`key_day`, `message_key`,
    `channel`) and by (`channel`, `status`, `timestamp_utc`, `message_key`).

    Why `key_day` leads the key's index: keys are random, so each new event's entry would go
    to a random page of an index as large as the whole retention, and every page a commit
    touches is written whole to the WAL: with 10 million events stored, a page read and a page
    written for each event. Led by the day, today's entries go to today's part of the index,
    small and in the cache. A key's lookup seeks once per day stored (the days found through
    the same index), a few dozen seeks for a retention of weeks; and `sqlite_stat1` says the
    day has few values, so that a user's own `WHERE message_key = ...` does the same
    (SQLite's skip-scan) instead of reading the table.

    A message's current status is not kept: it is decided when asked, from the message's
    events (a few rows, through the key's index) by @ref current_status. So every answer
    reflects every committed event, retention needs no repair, and an acknowledgement writes
    no random page of a per-message table (the cost that bounds a SQLite store's rate).
*/
class sqlite_store final : public status_store {
public:
    /// Opens the store at `path`: created with its schema when `create` (the receiver), else
    /// it must exist (the command never creates a store). Why not, when it cannot be opened.
    static std::variant<std::unique_ptr<sqlite_store>, std::string> open(std::string const& path, bool create)
    {
        sqlite3* db = nullptr;
        int const flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            std::string why = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            return "cannot open the store sqlite:" + path + ": " + why;
        }
        std::unique_ptr<sqlite_store> s(new sqlite_store(db));
        if (auto why = s->prepare(create); !why.empty())
            return "cannot use the store sqlite:" + path + ": " + why;
        return s;
    }

    sqlite_store(sqlite_store const&) = delete;
    sqlite_store& operator=(sqlite_store const&) = delete;
    ~sqlite_store() override
    {
        statements_.reset(); // finalized before the connection closes
        sqlite3_close(db_);
    }

    using status_store::append;

    append_outcome append(std::span<storable_event const> events, event_time received, before_commit const& hook) override
    {
        std::vector<bool> fresh(events.size(), false);
        if (!exec("BEGIN IMMEDIATE"))
            return failed("cannot begin");
        auto& ins = statements_->insert_event;
        std::int64_t const day = received.time_since_epoch().count() / 86'400'000;
        for (std::size_t i = 0; i < events.size(); ++i) {
            auto const& e = events[i].fields;
            ins.start().bind_blob(1, events[i].key.data(), events[i].key.size()).bind(2, received.time_since_epoch().count());
            ins.bind(3, to_string(e.status == event_status::unknown ? channel::unknown : e.on)).bind(4, to_string(e.status));
            ins.bind(5, e.type).bind_optional(6, e.message_key);
            e.timestamp_utc ? ins.bind(7, static_cast<std::int64_t>(e.timestamp_utc->time_since_epoch().count())) : ins.bind_null(7);
            ins.bind_optional(8, e.to).bind_optional(9, e.subscriber_key).bind_optional(10, e.definition_key);
            ins.bind_optional(11, e.composite_id);
            e.status_code ? ins.bind(12, static_cast<std::int64_t>(*e.status_code)) : ins.bind_null(12);
            ins.bind_optional(13, e.status_message).bind(14, std::string_view(events[i].text)).bind(15, day);
            if (ins.step() != SQLITE_DONE)
                return rollback("cannot store an event");
            fresh[i] = sqlite3_changes(db_) != 0; // no change: its key is there already, a redelivery
        }
        if (hook) {
            if (auto why = hook(fresh); !why.empty()) {
                exec("ROLLBACK");
                return why;
            }
        }
        if (!exec("COMMIT"))
            return rollback("cannot commit");
        return fresh;
    }

    std::variant<std::optional<message_state>, std::string> current(channel on, std::string const& key) override
    {
        return detail::current_state(on, key, decide(on, key));
    }

    std::variant<std::vector<stored_event>, std::string> history(channel on, std::string const& key) override
    {
        auto& s = statements_->history.start();
        s.bind(1, key).bind(2, to_string(on));
        std::vector<stored_event> out;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            out.push_back(detail::sqlite_event_at(s, 0));
        if (rc != SQLITE_DONE)
            return failed("cannot read a history");
        return out;
    }

    /// One ordered stream of candidates per status (the index gives each in order), merged;
    /// a candidate is listed when it is its message's current event.
    std::variant<std::vector<message_state>, std::string> list(list_filter const& filter) override
    {
        auto const statuses = detail::listed_statuses(filter);
        std::vector<message_state> out;
        // Events with a time first, in (time, key) order; those without one (never within a
        // --since or --until) after, by key.
        for (bool const timed : {true, false}) {
            if (!timed && (filter.since || filter.until))
                break;
            std::string sql = std::string("SELECT e.id, ") + detail::sqlite_event_columns +
                              " FROM events e WHERE e.channel = ?1 AND e.status = ?2 AND e.timestamp_utc " +
                              (timed ? "IS NOT NULL AND e.timestamp_utc >= ?3 AND e.timestamp_utc < ?4 "
                                       "ORDER BY e.timestamp_utc, e.message_key, e.id"
                                     : "IS NULL ORDER BY e.message_key, e.id");
            std::vector<candidates> streams;
            for (auto const status : statuses) {
                auto& s = *streams.emplace_back(candidates{std::make_unique<detail::sqlite_statement>(db_, sql.c_str()), this}).s;
                if (!s.ready())
                    return failed("cannot list");
                s.bind(1, to_string(filter.on)).bind(2, to_string(status));
                if (timed) {
                    s.bind(3, filter.since ? static_cast<std::int64_t>(filter.since->time_since_epoch().count()) : INT64_MIN);
                    s.bind(4, filter.until ? static_cast<std::int64_t>(filter.until->time_since_epoch().count()) : INT64_MAX);
                }
            }
            if (auto why = detail::merge_current(streams, filter.on, filter.limit,
                                                 [&](std::string const& key) { return decide(filter.on, key); }, out))
                return std::move(*why);
        }
        return out;
    }

    std::variant<std::size_t, std::string> expire(event_time before, std::size_t at_most) override
    {
        // Nothing to repair: a status is decided from the events that remain.
        auto& s = statements_->expire.start();
        s.bind(1, static_cast<std::int64_t>(before.time_since_epoch().count()));
        s.bind(2, static_cast<std::int64_t>(std::min<std::size_t>(at_most, INT64_MAX)));
        if (s.step() != SQLITE_DONE)
            return failed("cannot remove old events");
        return static_cast<std::size_t>(sqlite3_changes(db_));
    }

private:
    // The days stored, each found by one seek in the key's index (a skip-scan by hand, which
    // needs no statistics): the key's lookups seek once in each, INDEXED BY the key's index so
    // that no statistics (a user's ANALYZE of a small store, say) can make them read a channel.
    static constexpr char const* key_days =
        "WITH RECURSIVE days(day) AS (SELECT min(key_day) FROM events UNION ALL "
        "SELECT (SELECT min(key_day) FROM events WHERE key_day > days.day) FROM days WHERE days.day IS NOT NULL) ";

    struct statements {
        explicit statements(sqlite3* db)
            : insert_event(db, "INSERT INTO events (digest, received_at, channel, status, event_category_type, message_key, "
                               "timestamp_utc, \"to\", subscriber_key, definition_key, composite_id, status_code, "
                               "status_message, event, key_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                               "ON CONFLICT (digest) DO NOTHING"),
              history(db, (std::string(key_days) + "SELECT " + detail::sqlite_event_columns +
                           " FROM events e INDEXED BY events_by_key WHERE e.key_day IN (SELECT day FROM days) AND e.message_key = ?1 "
                           "AND e.channel IN (?2, 'unknown') "
                           "ORDER BY e.timestamp_utc IS NULL, e.timestamp_utc, e.id")
                              .c_str()),
              of_key(db, (std::string(key_days) + "SELECT e.id, " + detail::sqlite_event_columns +
                          " FROM events e INDEXED BY events_by_key WHERE e.key_day IN (SELECT day FROM days) AND e.message_key = ?1 "
                          "AND e.channel IN (?2, 'unknown')")
                             .c_str()),
              // The oldest rows by id, those received before the cutoff: ids follow the commits,
              // so received_at with them (a clock stepped back only keeps a row a little longer),
              // and no index on received_at is written by every acknowledgement.
              expire(db, "DELETE FROM events WHERE id IN (SELECT id FROM "
                         "(SELECT id, received_at FROM events ORDER BY id LIMIT ?2) WHERE received_at < ?1)")
        {
        }
        bool ready() const { return insert_event.ready() && history.ready() && of_key.ready() && expire.ready(); }
        detail::sqlite_statement insert_event, history, of_key, expire;
    };

    explicit sqlite_store(sqlite3* db) : db_(db) {}

    std::string prepare(bool create)
    {
        sqlite3_busy_timeout(db_, 5000); // a reader's checkpoint, another writer: wait, do not fail
        // 64 MiB of page cache rather than SQLite's 2 MiB: the index on random message keys
        // touches pages all over the file, each read again from the OS otherwise. And the WAL
        // copied back every 64 MiB rather than 4: a page written by many commits is copied once.
        if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL") || !exec("PRAGMA foreign_keys=OFF") ||
            !exec("PRAGMA cache_size=-65536") || !exec("PRAGMA wal_autocheckpoint=16384"))
            return sqlite3_errmsg(db_);
        if (create) {
            constexpr char const* schema =
                "CREATE TABLE IF NOT EXISTS events ("
                " id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, received_at INTEGER NOT NULL,"
                " channel TEXT NOT NULL, status TEXT NOT NULL, event_category_type TEXT NOT NULL,"
                " message_key TEXT, timestamp_utc INTEGER, \"to\" TEXT, subscriber_key TEXT, definition_key TEXT,"
                " composite_id TEXT, status_code INTEGER, status_message TEXT, event TEXT NOT NULL,"
                " key_day INTEGER NOT NULL DEFAULT 0);"
                "CREATE INDEX IF NOT EXISTS events_by_status ON events (channel, status, timestamp_utc, message_key);";
            if (!exec(schema))
                return sqlite3_errmsg(db_);
            if (auto why = index_keys_by_day(); !why.empty())
                return why;
        }
        statements_ = std::make_unique<statements>(db_);
        if (!statements_->ready())
            return create ? sqlite3_errmsg(db_) : why_not_a_store();
        return {};
    }

    bool exec(char const* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

    // Why a file the command opens is not a store it can read: an earlier receiver's store
    // (its events table, without key_day), or another file.
    std::string why_not_a_store()
    {
        detail::sqlite_statement earlier(db_, "SELECT count(*) = 3 FROM pragma_table_info('events') "
                                              "WHERE name IN ('digest', 'received_at', 'event')");
        if (earlier.ready() && earlier.step() == SQLITE_ROW && earlier.integer(0) == 1)
            return "made by an earlier sfmc-ens-receiver: a receiver brings it up to date when it opens it";
        return "not a status store (no schema)";
    }

    // The key's index, led by the day; a store made before it had one on (message_key,
    // channel) and no key_day: its rows get day 0, its index is made again (once, at start).
    // And the statistics that let a user's `WHERE message_key = ...` skip-scan it.
    std::string index_keys_by_day()
    {
        bool has_day = false;
        {
            detail::sqlite_statement columns(db_, "SELECT 1 FROM pragma_table_info('events') WHERE name = 'key_day'");
            has_day = columns.ready() && columns.step() == SQLITE_ROW;
        }
        bool const ok = exec("BEGIN IMMEDIATE") &&
                        (has_day || exec("ALTER TABLE events ADD COLUMN key_day INTEGER NOT NULL DEFAULT 0; "
                                         "DROP INDEX IF EXISTS events_by_key;")) &&
                        exec("CREATE INDEX IF NOT EXISTS events_by_key ON events (key_day, message_key, channel);"
                             // ANALYZE makes sqlite_stat1 (limited: it may read a large store)
                             "PRAGMA analysis_limit=100; ANALYZE events_by_key;"
                             "DELETE FROM sqlite_stat1 WHERE tbl = 'events';"
                             // A large store's shape, whatever this one holds now: 10 million rows,
                             // 300,000 a day, about one a key (a skip-scan pays); a few channels and
                             // statuses. Both indexes told, or SQLite guesses the one not told is
                             // the narrower (and reads a whole channel to find a key).
                             "INSERT INTO sqlite_stat1 VALUES ('events', 'events_by_key', '10000000 300000 1 1'),"
                             " ('events', 'events_by_status', '10000000 5000000 2000000 2 1');"
                             "COMMIT; ANALYZE sqlite_master"); // the statistics read again
        if (!ok) {
            std::string why = sqlite3_errmsg(db_);
            exec("ROLLBACK");
            return why;
        }
        return {};
    }

    std::string failed(char const* what) const { return std::string(what) + ": " + sqlite3_errmsg(db_); }

    std::string rollback(std::string why)
    {
        if (why.find(':') == std::string::npos)
            why += std::string(": ") + sqlite3_errmsg(db_);
        exec("ROLLBACK");
        return why;
    }

    // One of list's streams: a statement's rows as candidates.
    struct candidates {
        std::unique_ptr<detail::sqlite_statement> s;
        sqlite_store* store;
        std::variant<std::optional<detail::list_candidate>, std::string> next()
        {
            auto const rc = s->step();
            if (rc == SQLITE_DONE)
                return std::nullopt;
            if (rc != SQLITE_ROW)
                return store->failed("cannot list");
            auto e = detail::sqlite_event_at(*s, 1);
            auto const ms = e.timestamp_utc ? static_cast<std::int64_t>(e.timestamp_utc->time_since_epoch().count()) : 0;
            auto key = e.message_key.value_or("");
            return detail::list_candidate{ms, std::move(key), *s->integer(0), std::move(e)};
        }
    };

    // What decides (on, key), from its rows through the key's index.
    std::variant<detail::store_decision, std::string> decide(channel on, std::string const& key)
    {
        auto& s = statements_->of_key.start();
        s.bind(1, key).bind(2, to_string(on));
        detail::store_decision d(on);
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            d.add(*s.integer(0), detail::sqlite_event_at(s, 1));
        if (rc != SQLITE_DONE)
            return failed("cannot read a message's events");
        return d;
    }

    sqlite3* db_;
    std::unique_ptr<statements> statements_;
};

} // namespace sfmc::sms::ens

#endif
