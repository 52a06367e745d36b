// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CHANNEL_HPP
#define SFMC_SMS_CHANNEL_HPP

#include <sfmc/sms/detail/config.hpp>

#include <optional>
#include <string_view>

namespace sfmc::sms {

/** Which transactional messaging channel: the one vocabulary of routes, ENS events and the store.

    SMS and email have the same routes under `/messaging/v1/{channel}/`: the lookup of one
    message, the NotSent list and a definition's queue. `unknown` is what an ENS event of a
    type this version does not know is about; a route given it refuses to run
    (`error::bad_channel`), nothing sent.

    @par Example
    @code
    client.run(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k"), sfmc::sms::channel::email});
    @endcode
*/
enum class channel {
    sms,     ///< `/messaging/v1/sms/`
    email,   ///< `/messaging/v1/email/`
    unknown, ///< an event's type names neither; no route has it
};

/// "sms", "email" (the channel's path segment) or "unknown".
constexpr std::string_view to_string(channel c) noexcept
{
    switch (c) {
    case channel::sms: return "sms";
    case channel::email: return "email";
    case channel::unknown: break;
    }
    return "unknown";
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
