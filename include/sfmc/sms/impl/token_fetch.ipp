// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_FETCH_IPP
#define SFMC_SMS_IMPL_TOKEN_FETCH_IPP

// detail/token_fetch.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/token_fetch.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL detail::token_fetch::step detail::token_fetch::look(token_cache::time_point now)
{
    if (auto const* granted = cache_.fresh(now))
        return {*granted};
    if (auto const* refusal = cache_.held_refusal(now))
        return {api_result<token_response>(*refusal)};
    if (!fetching_) {
        fetching_ = true;
        return {std::nullopt, true};
    }
    return {std::nullopt, false, fetches_};
}

SFMC_SMS_DECL std::optional<failure> detail::token_fetch::failure_of(std::uint64_t awaited) const
{
    if (fetches_ != awaited && last_failure_)
        return last_failure_;
    return std::nullopt;
}

SFMC_SMS_DECL void detail::token_fetch::finish(api_result<token_response> const& outcome, token_cache::time_point started)
{
    fetching_ = false;
    ++fetches_;
    cache_.store(outcome, started);
    if (outcome)
        last_failure_.reset();
    else
        last_failure_ = outcome.error();
}

} // namespace sfmc::sms

#endif
