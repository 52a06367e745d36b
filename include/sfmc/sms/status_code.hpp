// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_STATUS_CODE_HPP
#define SFMC_SMS_STATUS_CODE_HPP

#include <sfmc/sms/detail/config.hpp>

#include <optional>
#include <string_view>
#include <utility>

namespace sfmc::sms {

namespace detail {

struct status_code_entry {
    int code;
    char const* name; // not a string_view: 90 constant string_views cost <sfmc/sms.hpp> about 1 % more
};

// Page "transactional-send-subscriber", shared by email and SMS; sorted by code.
inline constexpr status_code_entry status_codes[] = {
    {1, "Unsubscribed"}, {2, "Held"}, {3, "PartnerUnsubscribed"}, {4, "MissingEmailAddress"},
    {5, "InvalidEmailAddress"}, {6, "DuplicateEmail"}, {7, "InvalidSubscriberIDProvided"},
    {8, "MissingSubscriberID"}, {9, "MissingOwnerID"}, {10, "MissingRequiredAttributes"},
    {11, "NoAllSubscribersListEntry"}, {12, "InvalidOwnerIDProvided"}, {13, "SubscriberKeyMismatch"},
    {14, "EmailAddressMismatch"}, {15, "UnspecifiedError"}, {16, "InvalidAttributeValue"},
    {17, "AttributeValueMaxLengthErr"}, {18, "InvalidAttributeValueCount"}, {19, "MissingRequiredFields"},
    {20, "InvalidFieldValue"}, {21, "DuplicateDataExtensionRow"}, {22, "DataExtensionInsertFailed"},
    {23, "DomainExclusion"}, {24, "ListDetectiveExclusion"}, {25, "SubscriberBlackedOut"},
    {26, "BuildEmailError"}, {27, "SuppressionListExclusion"}, {28, "OptOutListExclusion"},
    {29, "MissingSubscriberKeyValue"}, {30, "SubscriberKeyTooLong"}, {31, "ListLevelOptOut"},
    {32, "MissingSendGroupID"}, {33, "AccountLevelOptOut"}, {34, "MissingMessageFileName"},
    {35, "InvalidEmailAddressID"}, {36, "InvalidBusinessUnit"}, {37, "QueuedTransactionDeleted"},
    {38, "InvalidSalesforceID"}, {39, "SubscriberQueueCleared"}, {40, "SubscriberDeleted"},
    {41, "DuplicateSubscriber"}, {42, "RestrictedForProcessing"}, {43, "SubscriberRequestExpired"},
    {100, "Error"}, {101, "Failure"}, {102, "Excluded"}, {103, "MessageBuildError"},
    {104, "RecursiveScriptError"}, {105, "InvalidSendTimeDataError"},
    {106, "MissingSendDataExtensionSourceRowError"}, {107, "MissingSubscriberDataError"},
    {108, "MissingListSubscriberDataError"}, {109, "MissingSubscriberKeyError"},
    {110, "InvalidEmailAddressError"}, {111, "ScriptRaiseError"}, {112, "EmptyHTTPGetReturnError"},
    {113, "EmptyHTTPGetFunctionReturnError"}, {114, "MissingSFIDError"}, {115, "MissingSFDataError"},
    {116, "MissingSFSubscriberDataError"}, {117, "CouldNotResolveSecureEmailToken"}, {118, "GlobalUnsub"},
    {119, "PartnerUnsub"}, {120, "ListDetectiveExclusion"}, {121, "ProcessedByPairedMember"},
    {122, "SMTPFileNotFound"}, {123, "SMTPFileIOError"}, {124, "SMTPFileFormatError"},
    {125, "DecryptionFailed"}, {126, "MessageVolumeLimitExceeded"}, {127, "EmptySubject"},
    {128, "ResolvedEmailBodyTooShort"}, {129, "PhoneNumberValidationFailed"}, {130, "PayloadExceedsMaximum"},
    {131, "LinkDataExceedsMaximumSize"}, {132, "InvalidCCEmailAddressError"},
    {133, "InvalidBCCEmailAddressError"}, {134, "SubscriberDeleted"}, {135, "RestrictedForProcessing"},
    {136, "SubscriberKeyMismatch"}, {137, "SubscriberIDMismatch"}, {138, "ExceededExpirationPolicy"},
    {139, "TimedoutInQueue"}, {140, "UnverifiedFromEmailAddress"}, {141, "V2TriggeredSendDeletedFromQueue"},
    {1000, "UnsubscribedList"}, {1010, "UnsubscribedMaster"}, {1020, "UnsubscribedGlobal"}, {1030, "Held"},
    {1040, "Deleted"},
};

} // namespace detail

/** The documented name of a NotSent `statusCode`: 16 gives "InvalidAttributeValue".

    The list is open-ended (code 47 has been seen and is in no table): an unknown code gives
    nullopt and is data, not an error.

    @par Specification
    Marketing Cloud, "transactional-send-subscriber" status codes.
*/
constexpr std::optional<std::string_view> status_code_name(int code) noexcept
{
    // A scan of 90 entries, not std::lower_bound: <algorithm> would add a twentieth to the
    // time to compile <sfmc/sms.hpp> (bench/compile_time.py), for no measurable gain here.
    for (auto const& e : detail::status_codes)
        if (e.code == code)
            return e.name;
    return std::nullopt;
}

} // namespace sfmc::sms

#endif
