// One journal line per event, as the receiver's manual (docs/sfmc-ens-receiver.md) shows it,
// and the digest that tells a redelivered event from a new one.
#ifndef SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP
#define SFMC_ENS_RECEIVER_JOURNAL_LINE_HPP

#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/status_code.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace receiver {

/// 128 bits of SHA-256 over an event's canonical form: equal for equal JSON values.
using digest = std::array<std::uint8_t, 16>;

namespace detail {

// The canonical text of a JSON value: members sorted by key, no whitespace, strings escaped
// one way, integers in decimal, other numbers as Boost.JSON writes them (so 1 and 1.0 stay
// apart, "\u0041" and "A" do not). Written into one buffer: no allocation per value.
inline void write_canonical(boost::json::value const& v, std::string& out)
{
    using sfmc::sms::detail::append_json_string;
    switch (v.kind()) {
    case boost::json::kind::object: {
        auto const& o = v.get_object();
        std::vector<boost::json::key_value_pair const*> members;
        members.reserve(o.size());
        for (auto const& m : o)
            members.push_back(&m);
        std::sort(members.begin(), members.end(), [](auto const* a, auto const* b) { return a->key() < b->key(); });
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i)
                out += ',';
            append_json_string(out, members[i]->key());
            out += ':';
            write_canonical(members[i]->value(), out);
        }
        out += '}';
        return;
    }
    case boost::json::kind::array: {
        auto const& a = v.get_array();
        out += '[';
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            write_canonical(a[i], out);
        }
        out += ']';
        return;
    }
    case boost::json::kind::string: append_json_string(out, v.get_string()); return;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); return;
    default: out += boost::json::serialize(v); return; // null, true, false, a double
    }
}

} // namespace detail

/// The digest of an event's bytes (valid JSON, as `decode_batch` accepted them); nullopt
/// for bytes that are not JSON (a damaged journal line).
inline std::optional<digest> event_digest(std::string_view raw)
{
    thread_local std::string canonical;
    unsigned char buffer[4096];
    boost::json::monotonic_resource memory(buffer, sizeof buffer);
    boost::json::parse_options opt;
    opt.allow_trailing_commas = true;
    boost::system::error_code ec;
    auto const v = boost::json::parse(raw, ec, &memory, opt);
    if (ec)
        return std::nullopt;
    canonical.clear();
    detail::write_canonical(v, canonical);
    unsigned char full[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(canonical.data(), canonical.size(), full, &size, EVP_sha256(), nullptr);
    digest d;
    std::copy_n(full, d.size(), d.begin());
    return d;
}

/// `t` as RFC 3339 UTC with exactly three fractional digits: "2020-09-21T14:30:08.530Z".
inline std::string rfc3339_millis(sfmc::sms::ens::event_time t)
{
    using namespace std::chrono;
    auto const day = floor<days>(t);
    year_month_day const ymd(day);
    hh_mm_ss const time(t - day);
    char text[48]; // room for any int the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                  static_cast<int>(time.subseconds().count()));
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
        if (e.on == sfmc::sms::ens::channel::sms)
            if (auto const c = sfmc::sms::ens::delivery_code(*e.status_code))
                return c->name;
        return std::nullopt;
    case event_status::not_sent: return sfmc::sms::status_code_name(*e.status_code);
    default: return std::nullopt;
    }
}

/// The journal line of `e`, with its newline: the normalised fields, then the event as received.
inline std::string journal_line(sfmc::sms::ens::event const& e)
{
    using sfmc::sms::detail::append_json_string;
    using sfmc::sms::ens::event_status;
    std::string line;
    line.reserve(e.raw.size() + 256);
    auto const field = [&](std::string_view name) {
        line += line.empty() ? "{\"" : ",\"";
        line += name;
        line += "\":";
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
        e.timestamp_utc->time_since_epoch().count() <= 253402300799999)
        text("timestampUtc", rfc3339_millis(*e.timestamp_utc));
    optional_text("to", e.to);
    optional_text("subscriberKey", e.subscriber_key);
    optional_text("definitionKey", e.definition_key);
    optional_text("compositeId", e.composite_id);
    if (e.status_code)
        text("statusCode", std::to_string(*e.status_code));
    if (auto const name = status_name(e))
        text("statusName", *name);
    optional_text("statusMessage", e.status_message);
    if (e.status != event_status::unknown) {
        field("final");
        line += e.is_final() ? "true" : "false";
    }
    field("event"); // last, as received
    line += e.raw;
    line += "}\n";
    return line;
}

} // namespace receiver

#endif
