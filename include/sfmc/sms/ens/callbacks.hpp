// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_CALLBACKS_HPP
#define SFMC_SMS_ENS_CALLBACKS_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/ens/deleted.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/secret.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <initializer_list>
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
inline std::optional<failure> check_callback_url(std::string_view url)
{
    auto const refuse = [&](char const* why) {
        return failure(error::bad_callback_url, "\"" + std::string(url.substr(0, 200)) + "\": " + why);
    };
    if (url.size() > 2048 || !sfmc::sms::detail::is_request_text(url))
        return refuse("not a URL of printable text (at most 2048 bytes)");
    auto const u = boost::urls::parse_uri(url);
    if (!u)
        return refuse("not a URL");
    if (u->scheme_id() != boost::urls::scheme::https)
        return refuse("ENS posts to https:// only");
    if (!u->has_authority() || u->encoded_host().empty())
        return refuse("no host");
    if (u->has_userinfo())
        return refuse("userinfo is not allowed");
    if (u->has_port())
        return refuse("ENS takes no port: 443 is implied");
    if (u->has_query() || u->has_fragment())
        return refuse("ENS takes no query or fragment");
    return std::nullopt;
}

/// Checks a `maxBatchSize`: 100 to 1000, else `error::bad_batch_size`.
inline std::optional<failure> check_batch_size(int size)
{
    if (size >= 100 && size <= 1000)
        return std::nullopt;
    return failure(error::bad_batch_size, std::to_string(size) + " is outside 100 to 1000");
}

namespace detail {

// A required request value: not empty, printable UTF-8.
inline std::optional<failure> check_request_text(std::string_view what, std::string_view value)
{
    if (!value.empty() && value.size() <= 1024 && sfmc::sms::detail::is_request_text(value))
        return std::nullopt;
    return failure(error::bad_ens_request, std::string(what) + " is empty, longer than 1024 bytes or not printable UTF-8");
}

// The first of several checks that fails.
inline std::optional<failure> first_failure(std::initializer_list<std::optional<failure>> checks)
{
    for (auto const& c : checks)
        if (c)
            return c;
    return std::nullopt;
}

inline callback read_callback(sfmc::sms::detail::answer_object& o)
{
    callback c;
    c.id = o.required_text("callbackId");
    c.name = o.text("callbackName").value_or("");
    c.url = o.text("url").value_or("");
    c.max_batch_size = o.integer("maxBatchSize");
    c.status = o.text("status").value_or("");
    c.status_reason = o.text("statusReason").value_or("");
    if (auto key = o.text("signatureKey"))
        c.signature_key.emplace(std::move(*key));
    return c;
}

// An answer that may hold a new signatureKey: a failure to read it keeps none of its text.
template <class T>
api_result<T> without_key_text(api_result<T> r)
{
    if (r || r.error().http_status < 200 || r.error().http_status > 299)
        return r;
    auto f = std::move(r).error(); // error() gives a copy: change the failure itself
    f.raw_body.clear();
    return f;
}

} // namespace detail

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
    std::optional<failure> validate() const
    {
        if (callbacks.empty())
            return failure(error::bad_ens_request, "no callback to create");
        for (auto const& c : callbacks)
            if (auto why = detail::first_failure({detail::check_request_text("callbackName", c.name),
                                                  check_callback_url(c.url), check_batch_size(c.max_batch_size)}))
                return why;
        return std::nullopt;
    }

    /// The POST, its body a JSON array of `{callbackName, url, maxBatchSize}`.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        boost::json::array body;
        for (auto const& c : callbacks)
            body.push_back(boost::json::object{{"callbackName", c.name}, {"url", c.url}, {"maxBatchSize", c.max_batch_size}});
        return sfmc::sms::detail::make_json_request("POST", rest, callbacks_route, {}, token, boost::json::serialize(body));
    }

    /// The callbacks made; `error::not_modified` when they exist already.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        return detail::without_key_text(sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback));
    }
};

/// `GET /platform/v1/ens-callbacks`: every callback of the account.
struct list_callbacks {
    /// What a success holds.
    using value_type = std::vector<callback>;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback list";

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        return sfmc::sms::detail::make_json_request("GET", rest, callbacks_route, {}, token);
    }

    /// The callbacks (an empty list when there are none).
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        return sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback);
    }
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
    std::optional<failure> validate() const { return detail::check_request_text("callbackId", id); }

    /// The GET.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        return sfmc::sms::detail::make_json_request("GET", rest, callbacks_route, id, token);
    }

    /// The callback; `error::not_found` for an unknown id.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        return sfmc::sms::detail::decode_json_one<callback>(res, opt, detail::read_callback);
    }
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
    std::optional<failure> validate() const
    {
        if (changes.empty())
            return failure(error::bad_ens_request, "no callback to update");
        for (auto const& c : changes)
            if (auto why = detail::first_failure({detail::check_request_text("callbackId", c.id),
                                                  detail::check_request_text("callbackName", c.name),
                                                  check_batch_size(c.max_batch_size)}))
                return why;
        return std::nullopt;
    }

    /// The PUT, its body a JSON array of `{callbackId, callbackName, maxBatchSize}`.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        boost::json::array body;
        for (auto const& c : changes)
            body.push_back(boost::json::object{
                {"callbackId", c.id}, {"callbackName", c.name}, {"maxBatchSize", c.max_batch_size}});
        return sfmc::sms::detail::make_json_request("PUT", rest, callbacks_route, {}, token, boost::json::serialize(body));
    }

    /// The callbacks as changed.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        return sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback);
    }
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
    std::optional<failure> validate() const { return detail::check_request_text("callbackId", id); }

    /// The DELETE.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        return sfmc::sms::detail::make_json_request("DELETE", rest, callbacks_route, id, token);
    }

    /// Any 2xx is the deletion.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        if (auto refused = sfmc::sms::detail::refuse_status(res, opt))
            return std::move(*refused);
        return deleted{id};
    }
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
    std::optional<failure> validate() const { return detail::check_request_text("callbackId", callback_id); }

    /// The PUT, its body `[{"callbackId": …}]`.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        boost::json::array body{boost::json::object{{"callbackId", callback_id}}};
        return sfmc::sms::detail::make_json_request("PUT", rest, route, {}, token, boost::json::serialize(body));
    }

    /// The callback and its new key; a failure to read the answer keeps none of its text.
    api_result<value_type> decode(http_response const& res, decode_options const& opt) const
    {
        auto c = sfmc::sms::detail::decode_json_one<callback>(res, opt, detail::read_callback);
        if (c && !c->signature_key) {
            failure f(error::missing_field, "field \"signatureKey\" is missing");
            f.http_status = res.status;
            return f;
        }
        return detail::without_key_text(std::move(c));
    }
};

static_assert(route_behind_token<create_callbacks> && route_behind_token<list_callbacks> &&
              route_behind_token<get_callback> && route_behind_token<update_callbacks> &&
              route_behind_token<delete_callback> && route_behind_token<regenerate_signature_key>);

} // namespace sfmc::sms::ens

#endif
