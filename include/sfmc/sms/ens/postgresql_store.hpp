// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_POSTGRESQL_STORE_HPP
#define SFMC_SMS_ENS_POSTGRESQL_STORE_HPP

// Opt-in: include this header yourself and link libpq (PostgreSQL::PostgreSQL, Debian's
// libpq-dev) and OpenSSL's libcrypto (the events' digests). Neither <sfmc/sms.hpp> nor
// <sfmc/sms/ens.hpp> includes it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/redact.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/detail/store_engine.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sfmc::sms::ens {

namespace detail {

struct pg_result_free {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using pg_result = std::unique_ptr<PGresult, pg_result_free>;

// A one-dimensional array parameter in PostgreSQL's binary form (array_recv's): no text for
// the server to parse or for us to escape. Written by hand: libpq passes parameters as bytes
// and has no array builder. The format: dimensions (1), a has-null flag, the element type's
// OID, the length and lower bound (1); then each element as its length (-1: NULL) and bytes,
// every integer big-endian.
class pg_array {
public:
    enum element : std::uint32_t { bytea = 17, int8 = 20, int4 = 23, text = 25 };

    explicit pg_array(element type) : type_(type) { bytes_.resize(20); }

    /// Room for `elements` more elements of `bytes` bytes in all: one allocation for a batch.
    void reserve(std::size_t elements, std::size_t bytes) { bytes_.reserve(bytes_.size() + 4 * elements + bytes); }

    void add(std::string_view value)
    {
        auto const start = bytes_.size();
        put(0);
        // PostgreSQL's text holds no U+0000: U+FFFD in the columns; `event` keeps it escaped.
        for (auto nul = type_ == text ? value.find('\0') : value.npos; nul != value.npos; nul = value.find('\0')) {
            bytes_.append(value.substr(0, nul)).append("\xEF\xBF\xBD");
            value.remove_prefix(nul + 1);
        }
        bytes_.append(value);
        set(start, static_cast<std::uint32_t>(bytes_.size() - start - 4));
        ++count_;
    }
    void add(std::optional<std::string> const& value) { value ? add(std::string_view(*value)) : add_null(); }
    void add(std::optional<std::int64_t> n)
    {
        if (!n)
            return add_null();
        auto const v = static_cast<std::uint64_t>(*n);
        if (type_ == int8) {
            put(8);
            put(static_cast<std::uint32_t>(v >> 32));
            put(static_cast<std::uint32_t>(v));
        } else {
            put(4);
            put(static_cast<std::uint32_t>(v));
        }
        ++count_;
    }
    void add_null()
    {
        put(0xFFFFFFFF);
        has_null_ = true;
        ++count_;
    }

    // The parameter, header written: its bytes and length stay valid until the next add.
    char const* data()
    {
        set(0, 1);
        set(4, has_null_ ? 1 : 0);
        set(8, type_);
        set(12, count_);
        set(16, 1);
        return bytes_.data();
    }
    int size() const noexcept { return static_cast<int>(bytes_.size()); }

private:
    void put(std::uint32_t v)
    {
        bytes_.resize(bytes_.size() + 4);
        set(bytes_.size() - 4, v);
    }
    void set(std::size_t at, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            bytes_[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (24 - 8 * i));
    }

    element type_;
    std::string bytes_;
    std::uint32_t count_ = 0;
    bool has_null_ = false;
};

inline std::optional<std::int64_t> pg_integer(PGresult const* r, int row, int column)
{
    if (PQgetisnull(r, row, column))
        return std::nullopt;
    char const* p = PQgetvalue(r, row, column);
    std::int64_t n = 0;
    auto const end = p + PQgetlength(r, row, column);
    if (std::from_chars(p, end, n).ptr != end)
        return std::nullopt;
    return n;
}

inline std::optional<std::string> pg_text(PGresult const* r, int row, int column)
{
    if (PQgetisnull(r, row, column))
        return std::nullopt;
    return std::string(PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column)));
}

