// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DEFINITION_KEY_HPP
#define SFMC_SMS_DEFINITION_KEY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/message_key.hpp>

#include <ostream>
#include <string_view>

namespace sfmc::sms {

/** The key of a send definition (`definitionKey`), validated: a type of its own, so that a
    message's key is never passed where a definition's is meant.

    The API documents no limit of its own; a definition key is held to a message key's (not
    empty, UTF-8, at most 100 code points), with the same errors, and is sent the same way,
    as one percent-encoded path segment.

    @par Example
    @code
    auto q = client.run(sfmc::sms::queue_lookup{*sfmc::sms::definition_key::make("order-updates")});
    @endcode
*/
class definition_key {
public:
    /// Validates `utf8`; `error::key_empty`, `error::key_not_utf8` or `error::key_too_long`.
    static result<definition_key> make(std::string_view utf8)
    {
        auto key = message_key::make(utf8);
        if (!key)
            return key.error();
        return definition_key(*key);
    }

    /// The key as given.
    std::string_view value() const noexcept { return key_.value(); }

    /// Byte for byte.
    friend bool operator==(definition_key const&, definition_key const&) noexcept = default;

    /// Writes the key as given.
    friend std::ostream& operator<<(std::ostream& out, definition_key const& k) { return out << k.value(); }

private:
    explicit definition_key(message_key const& key) noexcept : key_(key) {}
    message_key key_; // the same limits, the same storage: no allocation
};

} // namespace sfmc::sms

#endif
