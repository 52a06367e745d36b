// How sfmc-sms-status writes one result: NDJSON or a line for people (docs/sfmc-sms-status.md).
#ifndef SFMC_SMS_CLI_REPORT_HPP
#define SFMC_SMS_CLI_REPORT_HPP

#include <sfmc/sms.hpp>
#include <sfmc/sms/not_sent.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace cli {

/// The `kind` of a failed lookup.
inline std::string_view kind_of(sfmc::sms::failure const& f)
{
    using sfmc::sms::condition;
    using sfmc::sms::error;
    auto const& c = f.code;
    if (f.request == sfmc::sms::token_grant::name)
        return "auth_failed";
    if (c == condition::invalid_input)
        return "invalid_key";
    if (c == condition::bad_response)
        return "bad_response";
    if (c == condition::transport)
        return "transport";
    if (c == error::bad_request)
        return "bad_request";
    if (c == error::unauthorized)
        return "unauthorized";
    if (c == error::forbidden)
        return "forbidden";
    if (c == error::not_found)
        return "not_found";
    if (c == error::blocked)
        return "blocked";
    if (c == error::rate_limited)
        return "rate_limited";
    if (c == error::server_error)
        return "server_error";
    return "http_error";
}

/// `s` with every ill-formed UTF-8 sequence replaced by U+FFFD, so JSON output stays valid.
inline std::string valid_utf8(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t len = 1;
        while (len <= 4 && i + len <= s.size() && !sfmc::sms::detail::utf8_code_points(s.substr(i, len)))
            ++len;
        if (len <= 4 && i + len <= s.size()) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

/// The key for a line people read: control characters, backslash and invalid UTF-8
/// escaped, so a key can never forge a line of its own.
inline std::string printable(std::string_view key)
{
    constexpr char hex[] = "0123456789abcdef";
    std::string out;
    auto const text = valid_utf8(key);
    for (char c : text) {
        auto const b = static_cast<unsigned char>(c);
        if (c == '\\')
            out += "\\\\";
        else if (b < 0x20 || b == 0x7f)
            out.append("\\x").append(1, hex[b >> 4]).append(1, hex[b & 0xF]);
        else
            out += c;
    }
    return out;
}

/// One failure, described without the API's JSON: the code's message and our detail.
inline std::string description(sfmc::sms::failure const& f)
{
    std::string out = f.code.message();
    if (!f.detail.empty())
        out.append(": ").append(f.detail);
    return out;
}

/// The `error` object of a failure line.
inline boost::json::object error_object(sfmc::sms::failure const& f)
{
    boost::json::object e;
    e["kind"] = kind_of(f);
    if (f.http_status != 0)
        e["httpStatus"] = f.http_status;
    if (f.errorcode)
        e["errorcode"] = *f.errorcode;
    e["message"] = valid_utf8(f.server_message().empty() ? description(f) : std::string(f.server_message()));
    if (f.retry_after)
        e["retryAfter"] = f.retry_after->count();
    return e;
}

/// A failure's JSON line: `{"<what>": <which>, "error": {...}}`.
inline void write_failure_json(std::ostream& out, std::string_view what, boost::json::value which, sfmc::sms::failure const& f,
                               std::string_view source = {})
{
    boost::json::object line;
    line[what] = std::move(which);
    if (!source.empty())
        line["source"] = source;
    line["error"] = error_object(f);
    out << boost::json::serialize(line) << '\n';
}

/// A failure's line for people: "error rate_limited, HTTP 429, errorcode 50100: ... (retry after 5 s)".
inline void write_failure_human(std::ostream& out, sfmc::sms::failure const& f)
{
    out << "error " << kind_of(f);
    if (f.http_status != 0)
        out << ", HTTP " << f.http_status;
    if (f.errorcode)
        out << ", errorcode " << *f.errorcode;
    out << ": " << printable(f.server_message().empty() ? description(f) : std::string(f.server_message()));
    if (f.retry_after)
        out << " (retry after " << f.retry_after->count() << " s)";
    out << '\n';
}

// The fields a looked-up status and a NotSent entry share, in the manual's order.
// The NotSent code table is shared by email and SMS: a code has its name on either channel.
inline void put_status_code(boost::json::object& line, std::optional<int> code)
{
    if (!code)
        return;
    line["statusCode"] = *code;
    if (auto const name = sfmc::sms::status_code_name(*code))
        line["statusName"] = *name;
}

/// A lookup's line.
/// `source`, when given ("api" beside a store), follows the key.
inline void write_json(std::ostream& out, std::string_view key, sfmc::sms::api_result<sfmc::sms::message_status> const& r,
                       std::string_view source = {})
{
    if (!r)
        return write_failure_json(out, "messageKey", boost::json::value(valid_utf8(key)), r.error(), source);
    boost::json::object line;
    line["messageKey"] = valid_utf8(key);
    if (!source.empty())
        line["source"] = source;
    auto const& s = *r;
    line["status"] = to_string(s.status);
    line["eventCategoryType"] = s.event_category_type;
    line["requestId"] = s.request_id;
    line["timestamp"] = s.timestamp;
    if (s.timestamp_utc)
        line["timestampUtc"] = s.timestamp_utc->to_rfc3339();
    if (s.composite_id)
        line["compositeId"] = *s.composite_id;
    if (s.info) {
        if (s.info->contact_key)
            line["contactKey"] = *s.info->contact_key;
        if (s.info->to)
            line["to"] = *s.info->to;
        put_status_code(line, s.info->status_code);
        if (s.info->status_message)
            line["statusMessage"] = *s.info->status_message;
    }
    out << boost::json::serialize(line) << '\n';
}

/// One NotSent entry as a JSON line.
inline void write_json(std::ostream& out, sfmc::sms::not_sent_entry const& e)
{
    boost::json::object line;
    line["eventId"] = e.event_id;
    if (e.message_key)
        line["messageKey"] = *e.message_key;
    line["status"] = to_string(e.status);
    line["eventCategoryType"] = e.event_category_type;
    if (e.timestamp)
        line["timestamp"] = *e.timestamp;
    if (e.timestamp_utc)
        line["timestampUtc"] = e.timestamp_utc->to_rfc3339();
    if (e.definition_key)
        line["definitionKey"] = *e.definition_key;
    if (e.contact_key)
        line["contactKey"] = *e.contact_key;
    if (e.to)
        line["to"] = *e.to;
    put_status_code(line, e.status_code);
    if (e.status_message)
        line["statusMessage"] = *e.status_message;
    out << boost::json::serialize(line) << '\n';
}

/// One NotSent entry for people: "35760 KEY: not_sent, TIME (TEXT UTC-6), status code 24 (Name), ...".
inline void write_human(std::ostream& out, sfmc::sms::not_sent_entry const& e)
{
    out << e.event_id << ' ' << printable(e.message_key.value_or("(no message key)")) << ": " << to_string(e.status);
    if (e.status == sfmc::sms::send_status::unknown)
        out << " (" << printable(e.event_category_type) << ')';
    if (e.timestamp)
        out << ", " << (e.timestamp_utc ? e.timestamp_utc->to_rfc3339() : "time unreadable") << " ("
            << printable(*e.timestamp) << " UTC-6)";
    if (e.status_code) {
        auto const name = sfmc::sms::status_code_name(*e.status_code);
        out << ", status code " << *e.status_code << " (" << (name ? *name : "undocumented") << ')';
    }
    if (e.definition_key)
        out << ", definition " << printable(*e.definition_key);
    if (e.contact_key)
        out << ", contact " << printable(*e.contact_key);
    out << '\n';
}

/// A definition's queue metrics: `{"definitionKey":"KEY","count":22,"ageSeconds":45}`.
inline void write_json(std::ostream& out, std::string_view definition_key, sfmc::sms::queue_metrics const& q)
{
    boost::json::object line{{"definitionKey", valid_utf8(definition_key)}, {"count", q.count}, {"ageSeconds", q.age_seconds}};
    out << boost::json::serialize(line) << '\n';
}

/// "KEY: 22 waiting, the oldest for 45 s".
inline void write_human(std::ostream& out, std::string_view definition_key, sfmc::sms::queue_metrics const& q)
{
    out << printable(definition_key) << ": " << q << '\n';
}

inline void write_human(std::ostream& out, std::string_view key, sfmc::sms::api_result<sfmc::sms::message_status> const& r)
{
    out << printable(key) << ": ";
    if (r) {
        auto const& s = *r;
        out << to_string(s.status);
        if (s.status == sfmc::sms::send_status::unknown)
            out << " (" << printable(s.event_category_type) << ')';
        out << ", " << (s.timestamp_utc ? s.timestamp_utc->to_rfc3339() : "time unreadable") << " (" << printable(s.timestamp)
            << " UTC-6)";
        if (s.info && s.info->status_code) {
            auto const name = sfmc::sms::status_code_name(*s.info->status_code);
            out << ", status code " << *s.info->status_code << " (" << (name ? *name : "undocumented") << ')';
        }
        if (s.info && s.info->contact_key)
            out << ", contact " << printable(*s.info->contact_key);
        out << '\n';
        return;
    }
    write_failure_human(out, r.error());
}

} // namespace cli

#endif
