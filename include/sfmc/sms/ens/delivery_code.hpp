// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_DELIVERY_CODE_HPP
#define SFMC_SMS_ENS_DELIVERY_CODE_HPP

#include <sfmc/sms/detail/config.hpp>

#include <algorithm>
#include <optional>
#include <string_view>

namespace sfmc::sms::ens {

/// What the SMS delivery codes of page "sms-status-codes" say of a message.
struct delivery_code_info {
    int code;              ///< the `statusCode` of an `SmsTransient`, `SmsDelivered` or `SmsBounced` event
    std::string_view name; ///< its documented name: 4000 is "Delivered"
    bool is_final;         ///< true when no later receipt will change it (delivered, or failed for good)
};

namespace detail {
// Sorted by code. Final: delivered, or refused in a way no retry changes; not final: queued,
// on its way, throttled, or unknown for now.
inline constexpr delivery_code_info delivery_codes[] = {
    {1000, "QueuedToSfmcSendService", false},
    {1500, "QueueFailureToSfmcSendService", true},
    {1501, "ValidationError", true},
    {2000, "DeliveredToAggregator", false},
    {2500, "FailedToAggregator", true},
    {2501, "UnknownToAggregator", false},
    {2502, "FailedToAggregatorDueToInvalidDestinationAddress", true},
    {2600, "ThrottledToAggregator", false},
    {2601, "SocketExceptionToAggregator", false},
    {3000, "Enroute", false},
    {3001, "SentToCarrier", false},
    {3002, "AcceptedByCarrier", false},
    {3400, "Unknown", false},
    {4000, "Delivered", true},
    {4500, "Undeliverable", true},
    {4501, "Expired", true},
    {4502, "Deleted", true},
    {4503, "Rejected", true},
    {4504, "FailedDueToUnknownSubscriber", true},
    {4505, "FailedDueToInvalidDestinationAddress", true},
};
} // namespace detail

/** The documented SMS delivery code `code` (1000 to 4505): its name and whether it is final;
    nothing for a code no table names.

    These are the codes of delivery receipts (`SmsTransient`, `SmsDelivered`, `SmsBounced`);
    the NotSent codes, a different list that reuses some numbers, are `status_code_name`'s.

    @par Specification
    Marketing Cloud "sms-status-codes".
*/
constexpr std::optional<delivery_code_info> delivery_code(int code) noexcept
{
    auto const* const end = std::end(detail::delivery_codes);
    auto const* const it = std::lower_bound(std::begin(detail::delivery_codes), end, code,
                                            [](delivery_code_info const& e, int c) { return e.code < c; });
    if (it == end || it->code != code)
        return std::nullopt;
    return *it;
}

} // namespace sfmc::sms::ens

#endif
