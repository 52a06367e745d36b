// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_DECODE_BATCH_IPP
#define SFMC_SMS_ENS_IMPL_DECODE_BATCH_IPP

// decode_batch.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION. The streaming parser (Boost.JSON's
// basic_parser) is instantiated here only.

#include <sfmc/sms/detail/json_array.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/ens/decode_batch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <optional>
#include <string>

namespace sfmc::sms::ens {
namespace detail {

// A field read leniently: a string, or a number written as one.
inline std::optional<std::string> lenient_text(sfmc::sms::detail::json_field& f)
{
    using sfmc::sms::detail::json_kind;
    if (f.kind == json_kind::string)
        return std::move(f.text);
    if (f.kind == json_kind::integer)
        return std::to_string(f.integer);
    return std::nullopt;
}

// Reads events one after another with one parser and one set of fields, reused: per event,
// only the strings it keeps are allocated.
class event_reader {
public:
    explicit event_reader(std::size_t max_depth) : reader_(max_depth) {}

    // Reads the event at the front of `rest` into `e`: its size in bytes, or why not.
    boost::system::result<std::size_t, failure> read(std::string_view rest, std::size_t index, event& e)
    {
        using sfmc::sms::detail::integer_of;
        for (auto& f : fields_) {
            f.kind = sfmc::sms::detail::json_kind::absent;
            f.text.clear();
        }
        auto used = reader_.read_front(rest, fields_);
        if (!used) {
            auto why = std::move(used).error();
            why.detail = "event " + std::to_string(index) + ": " + why.detail;
            return why;
        }
        auto& f = fields_;
        e.type = lenient_text(f[type]).value_or("");
        auto const t = parse_event_type(e.type);
        e.on = t.on;
        e.status = t.status;
        if (auto const ms = integer_of(f[timestamp]))
            e.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
        e.definition_key = lenient_text(f[definition_key]);
        e.composite_id = lenient_text(f[composite_id]);
        e.mid = integer_of(f[mid]);
        e.eid = integer_of(f[eid]);
        e.message_key = lenient_text(f[message_key]);
        e.to = lenient_text(f[to]);
        e.subscriber_key = lenient_text(f[subscriber_key]);
        if (auto const code = integer_of(f[status_code]);
            code && *code >= std::numeric_limits<int>::min() && *code <= std::numeric_limits<int>::max())
            e.status_code = static_cast<int>(*code);
        e.status_message = lenient_text(f[status_message]);
        if (!e.status_message)
            e.status_message = lenient_text(f[reason]);
        auto const bytes = rest.substr(0, *used);
        e.raw = bytes.substr(0, bytes.find_last_not_of(" \t\r\n") + 1);
        return used;
    }

private:
    enum { type, timestamp, definition_key, composite_id, mid, eid, info,
           message_key, to, subscriber_key, status_code, status_message, reason, count };
    sfmc::sms::detail::json_fields_reader reader_;
    std::array<sfmc::sms::detail::json_field, count> fields_{{
        {"eventCategoryType"}, {"timestampUTC"}, {"definitionKey"}, {"compositeId"}, {"mid"}, {"eid"},
        {"info", -1, /*any_case=*/true}, {"messageKey", info}, {"to", info}, {"subscriberKey", info},
        {"statusCode", info}, {"statusMessage", info}, {"reason", info},
    }};
};


SFMC_SMS_ENS_DECL api_result<std::size_t> for_each_event(std::string_view body, batch_options const& opt,
                                                         void (*on_event)(void*, event&), void* visitor)
{
    if (body.size() > opt.max_body_size)
        return failure(error::body_too_large, std::to_string(body.size()) + " bytes, the limit is " +
                                                  std::to_string(opt.max_body_size));
    if (opt.max_depth < 2)
        return failure(error::too_deep, "a batch takes 2 levels (the array, its objects); the limit is " +
                                            std::to_string(opt.max_depth));
    event_reader reader(opt.max_depth - 1); // the array was one level
    event e;
    std::size_t count = 0;
    auto const walked = sfmc::sms::detail::for_each_json_element(
        body, opt.max_events, [&](std::string_view rest, std::size_t index) -> boost::system::result<std::size_t, failure> {
            e = event{};
            auto used = reader.read(rest, index, e);
            if (used) {
                on_event(visitor, e);
                ++count;
            }
            return used;
        });
    if (!walked)
        return std::move(walked).error();
    return count;
}

} // namespace detail

SFMC_SMS_ENS_DECL api_result<std::vector<event>> decode_batch(std::string_view body, batch_options const& opt)
{
    std::vector<event> events;
    events.reserve(std::min(opt.max_events, body.size() / 128 + 1)); // ENS's events are larger than that
    auto const read = for_each_event(body, opt, [&](event& e) { events.push_back(std::move(e)); });
    if (!read)
        return read.error();
    return events;
}

} // namespace sfmc::sms::ens

#endif
