// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_CURRENT_STATUS_IPP
#define SFMC_SMS_ENS_IMPL_CURRENT_STATUS_IPP

// current_status.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/current_status.hpp>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL std::optional<status_claim> claim_of(event const& e)
{
    if (!status_rank(e.status) || !e.message_key)
        return std::nullopt;
    auto canonical = canonical_json(e.raw);
    if (!canonical)
        return std::nullopt;
    return status_claim{e.status, e.timestamp_utc, std::move(*canonical)};
}

} // namespace sfmc::sms::ens

#endif
