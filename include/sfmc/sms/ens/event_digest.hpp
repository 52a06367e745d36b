// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_EVENT_DIGEST_HPP
#define SFMC_SMS_ENS_EVENT_DIGEST_HPP

// Opt-in: link OpenSSL's libcrypto (SHA-256). Neither <sfmc/sms.hpp> nor <sfmc/sms/ens.hpp>
// includes it.

#include <sfmc/sms/detail/config.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sfmc::sms::ens {

/// 128 bits of SHA-256 over an event's canonical form: equal for equal JSON values.
using event_digest_value = std::array<std::uint8_t, 16>;

/** The digest of an event's bytes (valid JSON, as `decode_batch` accepted them): SHA-256
    over its canonical form, cut to 128 bits; equal for events equal as JSON values (the
    receiver's and the status store's rule for a redelivery). Nullopt for bytes that are not
    JSON (a damaged journal line). Needs OpenSSL's libcrypto.
*/
SFMC_SMS_ENS_DECL std::optional<event_digest_value> event_digest(std::string_view raw);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/event_digest.ipp>
#endif

#endif
