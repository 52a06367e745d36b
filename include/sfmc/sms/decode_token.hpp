// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_TOKEN_HPP
#define SFMC_SMS_DECODE_TOKEN_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

namespace sfmc::sms {

/// What the token endpoint grants.
struct token_response {
    /// The bearer token.
    access_token token;
    std::string token_type;                      ///< "Bearer"
    std::chrono::seconds expires_in;             ///< about 1080 s; the real lifetime is 20 minutes
    /// The scopes granted, space-separated.
    std::optional<std::string> scope;
    std::optional<std::string> rest_instance_url; ///< the tenant's REST base, e.g. "https://mc….rest.marketingcloudapis.com/"
    /// The tenant's SOAP base.
    std::optional<std::string> soap_instance_url;

    /// What was granted, the token itself redacted.
    friend std::ostream& operator<<(std::ostream& out, token_response const& t);
};

/** Decodes the token endpoint's answer: the token, or why there is none.

    Outside 2xx the failure carries the OAuth error in `oauth` ("invalid_client" and its
    description). `access_token` (a usable token) and `expires_in` (a positive integer) are
    required. A failure of a 2xx answer keeps no raw body: a token response is a secret,
    even a malformed one. The checks before parsing and the size and depth limits are the
    status decoder's.

    @par Specification
    Marketing Cloud "access-token-s2s"; RFC 6749 sections 5.1 and 5.2.
*/
SFMC_SMS_DECL api_result<token_response> decode_token(http_response const& res, decode_options const& opt = {});

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/decode_token.ipp>
#endif

#endif