// The events' columns, in the order every query selects them (after the row's id).
inline constexpr char const* pg_event_columns =
    "e.channel, e.status, e.event_category_type, e.message_key, "
    "e.timestamp_utc, e.\"to\", e.subscriber_key, "
    "e.definition_key, e.composite_id, e.status_code, e.status_message, e.event";

inline stored_event pg_event_at(PGresult const* r, int row, int first)
{
    stored_event e;
    auto const on = pg_text(r, row, first).value_or("");
    e.on = on == "sms" ? channel::sms : on == "email" ? channel::email : channel::unknown;
    e.status = parse_event_status(pg_text(r, row, first + 1).value_or("")).value_or(event_status::unknown);
    e.type = pg_text(r, row, first + 2).value_or("");
    e.message_key = pg_text(r, row, first + 3);
    if (auto const ms = pg_integer(r, row, first + 4))
        e.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
    e.to = pg_text(r, row, first + 5);
    e.subscriber_key = pg_text(r, row, first + 6);
    e.definition_key = pg_text(r, row, first + 7);
    e.composite_id = pg_text(r, row, first + 8);
    if (auto const code = pg_integer(r, row, first + 9))
        e.status_code = static_cast<int>(*code);
    e.status_message = pg_text(r, row, first + 10);
    e.event = pg_text(r, row, first + 11).value_or("");
    return e;
}

// `url` as it may be shown: its password (in the user part or as `?password=`) as `***`.
// Boost.URL reads it; a URL it cannot read (libpq also takes several hosts) is not shown.
inline std::string pg_url_shown(std::string_view url)
{
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed)
        return "postgresql://(a URL not shown)";
    boost::urls::url u = *parsed;
    if (u.has_password())
        u.set_password("***");
    for (auto p : u.params())
        if (p.key == "password")
            u.params().set("password", "***");
    return std::string(u.buffer());
}

} // namespace detail

/** The status store in PostgreSQL, shared by any number of receivers on any number of
    machines: each `append` one transaction, durable when it returns (the commit returned);
    events inserted once whoever races (those not yet stored are inserted; one that meets
    another transaction's uncommitted copy, a unique violation, is tried again with
    `ON CONFLICT (digest) DO NOTHING`); readers never block writers.

    The schema, created when missing (under an advisory lock, so that receivers starting at once
    do not race), is the SQLite engine's in PostgreSQL's types: one table, `events`, `digest
    bytea` unique (the event's `timestampUTC` in 6 bytes, then the first 16 bytes of SHA-256 of
    its canonical JSON text), `received_at timestamptz`, the journal's fields as columns
    (`timestamp_utc bigint`, epoch milliseconds as ENS sends them: any JSON integer, which
    timestamptz's range would refuse for seven days), `event text` (the event as received, on
    one line; text rather than jsonb, which refuses `\u0000` in a string that JSON and ENS
    allow: an event that jsonb refused would be refused for seven days; cast it, `event::jsonb`,
    to query it), `message_key` compared as bytes (`COLLATE "C"`, as in SQLite and the
    contract's order); indexed by `message_key` and by (`channel`, `status`, `timestamp_utc`),
    no wider than their lookups need, since every event writes both. The key's index is a hash
    index: a key is only ever looked up by equality, and a new entry costs no descent among
    random keys (a row inserted 16 % faster than with a B-tree, 10 million stored; at the cost
    of an index 2.4 times the size of the B-tree's, which packs a key's three or so events into
    one entry: docs/performance.md). A store made earlier keeps the indexes it was made with,
    which serve the same queries: rebuilding an index of a shared table as a receiver starts
    would stall every receiver. As in SQLite, a message's current status is decided when asked,
    from its events: receivers on many machines never contend for a per-message row.

    A connection that breaks is made again by the next call, after a backoff (100 ms,
    doubling, at most 2 s); until then calls fail at once with the reason. Messages never
    hold the password.
*/
class postgresql_store final : public status_store {
public:
    /// Connects to the libpq URI `url`: the schema created when missing when `create` (the
    /// receiver), else it must exist (the command never creates a store). Why not, when
    /// it cannot connect.
    static std::variant<std::unique_ptr<postgresql_store>, std::string> open(std::string const& url, bool create)
    {
        std::unique_ptr<postgresql_store> s(new postgresql_store(url, create));
        if (auto why = s->connect())
            return std::move(*why);
        return s;
    }

