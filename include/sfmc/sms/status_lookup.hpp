// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_STATUS_LOOKUP_HPP
#define SFMC_SMS_STATUS_LOOKUP_HPP

#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/status_request.hpp>

#include <optional>
#include <string_view>

namespace sfmc::sms {

/** The send-status lookup as a `route`: @ref make_status_request plus @ref decode_status.
    An SMS by default; the email twin with `channel::email`, the same in every other way.

    @par Example
    @code
    sfmc::sms::call lookup(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k")}, rest);
    sfmc::sms::call email(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k"), sfmc::sms::channel::email}, rest);
    @endcode
*/
struct status_lookup {
    /// What a success holds.
    using value_type = message_status;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "send-status lookup";

    /// The message to look up.
    message_key key;
    /// Its channel.
    channel on = channel::sms;

    /// Refuses `channel::unknown`.
    std::optional<failure> validate() const
    {
        return on == channel::unknown ? std::optional<failure>(failure(error::bad_channel)) : std::nullopt;
    }

    /// The lookup of `key` at `rest` (see `make_status_request`).
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The status, or why there is none (see `decode_status`).
    api_result<message_status> decode(http_response const& res, decode_options const& opt) const;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/status_lookup.ipp>
#endif

#endif
