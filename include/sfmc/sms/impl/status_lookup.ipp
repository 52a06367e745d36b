// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_STATUS_LOOKUP_IPP
#define SFMC_SMS_IMPL_STATUS_LOOKUP_IPP

// status_lookup.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/status_lookup.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL http_request status_lookup::make_request(endpoint const& rest, access_token const& token) const
{
    return make_status_request(rest, key, token, on);
}

SFMC_SMS_DECL api_result<message_status> status_lookup::decode(http_response const& res, decode_options const& opt) const
{
    return decode_status(res, opt);
}

} // namespace sfmc::sms

#endif
