// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_STATUS_LOOKUP_HPP
#define SFMC_SMS_STATUS_LOOKUP_HPP

#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/status_request.hpp>

#include <string_view>

namespace sfmc::sms {

/** The send-status lookup as a @ref route: @ref make_status_request plus @ref decode_status.

    @par Example
    @code
    sfmc::sms::call lookup(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k")}, rest);
    @endcode
*/
struct status_lookup {
    using value_type = message_status;
    static constexpr std::string_view name = "send-status lookup";

    message_key key;

    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        return make_status_request(rest, key, token);
    }

    api_result<message_status> decode(http_response const& res, decode_options const& opt) const
    {
        return decode_status(res, opt);
    }
};

static_assert(route_behind_token<status_lookup>);

} // namespace sfmc::sms

#endif
