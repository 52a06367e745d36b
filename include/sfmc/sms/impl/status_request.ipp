// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_STATUS_REQUEST_IPP
#define SFMC_SMS_IMPL_STATUS_REQUEST_IPP

// status_request.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/request_builder.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL http_request make_status_request(endpoint const& ep, message_key const& key, access_token const& token,
                                        channel on)
{
    constexpr std::string_view json = "application/json";
    auto const route = status_route_of(on);
    http_request req;
    request_builder(req, "GET", ep,
                    route.size() + request_builder::path_room(key.value()) + request_builder::bearer_room(token) +
                        2 * json.size())
        .path(route)
        .segment(key.value())
        .bearer(token)
        .header("Accept", json)
        .header("Content-Type", json)
        .finish();
    return req;
}

} // namespace sfmc::sms

#endif
