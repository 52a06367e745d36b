// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_CALLBACKS_HPP
#define SFMC_SMS_ENS_CALLBACKS_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/ens/deleted.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/secret.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// The ENS callback management calls as routes: create, list, get, update, delete, and
// regenerate the signature key. Each is a request builder and a decoder; a client (blocking
// or coroutine) runs them with tokens, the 401 refresh and retries: `client.run(route)`.
namespace sfmc::sms::ens {

/// The route of the callback calls, appended to the REST base.
inline constexpr std::string_view callbacks_route = "/platform/v1/ens-callbacks";

/// A callback to create (`POST /platform/v1/ens-callbacks`).
struct new_callback {
    std::string name{};            ///< `callbackName`
    std::string url{};             ///< `https://host[/path]`: no port, query or fragment
    int max_batch_size = 1000;   ///< `maxBatchSize`: events per batch, 100 to 1000
};

/// A change to a callback (`PUT /platform/v1/ens-callbacks`): its name and batch size.
struct callback_change {
    std::string id{};              ///< `callbackId`
    std::string name{};            ///< `callbackName`
    int max_batch_size = 1000;   ///< `maxBatchSize`, 100 to 1000
};

/// A callback as the API describes it.
struct callback {
    std::string id{};                      ///< `callbackId`
    std::string name{};                    ///< `callbackName`
    std::string url{};                     ///< `url`
    std::optional<int> max_batch_size{};   ///< `maxBatchSize`
    std::string status{};                  ///< `status`, e.g. "verified"; empty when not given
    std::string status_reason{};           ///< `statusReason`
    /// `signatureKey`: given only by a creation and by @ref regenerate_signature_key. A secret.
    std::optional<secret> signature_key{};

    /// "callback NAME (ID) URL STATUS": never the key.
    friend std::ostream& operator<<(std::ostream& out, callback const& c)
    {
        out << "callback " << c.name << " (" << c.id << ") " << c.url;
        if (!c.status.empty())
            out << ' ' << c.status;
        return out;
    }
};

/** Checks a callback URL as ENS takes it: `https://host[/path]`, with no userinfo, port,
    query or fragment. nullopt when it will do; otherwise `error::bad_callback_url`, saying why.
*/
SFMC_SMS_ENS_DECL std::optional<failure> check_callback_url(std::string_view url);

/// Checks a `maxBatchSize`: 100 to 1000, else `error::bad_batch_size`.
SFMC_SMS_ENS_DECL std::optional<failure> check_batch_size(int size);

/** `POST /platform/v1/ens-callbacks`: creates callbacks; the answer gives each one's
    `callbackId` and `signatureKey` (a @ref secret, shown by the API only now and by
    @ref regenerate_signature_key).

    While this runs, ENS POSTs its verification request to each URL, which must answer 200
    (see `parse_verification_request`, `verify_callback`). Checked before sending: at least
    one callback, a name, `check_callback_url`, `check_batch_size`. A callback that exists
    already is `error::not_modified` (HTTP 304).

    @par Example
    @code
    auto made = client.run(sfmc::sms::ens::create_callbacks{{{.name = "status", .url = "https://hooks.example.com/ens"}}});
    @endcode
*/
struct create_callbacks {
    /// What a success holds: the callbacks made, in order.
    using value_type = std::vector<callback>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback creation";

    /// The callbacks to create.
    std::vector<new_callback> callbacks{};

    /// Nothing is sent for a callback ENS would refuse.
    std::optional<failure> validate() const;

    /// The POST, its body a JSON array of `{callbackName, url, maxBatchSize}`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The callbacks made; `error::not_modified` when they exist already.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/// `GET /platform/v1/ens-callbacks`: every callback of the account.
struct list_callbacks {
    /// What a success holds.
    using value_type = std::vector<callback>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback list";

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The callbacks (an empty list when there are none).
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/// `GET /platform/v1/ens-callbacks/{callbackId}`: one callback, its `status` among others.
struct get_callback {
    /// What a success holds.
    using value_type = callback;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback lookup";

    /// The callback's id, sent as one path segment.
    std::string id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The callback; `error::not_found` for an unknown id.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/** `PUT /platform/v1/ens-callbacks`: renames callbacks or changes their batch size (the
    API says a change can take two minutes to apply).
*/
struct update_callbacks {
    /// What a success holds: the callbacks as changed.
    using value_type = std::vector<callback>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback update";

    /// The changes.
    std::vector<callback_change> changes{};

    /// Nothing is sent for a change ENS would refuse.
    std::optional<failure> validate() const;

    /// The PUT, its body a JSON array of `{callbackId, callbackName, maxBatchSize}`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The callbacks as changed.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/** `DELETE /platform/v1/ens-callbacks/{callbackId}`. A callback that subscriptions still use
    is not deleted: `error::conflict` (HTTP 409); delete them first.
*/
struct delete_callback {
    /// What a success holds.
    using value_type = deleted;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback deletion";

    /// The callback's id, sent as one path segment.
    std::string id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The DELETE.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// Any 2xx is the deletion.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

/** `PUT /platform/v1/ens-regenerate`: a new `signatureKey` for a callback; the old one
    stops signing. Receivers accept both while they change over (two keys).
*/
struct regenerate_signature_key {
    /// What a success holds: the callback, with its new key.
    using value_type = callback;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS signature key regeneration";
    /// The route appended to the REST base.
    static constexpr std::string_view route = "/platform/v1/ens-regenerate";
    /// A PUT that is not idempotent: each one makes a new key, and the one before stops signing.
    static constexpr bool idempotent = false;

    /// The callback whose key to replace.
    std::string callback_id{};

    /// Nothing is sent without an id.
    std::optional<failure> validate() const;

    /// The PUT, its body `[{"callbackId": …}]`.
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// The callback and its new key; a failure to read the answer keeps none of its text.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const;
};

static_assert(route_behind_token<create_callbacks> && route_behind_token<list_callbacks> &&
              route_behind_token<get_callback> && route_behind_token<update_callbacks> &&
              route_behind_token<delete_callback> && route_behind_token<regenerate_signature_key>);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/callbacks.ipp>
#endif

#endif
