// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_STATUS_REQUEST_HPP
#define SFMC_SMS_STATUS_REQUEST_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/message_key.hpp>

#include <string_view>

namespace sfmc::sms {

/// The route of the send-status lookup of an SMS, appended to the endpoint's base path.
inline constexpr std::string_view status_route = "/messaging/v1/sms/messages/";
/// The route of the send-status lookup of an email.
inline constexpr std::string_view email_status_route = "/messaging/v1/email/messages/";

/// The route of the send-status lookup on `on`.
constexpr std::string_view status_route_of(channel on) noexcept
{
    return on == channel::email ? email_status_route : status_route;
}

/** Builds `GET {base}/messaging/v1/{sms|email}/messages/{key}` with the headers the API expects.

    The key is written as one percent-encoded path segment (see @ref encode_path_segment);
    the headers are `Host`, `Authorization: Bearer {token}`, `Accept: application/json` and
    the `Content-Type: application/json` the reference page shows. Every argument is already
    validated, so this cannot fail; it allocates once.

    @par Example
    @code
    auto req = sfmc::sms::make_status_request(*rest, *key, *token);
    // req.target() == "/messaging/v1/sms/messages/order%2042%2Fa"
    @endcode

    @par Specification
    GET /messaging/v1/sms/messages/{messageKey}, "Example Request".
*/
SFMC_SMS_DECL http_request make_status_request(endpoint const& ep, message_key const& key, access_token const& token,
                                               channel on = channel::sms);

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/status_request.ipp>
#endif

#endif
