// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_GRANT_IPP
#define SFMC_SMS_IMPL_TOKEN_GRANT_IPP

// token_grant.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/token_grant.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL http_request token_grant::make_request(endpoint const& auth) const
{
    return make_token_request(auth, credentials);
}

SFMC_SMS_DECL api_result<token_response> token_grant::decode(http_response const& res, decode_options const& opt) const
{
    return decode_token(res, opt);
}

} // namespace sfmc::sms

#endif
