// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_STATUS_STORE_IPP
#define SFMC_SMS_ENS_IMPL_STATUS_STORE_IPP

// status_store.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <algorithm>
#include <cstdint>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL storable_event make_storable(event const& e)
{
    storable_event s{e, {}, {}};
    auto const ms = e.timestamp_utc ? static_cast<std::uint64_t>(e.timestamp_utc->time_since_epoch().count()) : 0;
    for (std::size_t i = 0; i < 6; ++i)
        s.key[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    auto const sum = event_digest(e.raw).value_or(event_digest_value{}); // raw was decoded: always JSON
    std::copy(sum.begin(), sum.end(), s.key.begin() + 6);
    s.text.reserve(e.raw.size());
    append_compact_json(s.text, e.raw);
    return s;
}

} // namespace sfmc::sms::ens

#endif
