// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_MESSAGE_STATUS_HPP
#define SFMC_SMS_MESSAGE_STATUS_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/timestamp.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// What the lookup route says became of the message, from `eventCategoryType`. The lookup
/// stops at the hand-over to the provider; ENS's `ens::event_status` goes on to the receipts
/// (the words they share mean the same: docs/design.md, "Two status vocabularies").
enum class send_status {
    sent,     ///< TransactionalSendEvents.SMSSent (EmailSent): handed to the outbound service
    queued,   ///< TransactionalSendEvents.SMSQueued (EmailQueued): not processed yet
    not_sent, ///< TransactionalSendEvents.SMSNotSent (EmailNotSent): see `info.statusCode`
    unknown,  ///< a value this version does not know; the text is kept
};

/// "sent", "queued", "not_sent" or "unknown".
constexpr std::string_view to_string(send_status s) noexcept
{
    switch (s) {
    case send_status::sent: return "sent";
    case send_status::queued: return "queued";
    case send_status::not_sent: return "not_sent";
    case send_status::unknown: break;
    }
    return "unknown";
}

/** The send status an `eventCategoryType` names, for either channel.

    The six documented values (`SMSSent`, `SMSQueued`, `SMSNotSent` and their `Email` twins,
    after `TransactionalSendEvents.`) are matched without regard to case (the event service
    spells them `SmsSent`); anything else is @ref send_status::unknown, not an error: the API
    may add states.
*/
SFMC_SMS_DECL send_status parse_send_status(std::string_view event_category_type) noexcept;

/// The `info` object: details of the message, each present only when the API sent it.
struct status_info {
    /// `messageKey`, as the server echoed it.
    std::optional<std::string> message_key;
    /// `contactKey`: the subscriber.
    std::optional<std::string> contact_key;
    /// `to`: the phone number.
    std::optional<std::string> to;
    std::optional<int> status_code;  ///< see @ref status_code_name
    /// `statusMessage`.
    std::optional<std::string> status_message;
    /// Member by member.
    friend bool operator==(status_info const&, status_info const&) = default;
};

/** A decoded send-status response.

    @par Specification
    getSMSSendStatusForRecipient, "Example Response".
*/
struct message_status {
    /// What became of the message, from `eventCategoryType`.
    send_status status = send_status::unknown;
    std::string event_category_type; ///< as received
    /// `requestId`: the send request that carried the message.
    std::string request_id;
    std::string timestamp;           ///< as received: UTC−6, no offset
    /// The same instant in UTC; nullopt when the text could not be read.
    std::optional<api_timestamp> timestamp_utc;
    /// `compositeId`, when the API sent one.
    std::optional<std::string> composite_id;
    /// The `info` object, when the API sent one.
    std::optional<status_info> info;

    /// "sent (TransactionalSendEvents.SMSSent) at 2018-08-03T19:41:18.55Z", for logs.
    friend std::ostream& operator<<(std::ostream& out, message_status const& s);
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/message_status.ipp>
#endif

#endif
