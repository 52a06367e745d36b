// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_DECODE_BATCH_HPP
#define SFMC_SMS_ENS_DECODE_BATCH_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_array.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/ens/event.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfmc::sms::ens {

/// The limits `decode_batch` holds a body to.
struct batch_options {
    /// A larger body is refused before it is read.
    std::size_t max_body_size = 8 * 1024 * 1024;
    /// Nesting deeper than this (the array counts as one level) is refused.
    std::size_t max_depth = 16;
    /// ENS sends at most 1000 events a batch (`maxBatchSize`); more is refused.
    std::size_t max_events = 1000;
};

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

inline std::optional<event> decode_event(std::string_view bytes, std::size_t index, std::size_t max_depth,
                                         failure& why)
{
    using sfmc::sms::detail::integer_of;
    enum { type, timestamp, definition_key, composite_id, mid, eid, info,
           message_key, to, subscriber_key, status_code, status_message, reason, count };
    std::array<sfmc::sms::detail::json_field, count> fields{{
        {"eventCategoryType"}, {"timestampUTC"}, {"definitionKey"}, {"compositeId"}, {"mid"}, {"eid"},
        {"info", -1, /*any_case=*/true}, {"messageKey", info}, {"to", info}, {"subscriberKey", info},
        {"statusCode", info}, {"statusMessage", info}, {"reason", info},
    }};
    if (auto read = sfmc::sms::detail::read_json_fields(bytes, fields, max_depth); !read) {
        why = std::move(read).error();
        why.detail = "event " + std::to_string(index) + ": " + why.detail;
        return std::nullopt;
    }
    event e;
    e.type = lenient_text(fields[type]).value_or("");
    auto const t = parse_event_type(e.type);
    e.on = t.on;
    e.status = t.status;
    if (auto const ms = integer_of(fields[timestamp]))
        e.timestamp_utc = event_time(std::chrono::milliseconds(*ms));
    e.definition_key = lenient_text(fields[definition_key]);
    e.composite_id = lenient_text(fields[composite_id]);
    e.mid = integer_of(fields[mid]);
    e.eid = integer_of(fields[eid]);
    e.message_key = lenient_text(fields[message_key]);
    e.to = lenient_text(fields[to]);
    e.subscriber_key = lenient_text(fields[subscriber_key]);
    if (auto const code = integer_of(fields[status_code]);
        code && *code >= std::numeric_limits<int>::min() && *code <= std::numeric_limits<int>::max())
        e.status_code = static_cast<int>(*code);
    e.status_message = lenient_text(fields[status_message]);
    if (!e.status_message)
        e.status_message = lenient_text(fields[reason]);
    e.raw = bytes;
    return e;
}

} // namespace detail

/** Decodes a batch of events, the body ENS POSTs to a callback: a JSON array of objects.

    Lenient where ENS and its documentation disagree: `info` or `Info`, numbers as strings
    and strings as numbers, trailing commas, unknown fields and unknown event types are all
    read, never an error. Strict where it matters: a body that is not JSON, not an array, an
    element that is not an object, more than `max_events` events, over the size or depth
    limit is refused whole with an error that says where (`event 3: ...`): nothing is
    half-decoded. Each event's `raw` points into `body`, which must outlive the events.

    Allocations grow with the events (their strings), never with nesting; no recursion.

    @par Example
    @code
    auto events = sfmc::sms::ens::decode_batch(body);
    for (auto const& e : *events)
        std::cout << to_string(e.status) << ' ' << e.message_key.value_or("?") << '\n';
    @endcode

    @par Specification
    Marketing Cloud "ens-supported-events", "transactional_sms_events".
*/
inline api_result<std::vector<event>> decode_batch(std::string_view body, batch_options const& opt = {})
{
    if (body.size() > opt.max_body_size)
        return failure(error::body_too_large, std::to_string(body.size()) + " bytes, the limit is " +
                                                  std::to_string(opt.max_body_size));
    std::vector<event> events;
    failure why;
    auto const split = sfmc::sms::detail::split_json_array(
        body, opt.max_depth, opt.max_events, [&](std::string_view bytes, std::size_t index) -> std::optional<failure> {
            // The array was one level: what is left for the event (the splitter has checked it).
            auto e = detail::decode_event(bytes, index, std::max<std::size_t>(opt.max_depth, 1) - 1, why);
            if (!e)
                return std::move(why);
            events.push_back(std::move(*e));
            return std::nullopt;
        });
    if (!split)
        return std::move(split).error();
    return events;
}

} // namespace sfmc::sms::ens

#endif