    postgresql_store(postgresql_store const&) = delete;
    postgresql_store& operator=(postgresql_store const&) = delete;
    ~postgresql_store() override { PQfinish(conn_); }

    /// The URL with its password as `***`, for messages.
    std::string const& url_shown() const noexcept { return shown_; }

    using status_store::append;

    append_outcome append(std::span<storable_event const> events, event_time received, before_commit const& hook) override
    {
        if (auto why = usable())
            return std::move(*why);
        // Rows in key order: receivers inserting the same events take their locks in one
        // order (no deadlock), and new keys go to the unique index's right edge together.
        std::vector<std::size_t> order(events.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return events[a].key < events[b].key; });
        using column = detail::pg_array;
        std::array<column, 13> columns{column(column::bytea), column(column::text), column(column::text),
                                       column(column::text), column(column::text), column(column::int8),
                                       column(column::text), column(column::text), column(column::text),
                                       column(column::text), column(column::int4), column(column::text),
                                       column(column::text)};
        std::size_t text_bytes = 0;
        for (auto const& e : events)
            text_bytes += e.text.size();
        columns[0].reserve(events.size(), events.size() * std::tuple_size_v<store_key>);
        columns[12].reserve(events.size(), text_bytes);
        std::optional<store_key> previous;
        for (auto const i : order) {
            // An event twice in the batch is sent once: its second row would fail the plain insert.
            if (previous && *previous == events[i].key)
                continue;
            previous = events[i].key;
            auto const& e = events[i].fields;
            columns[0].add(std::string_view(reinterpret_cast<char const*>(events[i].key.data()), events[i].key.size()));
            columns[1].add(to_string(e.status == event_status::unknown ? channel::unknown : e.on));
            columns[2].add(to_string(e.status));
            columns[3].add(std::string_view(e.type));
            columns[4].add(e.message_key);
            columns[5].add(e.timestamp_utc ? std::optional<std::int64_t>(e.timestamp_utc->time_since_epoch().count()) : std::nullopt);
            columns[6].add(e.to);
            columns[7].add(e.subscriber_key);
            columns[8].add(e.definition_key);
            columns[9].add(e.composite_id);
            columns[10].add(e.status_code ? std::optional<std::int64_t>(*e.status_code) : std::nullopt);
            columns[11].add(e.status_message);
            columns[12].add(std::string_view(events[i].text));
        }
        auto const at = std::to_string(received.time_since_epoch().count());
        std::array<char const*, 14> values{at.c_str()};
        std::array<int, 14> lengths{0}, formats{0}; // $1 as text, the arrays binary
        for (std::size_t c = 0; c < columns.size(); ++c) {
            values[c + 1] = columns[c].data();
            lengths[c + 1] = columns[c].size();
            formats[c + 1] = 1;
        }
        // Without a hook the INSERT is its own transaction: one round trip, committed when it returns.
        if (hook && !exec("BEGIN"))
            return failed("cannot begin");
        // A plain insert of the events not yet stored costs the server less than ON CONFLICT's
        // speculative insertion (a lock, a check and a confirmation record a row: 92,000
        // against 86,000 events/s, docs/performance.md). Racing another receiver's copy, it
        // fails as a whole (23505), and ON CONFLICT then settles it.
        detail::pg_result r(PQexecPrepared(conn_, "sfmc_insert_new", static_cast<int>(values.size()), values.data(), lengths.data(),
                                           formats.data(), /*binary result*/ 1));
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
            char const* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
            if (!state || std::string_view(state) != "23505")
                return rollback(hook != nullptr, "cannot store the events");
            if (hook && (!exec("ROLLBACK") || !exec("BEGIN")))
                return failed("cannot begin");
            r.reset(PQexecPrepared(conn_, "sfmc_insert", static_cast<int>(values.size()), values.data(), lengths.data(),
                                   formats.data(), /*binary result*/ 1));
            if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
                return rollback(hook != nullptr, "cannot store the events");
        }
        // The digests inserted: the first event of each is new, any other a duplicate.
        std::vector<store_key> inserted;
        for (int row = 0; row < PQntuples(r.get()); ++row) {
            auto& d = inserted.emplace_back();
            if (PQgetlength(r.get(), row, 0) == static_cast<int>(d.size()))
                std::copy_n(reinterpret_cast<unsigned char const*>(PQgetvalue(r.get(), row, 0)), d.size(), d.begin());
        }
        std::sort(inserted.begin(), inserted.end());
        std::vector<bool> fresh(events.size(), false), taken(inserted.size(), false);
        for (std::size_t i = 0; i < events.size(); ++i) {
            auto const found = std::lower_bound(inserted.begin(), inserted.end(), events[i].key);
            auto const at = static_cast<std::size_t>(found - inserted.begin());
            if (found != inserted.end() && *found == events[i].key && !taken[at])
                fresh[i] = taken[at] = true; // a later copy in the batch is a duplicate
        }
        if (hook) {
            if (auto why = hook(fresh); !why.empty()) {
                exec("ROLLBACK");
                return why;
            }
            if (!exec("COMMIT"))
                return failed("cannot commit");
        }
        return fresh;
    }

    std::variant<std::optional<message_state>, std::string> current(channel on, std::string const& key) override
    {
        if (auto why = usable())
            return std::move(*why);
        return detail::current_state(on, key, decide(on, key));
    }

    std::variant<std::vector<stored_event>, std::string> history(channel on, std::string const& key) override
    {
        if (auto why = usable())
            return std::move(*why);
        auto const r = of_key("sfmc_history", on, key);
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
            return failed("cannot read a history");
        std::vector<stored_event> out;
        for (int row = 0; row < PQntuples(r.get()); ++row)
            out.push_back(detail::pg_event_at(r.get(), row, 1));
        return out;
    }

    /// One cursor per status (the status index gives each in order), merged, all in one
    /// snapshot (REPEATABLE READ): a candidate is listed when it is its message's current event.
    std::variant<std::vector<message_state>, std::string> list(list_filter const& filter) override
    {
        if (auto why = usable())
            return std::move(*why);
        if (!exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            return failed("cannot list");
        auto const statuses = detail::listed_statuses(filter);
        std::vector<message_state> out;
        for (bool const timed : {true, false}) {
            if (!timed && (filter.since || filter.until))
                break;
            std::vector<cursor> streams;
            for (auto const status : statuses) {
                auto const name = "sfmc_list_" + std::to_string(streams.size()) + (timed ? "t" : "u");
                std::string sql = "DECLARE " + name + " NO SCROLL CURSOR FOR SELECT e.id, " + detail::pg_event_columns +
                                  " FROM events e WHERE e.channel = $1 AND e.status = $2 AND e.timestamp_utc " +
                                  (timed ? "IS NOT NULL AND e.timestamp_utc >= $3 AND e.timestamp_utc < $4 "
                                                 "ORDER BY e.timestamp_utc, e.message_key, e.id"
                                         : "IS NULL ORDER BY e.message_key, e.id");
                auto const since = std::to_string(filter.since ? filter.since->time_since_epoch().count() : INT64_MIN);
                auto const until = std::to_string(filter.until ? filter.until->time_since_epoch().count() : INT64_MAX);
                std::array<char const*, 4> values{to_string(filter.on).data(), to_string(status).data(), since.c_str(), until.c_str()};
                detail::pg_result r(
                    PQexecParams(conn_, sql.c_str(), timed ? 4 : 2, nullptr, values.data(), nullptr, nullptr, 0));
                if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
                    return rollback(true, "cannot list");
                streams.push_back(cursor{name, this, {}, 0});
            }
            if (auto why = detail::merge_current(streams, filter.on, filter.limit,
                                                 [&](std::string const& key) { return decide(filter.on, key); }, out)) {
                exec("ROLLBACK");
                return std::move(*why);
            }
        }
        exec("COMMIT");
        return out;
    }

    std::variant<std::size_t, std::string> expire(event_time before, std::size_t at_most) override
    {
        if (auto why = usable())
            return std::move(*why);
        auto const cutoff = std::to_string(before.time_since_epoch().count());
        auto const n = std::to_string(std::min<std::size_t>(at_most, INT64_MAX));
        std::array<char const*, 2> values{cutoff.c_str(), n.c_str()};
        detail::pg_result r(PQexecPrepared(conn_, "sfmc_expire", 2, values.data(), nullptr, nullptr, 0));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            return failed("cannot remove old events");
        return static_cast<std::size_t>(std::strtoull(PQcmdTuples(r.get()), nullptr, 10));
    }

private:
    // One of list's streams: a cursor's rows, fetched a page at a time.
    struct cursor {
        std::string name;
        postgresql_store* store;
        detail::pg_result page;
        int at;
        std::variant<std::optional<detail::list_candidate>, std::string> next()
        {
            if (!page || at == PQntuples(page.get())) {
                page.reset(PQexec(store->conn_, ("FETCH 256 FROM " + name).c_str()));
                at = 0;
                if (PQresultStatus(page.get()) != PGRES_TUPLES_OK)
                    return store->failed("cannot list");
                if (PQntuples(page.get()) == 0)
                    return std::nullopt;
            }
            auto e = detail::pg_event_at(page.get(), at, 1);
            auto const ms = e.timestamp_utc ? static_cast<std::int64_t>(e.timestamp_utc->time_since_epoch().count()) : 0;
            auto key = e.message_key.value_or("");
            auto const row = detail::pg_integer(page.get(), at++, 0).value_or(0);
            return detail::list_candidate{ms, std::move(key), row, std::move(e)};
        }
    };

    postgresql_store(std::string url, bool create) : url_(std::move(url)), shown_(detail::pg_url_shown(url_)), create_(create)
    {
        // The password as given and as libpq reads it (percent-decoded): neither is ever shown.
        if (auto parsed = boost::urls::parse_uri(url_); parsed && parsed->has_password()) {
            secrets_.emplace_back(parsed->encoded_password());
            secrets_.push_back(parsed->password());
        }
        // And every piece of a user part that is not a URL's (a password written unescaped,
        // `:` or `@` in it, which libpq then reads as a host and names in its messages).
        if (auto const scheme = url_.find("://"), at = url_.rfind('@'); scheme != std::string::npos && at != std::string::npos && at > scheme) {
            auto const user_part = std::string_view(url_).substr(scheme + 3, at - scheme - 3);
            for (std::size_t from = user_part.find(':'); from != std::string_view::npos;) {
                auto const end = user_part.find_first_of(":@/,", from + 1);
                auto const piece = user_part.substr(from + 1, end == std::string_view::npos ? end : end - from - 1);
                if (piece.size() >= 4) {
                    secrets_.emplace_back(piece);
                    if (auto const escaped = boost::urls::make_pct_string_view(piece))
                        secrets_.push_back(escaped->decode());
                }
                from = end;
            }
        }
        char* error = nullptr;
        if (PQconninfoOption* options = PQconninfoParse(url_.c_str(), &error)) {
            for (auto* o = options; o->keyword; ++o)
                if (std::string_view(o->keyword) == "password" && o->val && *o->val)
                    secrets_.emplace_back(o->val);
            PQconninfoFree(options);
        }
        PQfreemem(error);
        for (auto const& secret : secrets_)
            sfmc::sms::detail::redact_text(shown_, secret);
    }

    // Connects (again), sets the session up and prepares the statements: why not, if not.
    std::optional<std::string> connect()
    {
        PQfinish(conn_);
        // Bounded waits, which the URL may change: a network cut fails a call in seconds
        // rather than holding acknowledgements for the kernel's TCP timeout.
        std::array<char const*, 6> keywords{"connect_timeout", "tcp_user_timeout", "keepalives_idle", "application_name",
                                            "dbname", nullptr};
        std::array<char const*, 6> values{"5", "10000", "10", "sfmc-sms", url_.c_str(), nullptr};
        conn_ = PQconnectdbParams(keywords.data(), values.data(), /*expand dbname*/ 1);
        if (PQstatus(conn_) != CONNECTION_OK)
            return failed("cannot connect to the store " + shown_);
        // The server's notices ("terminating connection" at a shutdown) are not ours to print:
        // what fails is told by the call that failed.
        PQsetNoticeProcessor(conn_, [](void*, char const*) {}, nullptr);
        // A server that does not wait for the disk would acknowledge what a crash loses: `off`
        // becomes `on` for this session (a stronger setting, waiting for replicas, is kept).
        if (!exec("SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'") || !exec("SET client_min_messages TO warning"))
            return failed("cannot use the store " + shown_);
        if (create_) {
            constexpr char const* schema =
                "BEGIN;"
                "SELECT pg_advisory_xact_lock(7469347113325735013);" // any constant: "sfmc-sms"
                "CREATE TABLE IF NOT EXISTS events ("
                " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, digest bytea NOT NULL UNIQUE,"
                " received_at timestamptz NOT NULL, channel text NOT NULL, status text NOT NULL,"
                " event_category_type text NOT NULL, message_key text COLLATE \"C\", timestamp_utc bigint, \"to\" text,"
                " subscriber_key text, definition_key text, composite_id text, status_code integer,"
                " status_message text, event text NOT NULL);"
                "CREATE INDEX IF NOT EXISTS events_by_key ON events USING hash (message_key);"
                "CREATE INDEX IF NOT EXISTS events_by_status ON events (channel, status, timestamp_utc);"
                "COMMIT;";
            if (!exec(schema)) {
                auto why = failed("cannot create the schema in " + shown_);
                exec("ROLLBACK");
                return why;
            }
        }
        std::string const key_query = std::string("SELECT e.id, ") + detail::pg_event_columns +
                                      " FROM events e WHERE e.message_key = $1 AND e.channel IN ($2, 'unknown')";
        // The batch's rows from its arrays, zipped by unnest in the select list (no tuplestore,
        // as unnest in FROM makes).
        std::string const rows =
            "INSERT INTO events (digest, received_at, channel, status, event_category_type, message_key, "
            "timestamp_utc, \"to\", subscriber_key, definition_key, composite_id, status_code, status_message, "
            "event) SELECT u.d, " +
            from_ms("$1::bigint") +
            ", u.c, u.s, u.t, u.k, u.ts, u.tn, u.sk, u.dk, u.ci, u.sc, u.sm, u.ev FROM (SELECT unnest($2::bytea[]) d, "
            "unnest($3::text[]) c, unnest($4::text[]) s, unnest($5::text[]) t, unnest($6::text[]) k, "
            "unnest($7::bigint[]) ts, unnest($8::text[]) tn, unnest($9::text[]) sk, unnest($10::text[]) dk, "
            "unnest($11::text[]) ci, unnest($12::integer[]) sc, unnest($13::text[]) sm, unnest($14::text[]) ev) u ";
        if (!prepare("sfmc_insert", rows + "ON CONFLICT (digest) DO NOTHING RETURNING digest") ||
            !prepare("sfmc_insert_new", rows + "WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.digest = u.d) RETURNING digest") ||
            !prepare("sfmc_of_key", key_query) ||
            !prepare("sfmc_history", key_query + " ORDER BY e.timestamp_utc IS NULL, e.timestamp_utc, e.id") ||
            // The oldest rows by id, those received before the cutoff, none another receiver
            // is removing (SKIP LOCKED): no index on received_at written by every acknowledgement.
            !prepare("sfmc_expire", "DELETE FROM events WHERE id IN (SELECT o.id FROM (SELECT id, received_at FROM events "
                                    "ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) o WHERE o.received_at < " +
                                        from_ms("$1::bigint") + ")"))
            return create_ ? failed("cannot use the store " + shown_)
                           : std::optional<std::string>("cannot use the store " + shown_ + ": not a status store (no schema)");
        backoff_ = std::chrono::milliseconds(0);
        return std::nullopt;
    }

    // Why the store cannot be used now: a broken connection is made again (after the backoff).
    std::optional<std::string> usable()
    {
        if (PQstatus(conn_) == CONNECTION_OK)
            return std::nullopt;
        auto const now = std::chrono::steady_clock::now();
        if (now < retry_at_)
            return broken_;
        auto why = connect();
        if (why) {
            backoff_ = std::clamp(backoff_ * 2, std::chrono::milliseconds(100), std::chrono::milliseconds(2'000));
            retry_at_ = now + backoff_;
            broken_ = *why;
        }
        return why;
    }

    detail::pg_result of_key(char const* statement, channel on, std::string const& key)
    {
        std::array<char const*, 2> values{key.c_str(), to_string(on).data()};
        return detail::pg_result(PQexecPrepared(conn_, statement, 2, values.data(), nullptr, nullptr, 0));
    }

    std::variant<detail::store_decision, std::string> decide(channel on, std::string const& key)
    {
        auto const r = of_key("sfmc_of_key", on, key);
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
            return failed("cannot read a message's events");
        detail::store_decision d(on);
        for (int row = 0; row < PQntuples(r.get()); ++row)
            d.add(detail::pg_integer(r.get(), row, 0).value_or(0), detail::pg_event_at(r.get(), row, 1));
        return d;
    }

    static std::string from_ms(std::string const& ms) { return "(timestamptz 'epoch' + " + ms + " * interval '1 millisecond')"; }

    bool exec(char const* sql)
    {
        detail::pg_result r(PQexec(conn_, sql));
        auto const status = PQresultStatus(r.get());
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    }

    bool prepare(char const* name, std::string const& sql)
    {
        detail::pg_result r(PQprepare(conn_, name, sql.c_str(), 0, nullptr));
        return PQresultStatus(r.get()) == PGRES_COMMAND_OK;
    }

    // `what`, then libpq's reason, the password never in it.
    std::string failed(std::string what) const
    {
        // One line: libpq writes its hints on lines of their own ("\n\tIs the server running").
        std::string why;
        for (char const* p = PQerrorMessage(conn_); *p; ++p) {
            bool const space = *p == '\n' || *p == '\t' || *p == '\r' || *p == ' ';
            if (!space)
                why += *p;
            else if (!why.empty() && why.back() != ' ')
                why += ' ';
        }
        while (!why.empty() && why.back() == ' ')
            why.pop_back();
        for (auto const& secret : secrets_)
            sfmc::sms::detail::redact_text(why, secret);
        return why.empty() ? what : what + ": " + why;
    }

    std::string rollback(bool in_transaction, char const* what)
    {
        auto why = failed(what);
        if (in_transaction)
            exec("ROLLBACK");
        return why;
    }

    std::string url_;
    std::string shown_;
    bool create_;
    std::vector<std::string> secrets_;
    PGconn* conn_ = nullptr;
    std::chrono::milliseconds backoff_{0};
    std::chrono::steady_clock::time_point retry_at_{};
    std::string broken_;
};

} // namespace sfmc::sms::ens

#endif
