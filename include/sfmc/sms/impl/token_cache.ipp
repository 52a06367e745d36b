// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_CACHE_IPP
#define SFMC_SMS_IMPL_TOKEN_CACHE_IPP

// token_cache.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/token_cache.hpp>

#include <algorithm>

namespace sfmc::sms {

SFMC_SMS_DECL void token_cache::store(api_result<token_response> const& outcome, time_point requested_at)
{
    if (outcome) {
        granted_ = *outcome;
        auto const margin =
            std::min<std::chrono::steady_clock::duration>(opt_.refresh_margin, outcome->expires_in / 2);
        refresh_at_ = requested_at + outcome->expires_in - margin;
        refusal_.reset();
    } else if (is_refusal(outcome.error())) {
        refusal_ = outcome.error();
        refused_until_ = requested_at + opt_.refusal_hold;
    }
}

SFMC_SMS_DECL void token_cache::invalidate(access_token const& rejected) noexcept
{
    if (granted_ && granted_->token == rejected)
        granted_.reset();
}

} // namespace sfmc::sms

#endif
