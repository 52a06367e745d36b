// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_STATUS_STORE_HPP
#define SFMC_SMS_ENS_STATUS_STORE_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/ens/event.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace sfmc::sms::ens {

/// An event as a status store keeps it: the journal line's fields, and the event itself.
struct stored_event {
    channel on = channel::unknown;               ///< from the type
    event_status status = event_status::unknown; ///< from the type
    std::string type{};                            ///< `eventCategoryType`, as received
    std::optional<std::string> message_key{};      ///< `messageKey`
    std::optional<event_time> timestamp_utc{};     ///< `timestampUTC`
    std::optional<std::string> to{};               ///< `to`
    std::optional<std::string> subscriber_key{};   ///< `subscriberKey`
    std::optional<std::string> definition_key{};   ///< `definitionKey`
    std::optional<std::string> composite_id{};     ///< `compositeId`
    std::optional<int> status_code{};              ///< `statusCode`
    std::optional<std::string> status_message{};   ///< `statusMessage` (or `reason`)
    std::string event{};                          ///< the event as received, on one line

    /// Member by member.
    friend bool operator==(stored_event const&, stored_event const&) = default;
};

/// A message's current status in a store: the event that decides it (by the rule of
/// @ref current_status), and how many events of the message are stored.
struct message_state {
    channel on = channel::sms;   ///< the message's channel
    std::string message_key{};   ///< its key
    stored_event decided{};      ///< the event that decides its status
    std::size_t events = 0;      ///< its stored events: those of its channel and of channel `unknown`
};

/// Which messages a store's @ref status_store::list gives.
struct list_filter {
    channel on = channel::sms;          ///< the channel
    std::vector<event_status> statuses{}; ///< only these current statuses; empty: any
    std::optional<event_time> since{};    ///< current `timestampUtc` at or after
    std::optional<event_time> until{};    ///< ... and before
    std::size_t limit = 1000;           ///< at most this many
};

/** An event's unique key in a store: its `timestampUTC` (48 bits, big-endian; 0 without
    one), then its @ref event_digest (the receiver's rule for a redelivery). Equal events have
    equal times, so the time changes nothing in what is a duplicate; but new events' keys sort
    near one another, at the unique index's right edge, instead of each dirtying a random page.
*/
using store_key = std::array<unsigned char, 22>;

/** An event made ready for a store: its fields, its key and its text on one line. Making it
    is much of what storing an event costs the writer (a digest over its canonical text, and
    the text without whitespace), so a receiver makes them on the threads that read the
    batches, in parallel, and the one thread that writes to the store only writes.
*/
struct storable_event {
    event fields{};     ///< as decoded (a store reads no more of `fields.raw`)
    store_key key{};    ///< equal for events equal as JSON values
    std::string text{}; ///< the event as received, on one line
};

/// `e` made ready for a store; `e.raw` must be JSON (an event `decode_batch` gave). Needs
/// OpenSSL's libcrypto, as @ref event_digest.
SFMC_SMS_ENS_DECL storable_event make_storable(event const& e);

/// What became of a batch given to `status_store::append`; for each event, in order,
/// whether it was new to the store (false: equal to an event stored already, or earlier in
/// the batch).
using append_outcome = std::variant<std::vector<bool>, std::string>;

/** Every ENS event once, for at least a retention, and every message's current status: the
    interface both engines (SQLite, PostgreSQL) implement, so that the receiver and the
    command do not know which one they talk to. A store is used by one thread at a time.

    Errors are text for people (never a password): the store could not be opened or written,
    and nothing of the call took effect.
*/
class status_store {
public:
    virtual ~status_store() = default;

    /// Called inside `append`'s transaction, before it commits, with which events are new:
    /// empty to commit, else why not (nothing is then stored). A journal written beside the
    /// store is written here, so that it never misses an event the store has.
    using before_commit = std::function<std::string(std::vector<bool> const& fresh)>;

    /// Stores the new events of `events` in one transaction, durable when it returns, every
    /// later answer (statuses included) reflecting them; `received` dates them for the retention.
    virtual append_outcome append(std::span<storable_event const> events, event_time received, before_commit const& hook) = 0;

    /// `append` of decoded events, each made storable here (on the calling thread).
    append_outcome append(std::span<event const> events, event_time received, before_commit const& hook)
    {
        std::vector<storable_event> ready;
        ready.reserve(events.size());
        for (auto const& e : events)
            ready.push_back(make_storable(e));
        return append(std::span<storable_event const>(ready), received, hook);
    }

    /// `append` with nothing to do before the commit.
    append_outcome append(std::span<event const> events, event_time received) { return append(events, received, {}); }

    /// The current status of (`on`, `key`), if the store knows it.
    virtual std::variant<std::optional<message_state>, std::string> current(channel on, std::string const& key) = 0;

    /// Every stored event of `key` on channel `on` or `unknown`, oldest `timestampUtc` first
    /// (those without one last), then in the order they were stored.
    virtual std::variant<std::vector<stored_event>, std::string> history(channel on, std::string const& key) = 0;

    /// The messages `filter` selects, by current `timestampUtc` (those without one last),
    /// then by key (UTF-8 bytes).
    virtual std::variant<std::vector<message_state>, std::string> list(list_filter const& filter) = 0;

    /// Removes at most `at_most` of the events received before `before` (a small step, so that
    /// appends never wait long); later statuses are decided without them: how many were removed.
    virtual std::variant<std::size_t, std::string> expire(event_time before, std::size_t at_most) = 0;
};

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/status_store.ipp>
#endif

#endif
