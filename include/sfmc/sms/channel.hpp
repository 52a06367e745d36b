// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CHANNEL_HPP
#define SFMC_SMS_CHANNEL_HPP

#include <sfmc/sms/detail/config.hpp>

#include <optional>
#include <string_view>

namespace sfmc::sms {

/** Which transactional messaging channel a route asks about. SMS and email have the same
    routes under `/messaging/v1/{channel}/`: the lookup of one message, the NotSent list and
    a definition's queue.

    @par Example
    @code
    client.run(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k"), sfmc::sms::channel::email});
    @endcode
*/
enum class channel {
    sms,   ///< `/messaging/v1/sms/`
    email, ///< `/messaging/v1/email/`
};

/// "sms" or "email": the channel's path segment.
constexpr std::string_view to_string(channel c) noexcept
{
    return c == channel::email ? "email" : "sms";
}

/// The channel named "sms" or "email" (exactly); nullopt for anything else.
constexpr std::optional<channel> parse_channel(std::string_view name) noexcept
{
    if (name == "sms")
        return channel::sms;
    if (name == "email")
        return channel::email;
    return std::nullopt;
}

} // namespace sfmc::sms

#endif
