// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_STATUS_REQUEST_IPP
#define SFMC_SMS_IMPL_STATUS_REQUEST_IPP

// status_request.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/detail/request_writer.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL http_request make_status_request(endpoint const& ep, message_key const& key, access_token const& token,
                                        channel on)
{
    constexpr std::string_view json = "application/json";
    auto const route = status_route_of(on);
    auto const capacity = ep.base_path().size() + route.size() + detail::request_writer::segment_room(key.value()) +
                          detail::request_writer::bearer_size(token) + 2 * json.size();
    http_request req;
    detail::request_writer w(req, "GET", ep, capacity);
    w.append(ep.base_path());
    w.append(route);
    w.append_segment(key.value());
    w.end_target();

    w.add_host_header();
    w.add_bearer(token);
    w.add_header("Accept", json);
    w.add_header("Content-Type", json);
    w.finish();
    return req;
}

} // namespace sfmc::sms

#endif
