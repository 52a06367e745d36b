// sfmc-sms-status --store: answers from the status store the receiver writes, as the
// contract (STATUS_STORE.md) prints them.
#ifndef SFMC_SMS_CLI_STORE_ANSWERS_HPP
#define SFMC_SMS_CLI_STORE_ANSWERS_HPP

#include "../receiver/journal_line.hpp"
#include "report.hpp"

#include <sfmc/sms/ens/status_store.hpp>

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace cli {

/// A stored event as the journal writer takes one; its `raw` points into `e`.
inline sfmc::sms::ens::event as_event(sfmc::sms::ens::stored_event const& e)
{
    sfmc::sms::ens::event out;
    out.type = e.type;
    out.on = e.on;
    out.status = e.status;
    out.timestamp_utc = e.timestamp_utc;
    out.message_key = e.message_key;
    out.to = e.to;
    out.subscriber_key = e.subscriber_key;
    out.definition_key = e.definition_key;
    out.composite_id = e.composite_id;
    out.status_code = e.status_code;
    out.status_message = e.status_message;
    out.raw = e.event;
    return out;
}

/// A stored event's journal line (with its newline), as the receiver wrote it.
inline std::string journal_line_of(sfmc::sms::ens::stored_event const& e)
{
    std::string line;
    receiver::append_journal_line(line, as_event(e));
    return line;
}

/// A message answered from the store, as the contract's JSON line.
inline void write_store_json(std::ostream& out, sfmc::sms::ens::message_state const& m)
{
    auto const line = journal_line_of(m.decided);
    auto const fields = boost::json::parse(line).as_object();
    boost::json::object o;
    o["messageKey"] = valid_utf8(m.message_key);
    o["source"] = "store";
    o["channel"] = to_string(m.on);
    for (auto const* name : {"status", "final", "eventCategoryType", "timestampUtc", "to", "subscriberKey", "definitionKey",
                             "compositeId", "statusCode", "statusName", "statusMessage"})
        if (auto const* v = fields.if_contains(name))
            o[name] = *v;
    o["events"] = m.events;
    out << boost::json::serialize(o) << '\n';
}

/// "KEY: delivered, 2020-09-21T14:30:11.999Z (from ENS), to 15555551234, status code 4000 (Delivered)".
inline void write_store_human(std::ostream& out, sfmc::sms::ens::message_state const& m)
{
    auto const& e = m.decided;
    out << printable(m.message_key) << ": " << to_string(e.status);
    if (e.timestamp_utc) {
        auto const when = receiver::rfc3339_millis(*e.timestamp_utc);
        out << ", " << std::string_view(when.data(), when.size());
    }
    out << " (from ENS)";
    if (e.to)
        out << ", to " << printable(*e.to);
    if (e.status_code) {
        auto const name = receiver::status_name(as_event(e));
        out << ", status code " << *e.status_code << " (" << (name ? *name : "undocumented") << ')';
    }
    out << ", " << m.events << (m.events == 1 ? " event" : " events") << '\n';
}

/// A key the store does not know, and the API was not asked.
inline void write_store_unknown(std::ostream& out, std::string_view key, bool json)
{
    if (json) {
        boost::json::object line{{"messageKey", valid_utf8(key)},
                                 {"source", "store"},
                                 {"error", {{"kind", "not_found"}, {"message", "the store has no event of this key"}}}};
        out << boost::json::serialize(line) << '\n';
    } else {
        out << printable(key) << ": error not_found: the store has no event of this key\n";
    }
}

} // namespace cli

#endif
