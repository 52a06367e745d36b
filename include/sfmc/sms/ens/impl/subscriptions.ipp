// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_SUBSCRIPTIONS_IPP
#define SFMC_SMS_ENS_IMPL_SUBSCRIPTIONS_IPP

// subscriptions.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/detail/text.hpp>
#include <sfmc/sms/ens/impl/callbacks.ipp> // the request checks
#include <sfmc/sms/ens/subscriptions.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL bool subscription::is_paused() const noexcept
{
    return sfmc::sms::detail::ci_is_equal(status, "paused");
}

SFMC_SMS_ENS_DECL std::vector<std::string> sms_event_types()
{
    return {"TransactionalSendEvents.SmsSent", "TransactionalSendEvents.SmsNotSent",
            "TransactionalSendEvents.SmsTransient", "TransactionalSendEvents.SmsDelivered",
            "TransactionalSendEvents.SmsBounced"};
}

namespace detail {

// What every subscription needs: a callback, a name, an event type; printable text.
inline std::optional<failure> check_subscription(std::string_view callback_id, std::string_view name,
                                                 std::vector<std::string> const& event_types,
                                                 std::vector<std::string> const& filters)
{
    if (auto why = first_failure({check_request_text("callbackId", callback_id),
                                  check_request_text("subscriptionName", name)}))
        return why;
    if (event_types.empty())
        return failure(error::bad_ens_request, "no event type to subscribe to");
    for (auto const& t : event_types)
        if (auto why = check_request_text("an event type", t))
            return why;
    for (auto const& f : filters)
        if (auto why = check_request_text("a filter", f))
            return why;
    return std::nullopt;
}

// A JSON array of the texts.
inline boost::json::array json_strings(std::vector<std::string> const& texts)
{
    boost::json::array out;
    for (auto const& t : texts)
        out.emplace_back(t);
    return out;
}

// A subscription from its answer object.
inline subscription read_subscription(sfmc::sms::detail::answer_object& o)
{
    subscription s;
    s.id = o.required_text("subscriptionId");
    s.name = o.text("subscriptionName").value_or("");
    s.callback_id = o.text("callbackId").value_or("");
    s.event_types = o.texts("eventCategoryTypes");
    s.filters = o.texts("filters");
    s.status = o.text("status").value_or("");
    s.status_reason = o.text("statusReason").value_or("");
    return s;
}

} // namespace detail

SFMC_SMS_ENS_DECL std::optional<failure> create_subscriptions::validate() const
{
    if (subscriptions.empty())
        return failure(error::bad_ens_request, "no subscription to create");
    for (auto const& s : subscriptions)
        if (auto why = detail::check_subscription(s.callback_id, s.name, s.event_types, s.filters))
            return why;
    return std::nullopt;
}

SFMC_SMS_ENS_DECL http_request
create_subscriptions::make_request(endpoint const& rest, access_token const& token) const
{
    boost::json::array body;
    for (auto const& s : subscriptions)
        body.push_back(boost::json::object{{"callbackId", s.callback_id},
                                           {"subscriptionName", s.name},
                                           {"eventCategoryTypes", detail::json_strings(s.event_types)},
                                           {"filters", detail::json_strings(s.filters)}});
    return sfmc::sms::detail::make_json_request("POST", rest, subscriptions_route, {}, token,
                                                boost::json::serialize(body));
}

SFMC_SMS_ENS_DECL api_result<create_subscriptions::value_type>
create_subscriptions::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_list<subscription>(res, opt, detail::read_subscription);
}

SFMC_SMS_ENS_DECL std::optional<failure> get_subscription::validate() const
{
    return detail::check_request_text("subscriptionId", id);
}

SFMC_SMS_ENS_DECL http_request
get_subscription::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("GET", rest, subscriptions_route, id, token);
}

SFMC_SMS_ENS_DECL api_result<get_subscription::value_type>
get_subscription::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_one<subscription>(res, opt, detail::read_subscription);
}

SFMC_SMS_ENS_DECL std::optional<failure> list_subscriptions::validate() const
{
    return detail::check_request_text("callbackId", callback_id);
}

SFMC_SMS_ENS_DECL http_request
list_subscriptions::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("GET", rest, route, callback_id, token);
}

SFMC_SMS_ENS_DECL api_result<list_subscriptions::value_type>
list_subscriptions::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_list<subscription>(res, opt, detail::read_subscription);
}

SFMC_SMS_ENS_DECL std::optional<failure> update_subscriptions::validate() const
{
    if (changes.empty())
        return failure(error::bad_ens_request, "no subscription to update");
    for (auto const& c : changes)
        if (auto why = detail::first_failure({detail::check_request_text("subscriptionId", c.id),
                                              detail::check_subscription(c.callback_id, c.name, c.event_types,
                                                                         c.filters)}))
            return why;
    return std::nullopt;
}

SFMC_SMS_ENS_DECL http_request
update_subscriptions::make_request(endpoint const& rest, access_token const& token) const
{
    boost::json::array body;
    for (auto const& c : changes)
        body.push_back(boost::json::object{{"subscriptionId", c.id},
                                           {"callbackId", c.callback_id},
                                           {"subscriptionName", c.name},
                                           {"eventCategoryTypes", detail::json_strings(c.event_types)},
                                           {"filters", detail::json_strings(c.filters)},
                                           {"status", to_string(c.state)},
                                           {"statusReason", c.status_reason}});
    return sfmc::sms::detail::make_json_request("PUT", rest, subscriptions_route, {}, token,
                                                boost::json::serialize(body));
}

SFMC_SMS_ENS_DECL api_result<update_subscriptions::value_type>
update_subscriptions::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_list<subscription>(res, opt, detail::read_subscription);
}

SFMC_SMS_ENS_DECL std::optional<failure> delete_subscription::validate() const
{
    return detail::check_request_text("subscriptionId", id);
}

SFMC_SMS_ENS_DECL http_request
delete_subscription::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("DELETE", rest, subscriptions_route, id, token);
}

SFMC_SMS_ENS_DECL api_result<delete_subscription::value_type>
delete_subscription::decode(http_response const& res, decode_options const& opt) const
{
    if (auto refused = sfmc::sms::detail::refuse_status(res, opt))
        return std::move(*refused);
    return deleted{id};
}

} // namespace sfmc::sms::ens

#endif
