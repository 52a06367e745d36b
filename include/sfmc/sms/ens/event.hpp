// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_EVENT_HPP
#define SFMC_SMS_ENS_EVENT_HPP

#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/detail/config.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sfmc::sms::ens {

// The one channel type of the library, also found as `ens::channel`: the same type, so that
// `using namespace` of both namespaces is not ambiguous.
using sfmc::sms::channel;

/// What an ENS event says became of the message: the store's and the receiver's words. The
/// lookup route's `send_status` has `queued` (no event says it) and stops at `sent`; ENS alone
/// brings `transient`, `delivered` and `bounced` (docs/design.md, "Two status vocabularies").
enum class event_status {
    sent,      ///< handed on: to the SMS aggregator, or to the mail servers
    not_sent,  ///< refused before sending (`statusCode` says why)
    transient, ///< an SMS receipt that is not the last word
    delivered, ///< an SMS delivery receipt: the phone has it
    bounced,   ///< the phone or the mailbox refused it
    unknown,   ///< a type this version does not know; the text is kept
};

/// "sent", "not_sent", "transient", "delivered", "bounced" or "unknown".
constexpr std::string_view to_string(event_status s) noexcept
{
    switch (s) {
    case event_status::sent: return "sent";
    case event_status::not_sent: return "not_sent";
    case event_status::transient: return "transient";
    case event_status::delivered: return "delivered";
    case event_status::bounced: return "bounced";
    case event_status::unknown: break;
    }
    return "unknown";
}

/// The status a word of `to_string` names ("not_sent"); nullopt for any other word.
constexpr std::optional<event_status> parse_event_status(std::string_view word) noexcept
{
    for (auto s : {event_status::sent, event_status::not_sent, event_status::transient, event_status::delivered,
                   event_status::bounced, event_status::unknown})
        if (to_string(s) == word)
            return s;
    return std::nullopt;
}

/// The channel and status an `eventCategoryType` names.
struct event_type {
    channel on = channel::unknown;           ///< the channel
    event_status status = event_status::unknown; ///< the status
};

/** Reads an `eventCategoryType` such as "TransactionalSendEvents.SmsDelivered", without
    regard to case (ENS writes `SmsSent`, the lookup route `SMSSent`; both are read). An
    unknown type still gives its channel when its name starts with "Sms" or "Email".
*/
SFMC_SMS_ENS_DECL event_type parse_event_type(std::string_view type) noexcept;

/// A point in time as ENS gives it: milliseconds since the Unix epoch, in UTC.
using event_time = std::chrono::sys_time<std::chrono::milliseconds>;

/** One event of a batch, as ENS sent it, read leniently.

    Every field but the type is optional: ENS and its documentation disagree on many, so a
    missing or odd field is never an error. Numbers that arrive as strings and strings that
    arrive as numbers are read either way (`statusCode` "47" and 47 are both 47). `raw` is the
    event's own bytes in the batch as received, for a journal that must keep it unchanged or
    tell a redelivered event from a new one; it points into the body given to
    `decode_batch`, which must outlive it.
*/
struct event {
    std::string type;                          ///< `eventCategoryType`, as received
    channel on = channel::unknown;             ///< from the type
    event_status status = event_status::unknown; ///< from the type
    std::optional<event_time> timestamp_utc;   ///< `timestampUTC`
    std::optional<std::string> message_key;    ///< `info.messageKey`
    std::optional<std::string> to;             ///< `info.to`: the phone number or address
    std::optional<std::string> subscriber_key; ///< `info.subscriberKey`
    std::optional<std::string> definition_key; ///< `definitionKey`
    std::optional<std::string> composite_id;   ///< `compositeId`
    std::optional<int> status_code;            ///< `info.statusCode`, a number or a numeric string
    std::optional<std::string> status_message; ///< `info.statusMessage`, else `info.reason`
    std::optional<std::int64_t> mid;           ///< `mid`: the business unit
    std::optional<std::int64_t> eid;           ///< `eid`: the enterprise
    std::string_view raw;                      ///< the event's bytes in the batch

    /// True when no later event will change what became of the message: not sent,
    /// delivered or bounced.
    bool is_final() const noexcept
    {
        return status == event_status::not_sent || status == event_status::delivered ||
               status == event_status::bounced;
    }

    /// "sms delivered k-1 (4000)", for logs: channel, status, message key and status code.
    friend std::ostream& operator<<(std::ostream& out, event const& e)
    {
        out << to_string(e.on) << ' ' << to_string(e.status) << ' ' << e.message_key.value_or("-");
        if (e.status_code)
            out << " (" << *e.status_code << ')';
        return out;
    }
};

/// "3 events", for logs (and test frameworks that print a decoded batch).
SFMC_SMS_ENS_DECL std::ostream& operator<<(std::ostream& out, std::vector<event> const& batch);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/event.ipp>
#endif

#endif
