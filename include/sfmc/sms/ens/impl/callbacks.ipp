// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_CALLBACKS_IPP
#define SFMC_SMS_ENS_IMPL_CALLBACKS_IPP

// callbacks.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION. Boost.JSON's DOM and Boost.URL's
// parser are needed here only, never by a translation unit that merely names a route.

#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/ens/callbacks.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include <initializer_list>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL std::optional<failure> check_callback_url(std::string_view url)
{
    auto const refuse = [&](char const* why) {
        // Appended, not `"\"" + std::string(...)`: GCC 12 at -O3 warns falsely (-Wrestrict) on that.
        std::string text = "\"";
        text.append(url.substr(0, 200)).append("\": ").append(why);
        return failure(error::bad_callback_url, std::move(text));
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

SFMC_SMS_ENS_DECL std::optional<failure> check_batch_size(int size)
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

// A callback from its answer object.
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

SFMC_SMS_ENS_DECL std::optional<failure> create_callbacks::validate() const
{
    if (callbacks.empty())
        return failure(error::bad_ens_request, "no callback to create");
    for (auto const& c : callbacks)
        if (auto why = detail::first_failure({detail::check_request_text("callbackName", c.name),
                                              check_callback_url(c.url), check_batch_size(c.max_batch_size)}))
            return why;
    return std::nullopt;
}

SFMC_SMS_ENS_DECL http_request
create_callbacks::make_request(endpoint const& rest, access_token const& token) const
{
    boost::json::array body;
    for (auto const& c : callbacks)
        body.push_back(boost::json::object{{"callbackName", c.name}, {"url", c.url}, {"maxBatchSize", c.max_batch_size}});
    return sfmc::sms::detail::make_json_request("POST", rest, callbacks_route, {}, token, boost::json::serialize(body));
}

SFMC_SMS_ENS_DECL api_result<create_callbacks::value_type>
create_callbacks::decode(http_response const& res, decode_options const& opt) const
{
    return detail::without_key_text(sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback));
}

SFMC_SMS_ENS_DECL http_request
list_callbacks::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("GET", rest, callbacks_route, {}, token);
}

SFMC_SMS_ENS_DECL api_result<list_callbacks::value_type>
list_callbacks::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback);
}

SFMC_SMS_ENS_DECL std::optional<failure> get_callback::validate() const
{
    return detail::check_request_text("callbackId", id);
}

SFMC_SMS_ENS_DECL http_request
get_callback::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("GET", rest, callbacks_route, id, token);
}

SFMC_SMS_ENS_DECL api_result<get_callback::value_type>
get_callback::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_one<callback>(res, opt, detail::read_callback);
}

SFMC_SMS_ENS_DECL std::optional<failure> update_callbacks::validate() const
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

SFMC_SMS_ENS_DECL http_request
update_callbacks::make_request(endpoint const& rest, access_token const& token) const
{
    boost::json::array body;
    for (auto const& c : changes)
        body.push_back(boost::json::object{
            {"callbackId", c.id}, {"callbackName", c.name}, {"maxBatchSize", c.max_batch_size}});
    return sfmc::sms::detail::make_json_request("PUT", rest, callbacks_route, {}, token, boost::json::serialize(body));
}

SFMC_SMS_ENS_DECL api_result<update_callbacks::value_type>
update_callbacks::decode(http_response const& res, decode_options const& opt) const
{
    return sfmc::sms::detail::decode_json_list<callback>(res, opt, detail::read_callback);
}

SFMC_SMS_ENS_DECL std::optional<failure> delete_callback::validate() const
{
    return detail::check_request_text("callbackId", id);
}

SFMC_SMS_ENS_DECL http_request
delete_callback::make_request(endpoint const& rest, access_token const& token) const
{
    return sfmc::sms::detail::make_json_request("DELETE", rest, callbacks_route, id, token);
}

SFMC_SMS_ENS_DECL api_result<delete_callback::value_type>
delete_callback::decode(http_response const& res, decode_options const& opt) const
{
    if (auto refused = sfmc::sms::detail::refuse_status(res, opt))
        return std::move(*refused);
    return deleted{id};
}

SFMC_SMS_ENS_DECL std::optional<failure> regenerate_signature_key::validate() const
{
    return detail::check_request_text("callbackId", callback_id);
}

SFMC_SMS_ENS_DECL http_request
regenerate_signature_key::make_request(endpoint const& rest, access_token const& token) const
{
    boost::json::array body{boost::json::object{{"callbackId", callback_id}}};
    return sfmc::sms::detail::make_json_request("PUT", rest, route, {}, token, boost::json::serialize(body));
}

SFMC_SMS_ENS_DECL api_result<regenerate_signature_key::value_type>
regenerate_signature_key::decode(http_response const& res, decode_options const& opt) const
{
    auto c = sfmc::sms::detail::decode_json_one<callback>(res, opt, detail::read_callback);
    if (c && !c->signature_key) {
        failure f(error::missing_field, "field \"signatureKey\" is missing");
        f.http_status = res.status;
        return f;
    }
    return detail::without_key_text(std::move(c));
}

} // namespace sfmc::sms::ens

#endif
