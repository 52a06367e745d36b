// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_MESSAGE_STATUS_IPP
#define SFMC_SMS_IMPL_MESSAGE_STATUS_IPP

// message_status.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/message_status.hpp>
#include <sfmc/sms/detail/text.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL send_status parse_send_status(std::string_view event_category_type) noexcept
{
    struct named {
        std::string_view type;
        send_status status;
    };
    constexpr named known[] = {
        {"TransactionalSendEvents.SMSSent", send_status::sent},
        {"TransactionalSendEvents.SMSQueued", send_status::queued},
        {"TransactionalSendEvents.SMSNotSent", send_status::not_sent},
        {"TransactionalSendEvents.EmailSent", send_status::sent},
        {"TransactionalSendEvents.EmailQueued", send_status::queued},
        {"TransactionalSendEvents.EmailNotSent", send_status::not_sent},
    };
    for (auto const& k : known)
        if (detail::ci_is_equal(event_category_type, k.type))
            return k.status;
    return send_status::unknown;
}

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, message_status const& s)
{
    out << to_string(s.status) << " (" << s.event_category_type << ") at ";
    if (s.timestamp_utc)
        return out << s.timestamp_utc->to_rfc3339();
    return out << s.timestamp;
}

} // namespace sfmc::sms

#endif
