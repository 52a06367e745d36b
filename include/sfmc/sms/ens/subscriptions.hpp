// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SUBSCRIPTIONS_HPP
#define SFMC_SMS_ENS_SUBSCRIPTIONS_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/ens/callbacks.hpp>
#include <sfmc/sms/ens/deleted.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/route.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// The ENS subscription calls as routes: create, get, list a callback's, update (pause,
// resume), delete. A subscription sends a callback the events of the types it names that
// pass all its filters.
namespace sfmc::sms::ens {

/// The route of the subscription calls, appended to the REST base.
inline constexpr std::string_view subscriptions_route = "/platform/v1/ens-subscriptions";

/// Every transactional SMS event type, as ENS names them: what a status subscription asks
/// for, ready to pass where event types are taken (`.event_types = sms_event_types()`).
SFMC_SMS_ENS_DECL std::vector<std::string> sms_event_types();

/// Whether a subscription sends events. Events raised while it is paused are dropped by ENS.
enum class subscription_state {
    active, ///< "active"
    paused, ///< "paused"
};

/// The API's text of a state: "active" or "paused".
constexpr std::string_view to_string(subscription_state s) noexcept
{
    return s == subscription_state::paused ? "paused" : "active";
}

/// A subscription to create (`POST /platform/v1/ens-subscriptions`).
struct new_subscription {
    std::string callback_id{};              ///< `callbackId`: where the events go
    std::string name{};                     ///< `subscriptionName`
    std::vector<std::string> event_types{}; ///< `eventCategoryTypes`, e.g. @ref sms_event_types()
    std::vector<std::string> filters{};     ///< `filters`: `name=value` strings, all must hold
};

/// A change to a subscription (`PUT /platform/v1/ens-subscriptions`): the whole of it, and
/// whether it is active or paused.
struct subscription_change {
    std::string id{};                       ///< `subscriptionId`
    std::string callback_id{};              ///< `callbackId`
    std::string name{};                     ///< `subscriptionName`
    std::vector<std::string> event_types{}; ///< `eventCategoryTypes`
    std::vector<std::string> filters{};     ///< `filters`
    subscription_state state = subscription_state::active; ///< `status`
    std::string status_reason{};            ///< `statusReason`: why, for people
};

/// A subscription as the API describes it.
struct subscription {
    std::string id{};                       ///< `subscriptionId`
    std::string name{};                     ///< `subscriptionName`
    std::string callback_id{};              ///< `callbackId`
    std::vector<std::string> event_types{}; ///< `eventCategoryTypes`
    std::vector<std::string> filters{};     ///< `filters`
    std::string status{};                   ///< `status`: "active", "paused", or another the API adds
    std::string status_reason{};            ///< `statusReason`

    /// True when `status` is "paused" (in any case).
    bool is_paused() const noexcept;

    /// "subscription NAME (ID) STATUS".
    friend std::ostream& operator<<(std::ostream& out, subscription const& s)
    {
        out << "subscription " << s.name << " (" << s.id << ')';
        if (!s.status.empty())
            out << ' ' << s.status;
        return out;
    }
};

/** `POST /platform/v1/ens-subscriptions`: subscribes callbacks to event types. The API
    allows at most 200 subscriptions per callback (its answer says so when one is too many:
    the failure's `message`), and a new one can take two minutes to become active.

    @par Example
    @code
    sfmc::sms::ens::new_subscription s{.callback_id = id, .name = "sms status",
                                       .event_types = sfmc::sms::ens::sms_event_types()};
    auto made = client.run(sfmc::sms::ens::create_subscriptions{{s}});
    @endcode
*/
struct create_subscriptions {
    /// What a success holds: the subscriptions made, in order.
    using value_type = std::vector<subscription>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS subscription creation";

    /// The subscriptions to create.
    std::vector<new_subscription> subscriptions{};

    /// Nothing is sent without a callback, a name and at least one event type each.
    std::optional<failure> validate() const;

    /// The POST, its body a JSON array of `{callbackId, subscriptionName, eventCategoryTypes, filters}`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The subscriptions made; `error::not_modified` when they exist already.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/// `GET /platform/v1/ens-subscriptions/{subscriptionId}`: one subscription.
struct get_subscription {
    /// What a success holds.
    using value_type = subscription;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS subscription lookup";

    /// The subscription's id, sent as one path segment.
    std::string id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The subscription; `error::not_found` for an unknown id.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/// `GET /platform/v1/ens-subscriptions-by-cb/{callbackId}`: a callback's subscriptions.
struct list_subscriptions {
    /// What a success holds.
    using value_type = std::vector<subscription>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS subscription list";
    /// The route appended to the REST base.
    static constexpr std::string_view route = "/platform/v1/ens-subscriptions-by-cb";

    /// The callback whose subscriptions to list, sent as one path segment.
    std::string callback_id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The subscriptions (an empty list when there are none).
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/** `PUT /platform/v1/ens-subscriptions`: changes subscriptions, pausing or resuming them
    among others (`state`).
*/
struct update_subscriptions {
    /// What a success holds: the subscriptions as changed.
    using value_type = std::vector<subscription>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS subscription update";

    /// The changes.
    std::vector<subscription_change> changes{};

    /// Nothing is sent without ids, a name and at least one event type each.
    std::optional<failure> validate() const;

    /// The PUT, its body a JSON array of whole subscriptions with `status` and `statusReason`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The subscriptions as changed.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/// `DELETE /platform/v1/ens-subscriptions/{subscriptionId}`.
struct delete_subscription {
    /// What a success holds.
    using value_type = deleted;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS subscription deletion";

    /// The subscription's id, sent as one path segment.
    std::string id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The DELETE.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// Any 2xx is the deletion.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

static_assert(route_behind_token<create_subscriptions> && route_behind_token<get_subscription> &&
              route_behind_token<list_subscriptions> && route_behind_token<update_subscriptions> &&
              route_behind_token<delete_subscription>);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/subscriptions.ipp>
#endif

#endif
