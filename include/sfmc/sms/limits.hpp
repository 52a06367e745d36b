// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_LIMITS_HPP
#define SFMC_SMS_LIMITS_HPP

#include <sfmc/sms/detail/config.hpp>

#include <cstddef>

/** The library's default limits, in one place: every option struct's default is one of these,
    and each says why it is that size. What the network sends is held to them, so that nothing
    it sends can make the library or the commands use unbounded memory.
*/
namespace sfmc::sms::limits {

/// A mebibyte.
inline constexpr std::size_t mib = 1024 * 1024;

/// An API answer a decoder reads (`decode_options::max_body_size`): the largest the API sends
/// is a NotSent page of 1000 entries, about 400 KiB.
inline constexpr std::size_t answer_bytes = 1 * mib;

/// A response a transport reads off the network (`transport_options::max_body_size`): larger
/// than any answer, so that the decoder, not the transport, refuses one that is too large, with
/// its status and first bytes in the failure.
inline constexpr std::size_t response_bytes = 8 * mib;

/// An ENS batch `decode_batch` reads (`ens::batch_options::max_body_size`): 1000 events of the
/// largest kind seen (about 2 KiB each, email events with long addresses) four times over.
inline constexpr std::size_t batch_bytes = 8 * mib;

/// The body `sfmc-ens-receiver` takes by default (`--max-body`, as its contract says): twice
/// a batch's limit, so that no batch ENS could send is refused before it is read.
inline constexpr std::size_t receiver_body_bytes = 16 * mib;

/// The bodies `sfmc-ens-receiver` holds in flight over all its connections (at least
/// `--max-body`): past it a request is answered 503 and retried by ENS.
inline constexpr std::size_t receiver_bodies_in_flight = 256 * mib;

/// Nesting a decoder follows (`decode_options::max_depth`, `ens::batch_options::max_depth`):
/// the documented bodies need 3.
inline constexpr std::size_t json_depth = 16;

/// ENS's own `maxBatchSize` bound: the events of one batch (`ens::batch_options::max_events`).
inline constexpr std::size_t batch_events = 1000;

} // namespace sfmc::sms::limits

#endif
