// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SQLITE_STORE_HPP
#define SFMC_SMS_ENS_SQLITE_STORE_HPP

// Opt-in: include this header yourself and link SQLite (SQLite::SQLite3, Debian's
// libsqlite3-dev) and OpenSSL's libcrypto (the events' digests). Neither <sfmc/sms.hpp> nor
// <sfmc/sms/ens.hpp> includes it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/current_status.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <openssl/evp.h>
#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
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
    sqlite_statement& bind(int i, std::string_view text)
    {
        sqlite3_bind_text(s_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
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
        sqlite3_bind_blob(s_, i, data, static_cast<int>(size), SQLITE_TRANSIENT);
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

    The schema (documented in the receiver's manual, for `sqlite3` users):
    - `events`: each event once (`digest`, its `timestampUTC` in 6 bytes then 16 bytes of
      SHA-256 over its canonical JSON text, is unique), its journal fields as columns, `event` as received (on one line),
      `received_at` (epoch ms, for the retention); indexed by (`message_key`, `channel`) and
      by `received_at`.
    - `messages`: per (`channel`, `message_key`), the event that decides its current status
      (`event_id`) and the claim it won with (`status`, `timestamp_utc`; a tie on both is
      broken by the events' canonical texts),
      updated in the transaction that stored the event; indexed by (`channel`, `status`,
      `timestamp_utc`).
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

    append_outcome append(std::span<event const> events, event_time received, before_commit const& hook) override
    {
        std::vector<bool> fresh(events.size(), false);
        if (!exec("BEGIN IMMEDIATE"))
            return failed("cannot begin");
        auto& q = *statements_;
        for (std::size_t i = 0; i < events.size(); ++i) {
            auto const& e = events[i];
            auto const canonical = canonical_json(e.raw).value_or(std::string(e.raw));
            auto const d = digest_of(e.timestamp_utc, canonical);
            std::string line;
            append_compact_json(line, e.raw);
            auto& ins = q.insert_event.start();
            ins.bind_blob(1, d.data(), d.size()).bind(2, received.time_since_epoch().count());
            ins.bind(3, to_string(e.status == event_status::unknown ? channel::unknown : e.on)).bind(4, to_string(e.status));
            ins.bind(5, e.type).bind_optional(6, e.message_key);
            e.timestamp_utc ? ins.bind(7, static_cast<std::int64_t>(e.timestamp_utc->time_since_epoch().count())) : ins.bind_null(7);
            ins.bind_optional(8, e.to).bind_optional(9, e.subscriber_key).bind_optional(10, e.definition_key);
            ins.bind_optional(11, e.composite_id);
            e.status_code ? ins.bind(12, static_cast<std::int64_t>(*e.status_code)) : ins.bind_null(12);
            ins.bind_optional(13, e.status_message).bind(14, line);
            if (ins.step() != SQLITE_DONE)
                return rollback("cannot store an event");
            if (sqlite3_changes(db_) == 0)
                continue; // its digest is there already: a redelivery
            fresh[i] = true;
            if (!status_rank(e.status) || !e.message_key)
                continue; // never a current status
            if (auto why = consider(e.on, *e.message_key, sqlite3_last_insert_rowid(db_),
                                    status_claim{e.status, e.timestamp_utc, canonical});
                !why.empty())
                return rollback(why);
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
        auto& s = statements_->current.start();
        s.bind(1, to_string(on)).bind(2, key);
        auto const rc = s.step();
        if (rc == SQLITE_DONE)
            return std::optional<message_state>();
        if (rc != SQLITE_ROW)
            return failed("cannot read a status");
        message_state m{on, key, detail::sqlite_event_at(s, 0), 0};
        auto const n = count_of(on, key);
        if (!n)
            return failed("cannot count events");
        m.events = *n;
        return std::optional<message_state>(std::move(m));
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

    std::variant<std::vector<message_state>, std::string> list(list_filter const& filter) override
    {
        std::string sql = std::string("SELECT m.message_key, ") + detail::sqlite_event_columns +
                          " FROM messages m JOIN events e ON e.id = m.event_id WHERE m.channel = ?1";
        if (!filter.statuses.empty()) {
            sql += " AND m.status IN (";
            for (std::size_t i = 0; i < filter.statuses.size(); ++i)
                sql += (i ? ", '" : "'") + std::string(to_string(filter.statuses[i])) + "'";
            sql += ")";
        }
        if (filter.since)
            sql += " AND m.timestamp_utc >= ?2";
        if (filter.until)
            sql += " AND m.timestamp_utc < ?3";
        sql += " ORDER BY m.timestamp_utc IS NULL, m.timestamp_utc, m.message_key LIMIT ?4";
        detail::sqlite_statement s(db_, sql.c_str());
        if (!s.ready())
            return failed("cannot list");
        s.bind(1, to_string(filter.on));
        if (filter.since)
            s.bind(2, static_cast<std::int64_t>(filter.since->time_since_epoch().count()));
        if (filter.until)
            s.bind(3, static_cast<std::int64_t>(filter.until->time_since_epoch().count()));
        s.bind(4, static_cast<std::int64_t>(std::min<std::size_t>(filter.limit, INT64_MAX)));
        std::vector<message_state> out;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            out.push_back({filter.on, s.text(0).value_or(""), detail::sqlite_event_at(s, 1), 0});
        if (rc != SQLITE_DONE)
            return failed("cannot list");
        for (auto& m : out) {
            auto const n = count_of(m.on, m.message_key);
            if (!n)
                return failed("cannot count events");
            m.events = *n;
        }
        return out;
    }

    std::variant<std::size_t, std::string> expire(event_time before, std::size_t at_most) override
    {
        if (!exec("BEGIN IMMEDIATE"))
            return failed("cannot begin");
        auto& q = *statements_;
        auto& old = q.oldest.start();
        old.bind(1, static_cast<std::int64_t>(before.time_since_epoch().count()));
        old.bind(2, static_cast<std::int64_t>(std::min<std::size_t>(at_most, INT64_MAX)));
        std::vector<std::int64_t> ids;
        std::set<std::pair<std::string, std::string>> touched; // (channel, key) whose status may change
        int rc;
        while ((rc = old.step()) == SQLITE_ROW) {
            ids.push_back(*old.integer(0));
            if (auto key = old.text(2))
                touched.emplace(old.text(1).value_or(""), std::move(*key));
        }
        if (rc != SQLITE_DONE)
            return rollback("cannot find old events");
        for (auto id : ids)
            if (q.delete_event.start().bind(1, id).step() != SQLITE_DONE)
                return rollback("cannot remove an event");
        for (auto const& [on, key] : touched)
            if (auto why = recompute(on, key); !why.empty())
                return rollback(why);
        if (!exec("COMMIT"))
            return rollback("cannot commit");
        return ids.size();
    }

private:
    struct statements {
        explicit statements(sqlite3* db)
            : insert_event(db, "INSERT INTO events (digest, received_at, channel, status, event_category_type, message_key, "
                               "timestamp_utc, \"to\", subscriber_key, definition_key, composite_id, status_code, "
                               "status_message, event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                               "ON CONFLICT (digest) DO NOTHING"),
              claim(db, "SELECT status, timestamp_utc, event_id FROM messages WHERE channel = ?1 AND message_key = ?2"),
              event_text(db, "SELECT event FROM events WHERE id = ?1"),
              set_status(db, "INSERT INTO messages (channel, message_key, event_id, status, timestamp_utc) VALUES (?1, ?2, ?3, ?4, ?5) "
                             "ON CONFLICT (channel, message_key) DO UPDATE SET event_id = excluded.event_id, "
                             "status = excluded.status, timestamp_utc = excluded.timestamp_utc"),
              drop_status(db, "DELETE FROM messages WHERE channel = ?1 AND message_key = ?2"),
              current(db, (std::string("SELECT ") + detail::sqlite_event_columns +
                           " FROM messages m JOIN events e ON e.id = m.event_id WHERE m.channel = ?1 AND m.message_key = ?2")
                              .c_str()),
              count(db, "SELECT count(*) FROM events WHERE message_key = ?1 AND channel IN (?2, 'unknown')"),
              history(db, (std::string("SELECT ") + detail::sqlite_event_columns +
                           " FROM events e WHERE e.message_key = ?1 AND e.channel IN (?2, 'unknown') "
                           "ORDER BY e.timestamp_utc IS NULL, e.timestamp_utc, e.id")
                              .c_str()),
              of_key(db, "SELECT id, status, timestamp_utc, event FROM events WHERE message_key = ?1 AND channel = ?2"),
              oldest(db, "SELECT id, channel, message_key FROM events WHERE received_at < ?1 ORDER BY received_at LIMIT ?2"),
              delete_event(db, "DELETE FROM events WHERE id = ?1")
        {
        }
        bool ready() const
        {
            for (auto const* s : {&insert_event, &claim, &event_text, &set_status, &drop_status, &current, &count, &history, &of_key, &oldest,
                                  &delete_event})
                if (!s->ready())
                    return false;
            return true;
        }
        detail::sqlite_statement insert_event, claim, event_text, set_status, drop_status, current, count, history, of_key, oldest,
            delete_event;
    };

    explicit sqlite_store(sqlite3* db) : db_(db) {}

    std::string prepare(bool create)
    {
        sqlite3_busy_timeout(db_, 5000); // a reader's checkpoint, another writer: wait, do not fail
        // 64 MiB of page cache rather than SQLite's 2 MiB: the indexes on random message keys
        // and digests touch pages all over the file, each read again from the OS otherwise.
        if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL") || !exec("PRAGMA foreign_keys=OFF") ||
            !exec("PRAGMA cache_size=-65536"))
            return sqlite3_errmsg(db_);
        if (create) {
            constexpr char const* schema =
                "CREATE TABLE IF NOT EXISTS events ("
                " id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, received_at INTEGER NOT NULL,"
                " channel TEXT NOT NULL, status TEXT NOT NULL, event_category_type TEXT NOT NULL,"
                " message_key TEXT, timestamp_utc INTEGER, \"to\" TEXT, subscriber_key TEXT, definition_key TEXT,"
                " composite_id TEXT, status_code INTEGER, status_message TEXT, event TEXT NOT NULL);"
                "CREATE INDEX IF NOT EXISTS events_by_key ON events (message_key, channel);"
                "CREATE INDEX IF NOT EXISTS events_by_received ON events (received_at);"
                "CREATE TABLE IF NOT EXISTS messages ("
                " channel TEXT NOT NULL, message_key TEXT NOT NULL, event_id INTEGER NOT NULL,"
                " status TEXT NOT NULL, timestamp_utc INTEGER,"
                " PRIMARY KEY (channel, message_key)) WITHOUT ROWID;"
                "CREATE INDEX IF NOT EXISTS messages_by_status ON messages (channel, status, timestamp_utc);";
            if (!exec(schema))
                return sqlite3_errmsg(db_);
        }
        statements_ = std::make_unique<statements>(db_);
        if (!statements_->ready())
            return create ? sqlite3_errmsg(db_) : std::string("not a status store (no schema)");
        return {};
    }

    bool exec(char const* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

    std::string failed(char const* what) const { return std::string(what) + ": " + sqlite3_errmsg(db_); }

    std::string rollback(std::string why)
    {
        if (why.find(':') == std::string::npos)
            why += std::string(": ") + sqlite3_errmsg(db_);
        exec("ROLLBACK");
        return why;
    }

    // The event's timestampUTC (48 bits, big-endian; 0 without one), then 16 bytes of SHA-256
    // over its canonical text. Equal events have equal times, so the time changes nothing in
    // what is a duplicate; but new events' digests sort near one another, at the unique
    // index's right edge, instead of each dirtying a random page of it.
    static std::array<unsigned char, 22> digest_of(std::optional<event_time> at, std::string const& canonical)
    {
        std::array<unsigned char, 22> d{};
        auto const ms = at ? static_cast<std::uint64_t>(at->time_since_epoch().count()) : 0;
        for (int i = 0; i < 6; ++i)
            d[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
        unsigned char full[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        EVP_Digest(canonical.data(), canonical.size(), full, &size, EVP_sha256(), nullptr);
        std::copy_n(full, 16, d.begin() + 6);
        return d;
    }

    // Within the transaction: `claim`, of event `id`, becomes (on, key)'s status if it outranks the one there.
    std::string consider(channel on, std::string const& key, std::int64_t id, status_claim const& claim)
    {
        auto& q = *statements_;
        auto& was = q.claim.start();
        was.bind(1, to_string(on)).bind(2, key);
        auto const rc = was.step();
        if (rc == SQLITE_ROW) {
            status_claim there{parse_event_status(was.text(0).value_or("")).value_or(event_status::unknown), std::nullopt, {}};
            if (auto const ms = was.integer(1))
                there.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
            // Tied on rank and time (rare): the canonical text decides, computed from the event
            // there rather than kept in every message's row.
            if (status_rank(there.status) == status_rank(claim.status) && there.timestamp_utc == claim.timestamp_utc) {
                auto& ev = q.event_text.start();
                ev.bind(1, *was.integer(2));
                if (ev.step() != SQLITE_ROW)
                    return "cannot read an event";
                there.canonical = canonical_json(ev.text(0).value_or("")).value_or("");
            }
            if (!outranks(claim, there))
                return {};
        } else if (rc != SQLITE_DONE) {
            return "cannot read a status";
        }
        return set(on, key, id, claim);
    }

    std::string set(channel on, std::string const& key, std::int64_t id, status_claim const& claim)
    {
        auto& s = statements_->set_status.start();
        s.bind(1, to_string(on)).bind(2, key).bind(3, id).bind(4, to_string(claim.status));
        claim.timestamp_utc ? s.bind(5, static_cast<std::int64_t>(claim.timestamp_utc->time_since_epoch().count())) : s.bind_null(5);
        return s.step() == SQLITE_DONE ? std::string() : std::string("cannot write a status");
    }

    // Within the transaction: (on, key)'s status from its remaining events, or none.
    std::string recompute(std::string const& on_text, std::string const& key)
    {
        auto const on = on_text == "sms" ? channel::sms : on_text == "email" ? channel::email : channel::unknown;
        if (on == channel::unknown)
            return {};
        auto& s = statements_->of_key.start();
        s.bind(1, key).bind(2, on_text);
        std::optional<std::pair<std::int64_t, status_claim>> best;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW) {
            auto const status = parse_event_status(s.text(1).value_or("")).value_or(event_status::unknown);
            if (!status_rank(status))
                continue;
            status_claim c{status, std::nullopt, canonical_json(s.text(3).value_or("")).value_or("")};
            if (auto const ms = s.integer(2))
                c.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
            if (!best || outranks(c, best->second))
                best.emplace(*s.integer(0), std::move(c));
        }
        if (rc != SQLITE_DONE)
            return "cannot read events";
        if (!best)
            return statements_->drop_status.start().bind(1, on_text).bind(2, key).step() == SQLITE_DONE
                       ? std::string()
                       : std::string("cannot remove a status");
        return set(on, key, best->first, best->second);
    }

    std::optional<std::size_t> count_of(channel on, std::string const& key)
    {
        auto& s = statements_->count.start();
        s.bind(1, key).bind(2, to_string(on));
        if (s.step() != SQLITE_ROW)
            return std::nullopt;
        return static_cast<std::size_t>(s.integer(0).value_or(0));
    }

    sqlite3* db_;
    std::unique_ptr<statements> statements_;
};

} // namespace sfmc::sms::ens

#endif
