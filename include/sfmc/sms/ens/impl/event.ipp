// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_EVENT_IPP
#define SFMC_SMS_ENS_IMPL_EVENT_IPP

// event.hpp's definitions: inline in header-only mode, compiled once by <sfmc/sms/ens/src.hpp>
// with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/text.hpp>
#include <sfmc/sms/ens/event.hpp>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL event_type parse_event_type(std::string_view type) noexcept
{
    constexpr std::string_view prefix = "TransactionalSendEvents.";
    if (type.size() > prefix.size() && sfmc::sms::detail::ci_is_equal(type.substr(0, prefix.size()), prefix))
        type.remove_prefix(prefix.size());
    event_type t;
    auto const starts = [&](std::string_view p) {
        return type.size() >= p.size() && sfmc::sms::detail::ci_is_equal(type.substr(0, p.size()), p);
    };
    if (starts("Sms"))
        t.on = channel::sms;
    else if (starts("Email"))
        t.on = channel::email;
    else
        return t;
    auto const rest = type.substr(t.on == channel::sms ? 3 : 5);
    struct named {
        std::string_view name;
        event_status status;
    };
    constexpr named statuses[] = {{"Sent", event_status::sent},         {"NotSent", event_status::not_sent},
                                  {"Transient", event_status::transient}, {"Delivered", event_status::delivered},
                                  {"Bounced", event_status::bounced}};
    for (auto const& s : statuses)
        if (sfmc::sms::detail::ci_is_equal(rest, s.name))
            t.status = s.status;
    return t;
}

SFMC_SMS_ENS_DECL std::ostream& operator<<(std::ostream& out, std::vector<event> const& batch)
{
    return out << batch.size() << (batch.size() == 1 ? " event" : " events");
}

} // namespace sfmc::sms::ens

#endif
