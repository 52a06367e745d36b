// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TOKEN_REQUEST_HPP
#define SFMC_SMS_TOKEN_REQUEST_HPP

#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/http_request.hpp>

#include <string>
#include <string_view>

namespace sfmc::sms {

/// The route of the token request, appended to the auth endpoint's base path.
inline constexpr std::string_view token_route = "/v2/token";

/** Builds `POST {auth base}/v2/token` for the client-credentials grant.

    The body is JSON with every string escaped (RFC 8259), so any character of a secret
    arrives as it is; `account_id` and `scope` are sent only when given. Printing the request never
    shows its body, hence never the secret.

    @par Example
    @code
    auto auth = sfmc::sms::endpoint::from_subdomain(sub, sfmc::sms::endpoint::api::auth);
    auto req = sfmc::sms::make_token_request(*auth, *sfmc::sms::client_credentials::make(id, secret));
    @endcode

    @par Specification
    Marketing Cloud "access-token-s2s"; RFC 6749 section 4.4.
*/
SFMC_SMS_DECL http_request make_token_request(endpoint const& auth, client_credentials const& credentials);

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/token_request.ipp>
#endif

#endif
