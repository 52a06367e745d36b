// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_DECODE_BATCH_HPP
#define SFMC_SMS_ENS_DECODE_BATCH_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/ens/event.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/limits.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace sfmc::sms::ens {

/// The limits `decode_batch` holds a body to.
struct batch_options {
    /// A larger body is refused before it is read.
    std::size_t max_body_size = limits::batch_bytes;
    /// Nesting deeper than this (the array counts as one level) is refused.
    std::size_t max_depth = limits::json_depth;
    /// ENS sends at most 1000 events a batch (`maxBatchSize`); more is refused.
    std::size_t max_events = limits::batch_events;
};

namespace detail {

// for_each_event's work, compiled once: `on_event(visitor, e)` for each event.
SFMC_SMS_ENS_DECL api_result<std::size_t> for_each_event(std::string_view body, batch_options const& opt,
                                                         void (*on_event)(void*, event&), void* visitor);

} // namespace detail

/** Reads a batch of events (the body ENS POSTs to a callback) one event at a time: calls
    `on_event(event&)` for each, in order, with an event that is reused for the next one
    (move out what you keep). The same rules and errors as @ref decode_batch, which is built
    on it, without holding every event at once: a caller that turns each event into
    something smaller (a journal line, a row) holds only that. A refusal may come after some
    events were visited (`event 3: ...`): a caller that must not act on half a batch keeps
    what it made until the result says the whole body was read. Returns the number of events.
*/
template <class OnEvent>
api_result<std::size_t> for_each_event(std::string_view body, batch_options const& opt, OnEvent&& on_event)
{
    auto visit = [&on_event](event& e) { on_event(e); };
    return detail::for_each_event(
        body, opt, [](void* v, event& e) { (*static_cast<decltype(visit)*>(v))(e); }, &visit);
}

/** Decodes a batch of events, the body ENS POSTs to a callback: a JSON array of objects.

    Lenient where ENS and its documentation disagree: `info` or `Info`, numbers as strings
    and strings as numbers, trailing commas, unknown fields and unknown event types are all
    read, never an error. Strict where it matters: a body that is not JSON, not an array, an
    element that is not an object, more than `max_events` events, over the size or depth
    limit is refused whole with an error that says where (`event 3: ...`): nothing is
    half-decoded. Each event's `raw` points into `body`, which must outlive the events.

    Allocations grow with the events (their strings), never with nesting; no recursion.
    To read a batch without holding all its events, see @ref for_each_event.

    @par Example
    @code
    auto events = sfmc::sms::ens::decode_batch(body);
    for (auto const& e : *events)
        std::cout << to_string(e.status) << ' ' << e.message_key.value_or("?") << '\n';
    @endcode

    @par Specification
    Marketing Cloud "ens-supported-events", "transactional_sms_events".
*/
SFMC_SMS_ENS_DECL api_result<std::vector<event>> decode_batch(std::string_view body, batch_options const& opt = {});

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/decode_batch.ipp>
#endif

#endif
