// One journal line per event, as the receiver's manual (docs/sfmc-ens-receiver.md) shows it,
// and the digest that tells a redelivered event from a new one.
#ifndef SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP
#define SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP

#include <sfmc/sms/detail/json_number.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/status_code.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace receiver {

/// 128 bits of SHA-256 over an event's canonical form: equal for equal JSON values.
using digest = sfmc::sms::ens::event_digest_value;
using sfmc::sms::ens::event_digest;

/// `t` as RFC 3339 UTC with exactly three fractional digits: "2020-09-21T14:30:08.530Z".
/// `t` is from 1970 to the end of 9999, so every field has its fixed width.
inline std::array<char, 24> rfc3339_millis(sfmc::sms::ens::event_time t)
{
    using namespace std::chrono;
    auto const day = floor<days>(t);
    year_month_day const ymd(day);
    hh_mm_ss const time(t - day);
    std::array<char, 24> text;
    std::string_view const pattern = "0000-00-00T00:00:00.000Z";
    std::copy(pattern.begin(), pattern.end(), text.begin());
    auto const put = [&](std::size_t end, long long value) { // digits right-aligned, ending before `end`
        for (auto i = end; value > 0; value /= 10)
            text[--i] = static_cast<char>('0' + value % 10);
    };
    put(4, static_cast<int>(ymd.year()));
    put(7, static_cast<unsigned>(ymd.month()));
    put(10, static_cast<unsigned>(ymd.day()));
    put(13, time.hours().count());
    put(16, time.minutes().count());
    put(19, time.seconds().count());
    put(23, time.subseconds().count());
    return text;
}

/// The documented name of an event's status code: a delivery code for SMS receipts, a
/// NotSent code for NotSent events, none otherwise.
inline std::optional<std::string_view> status_name(sfmc::sms::ens::event const& e)
{
    using sfmc::sms::ens::event_status;
    if (!e.status_code)
        return std::nullopt;
    switch (e.status) {
    case event_status::transient:
    case event_status::delivered:
    case event_status::bounced:
        if (e.on == sfmc::sms::channel::sms)
            if (auto const c = sfmc::sms::ens::delivery_code(*e.status_code))
                return c->name;
        return std::nullopt;
    case event_status::not_sent: return sfmc::sms::status_code_name(*e.status_code);
    default: return std::nullopt;
    }
}

/// Appends the journal line of `e`, with its newline: the normalised fields, then the event
/// as received. Appended to a batch's text, so that a batch's lines take one allocation.
inline void append_journal_line(std::string& line, sfmc::sms::ens::event const& e)
{
    using sfmc::sms::detail::append_json_string;
    using sfmc::sms::ens::event_status;
    using namespace std::string_view_literals;
    bool first = true;
    auto const field = [&](std::string_view name) {
        line += first ? "{\""sv : ",\""sv; // string_views: no strlen for each piece
        first = false;
        line += name;
        line += "\":"sv;
    };
    auto const text = [&](std::string_view name, std::string_view value) {
        field(name);
        append_json_string(line, value);
    };
    auto const optional_text = [&](std::string_view name, std::optional<std::string> const& value) {
        if (value)
            text(name, *value);
    };
    text("status", to_string(e.status));
    text("channel", e.status == event_status::unknown ? "unknown" : to_string(e.on));
    text("eventCategoryType", e.type);
    optional_text("messageKey", e.message_key);
    // Usable: from 1970 to the end of 9999, which RFC 3339 can write.
    if (e.timestamp_utc && e.timestamp_utc->time_since_epoch().count() >= 0 &&
        e.timestamp_utc->time_since_epoch().count() <= 253402300799999) {
        auto const when = rfc3339_millis(*e.timestamp_utc);
        text("timestampUtc", std::string_view(when.data(), when.size()));
    }
    optional_text("to", e.to);
    optional_text("subscriberKey", e.subscriber_key);
    optional_text("definitionKey", e.definition_key);
    optional_text("compositeId", e.composite_id);
    if (e.status_code) {
        char digits[24];
        auto const end = std::to_chars(digits, digits + sizeof digits, *e.status_code).ptr;
        text("statusCode", std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    if (auto const name = status_name(e))
        text("statusName", *name);
    optional_text("statusMessage", e.status_message);
    if (e.status != event_status::unknown) {
        field("final");
        line += e.is_final() ? "true"sv : "false"sv;
    }
    field("event"); // last, as received, on one line
    sfmc::sms::ens::append_compact_json(line, e.raw);
    line += "}\n"sv;
}

} // namespace receiver

#endif
