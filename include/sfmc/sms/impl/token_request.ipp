// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_TOKEN_REQUEST_IPP
#define SFMC_SMS_IMPL_TOKEN_REQUEST_IPP

// token_request.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/token_request.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/request_builder.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL http_request make_token_request(endpoint const& auth, client_credentials const& credentials)
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
    http_request req;
    request_builder(req, "POST", auth, token_route.size() + 2 * json.size() + body.size())
        .path(token_route)
        .json_body(body)
        .header("Accept", json)
        .finish();
    return req;
}

} // namespace sfmc::sms

#endif
