// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TOKEN_GRANT_HPP
#define SFMC_SMS_TOKEN_GRANT_HPP

#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/token_request.hpp>

#include <string_view>

namespace sfmc::sms {

/** The client-credentials token request as a `route`: @ref make_token_request plus
    @ref decode_token. It needs no token, and its secret is redacted from any failure.

    @par Example
    @code
    auto creds = sfmc::sms::client_credentials::make(id, secret);
    sfmc::sms::call grant(sfmc::sms::token_grant{*creds}, *sfmc::sms::endpoint::from_subdomain(sub, sfmc::sms::endpoint::api::auth));
    @endcode
*/
struct token_grant {
    /// What a success holds.
    using value_type = token_response;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "token request";
    /// A POST that may be repeated: a second grant only makes another token.
    static constexpr bool idempotent = true;

    /// Who asks.
    client_credentials credentials;

    /// The token request to `auth` (see `make_token_request`).
    http_request make_request(endpoint const& auth) const;

    /// The token, or why there is none (see `decode_token`).
    api_result<token_response> decode(http_response const& res, decode_options const& opt) const;

    /// The client secret: a server that echoes it must not get it printed.
    std::string_view secret() const noexcept { return credentials.reveal_secret(); }
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/token_grant.ipp>
#endif

#endif
