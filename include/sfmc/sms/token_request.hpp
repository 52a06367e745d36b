// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TOKEN_REQUEST_HPP
#define SFMC_SMS_TOKEN_REQUEST_HPP

#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/detail/request_writer.hpp>
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
inline http_request make_token_request(endpoint const& auth, client_credentials const& credentials)
{
    std::string body = R"({"grant_type":"client_credentials","client_id":)";
    detail::append_json_string(body, credentials.client_id());
    body += R"(,"client_secret":)";
    detail::append_json_string(body, credentials.reveal_secret());
    if (credentials.scope()) {
        body += R"(,"scope":)";
        detail::append_json_string(body, *credentials.scope());
    }
    if (credentials.account_id()) {
        body += R"(,"account_id":)";
        detail::append_json_string(body, *credentials.account_id());
    }
    body += '}';

    constexpr std::string_view json = "application/json";
    auto const capacity = auth.base_path().size() + token_route.size() + 2 * json.size() + body.size();
    http_request req;
    detail::request_writer w(req, "POST", auth, capacity);
    w.append(auth.base_path());
    w.append(token_route);
    w.end_target();
    w.add_host_header();
    w.add_header("Content-Type", json);
    w.add_header("Accept", json);
    w.set_body(body);
    w.finish();
    return req;
}

} // namespace sfmc::sms

#endif
