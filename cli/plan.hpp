// What the connection options resolve to: credentials and endpoints, checked before
// anything is sent. Both commands take these options.
#ifndef SFMC_SMS_CLI_PLAN_HPP
#define SFMC_SMS_CLI_PLAN_HPP

#include <sfmc/sms.hpp>

#include "options.hpp"

#include <optional>
#include <string>
#include <variant>

namespace cli {

// What the options resolve to, checked before anything is sent.
struct plan {
    std::optional<sfmc::sms::client_credentials> credentials; // when given, wins over token
    std::optional<sfmc::sms::access_token> token;
    std::optional<sfmc::sms::endpoint> rest; // none: the token's rest_instance_url
    std::optional<sfmc::sms::endpoint> auth;
};

// An endpoint from its URL option, else from the subdomain, else none.
inline std::variant<std::optional<sfmc::sms::endpoint>, usage_error> endpoint_option(
    connection_options const& opt, std::optional<std::string> const& url, char const* option, sfmc::sms::endpoint::api which)
{
    if (url) {
        auto e = sfmc::sms::endpoint::from_url(*url);
        if (!e)
            return usage_error{std::string(option) + ": " + e.error().message()};
        return std::optional(std::move(*e));
    }
    if (opt.subdomain) {
        auto e = sfmc::sms::endpoint::from_subdomain(*opt.subdomain, which);
        if (!e)
            return usage_error{"--subdomain: " + e.error().message()};
        return std::optional(std::move(*e));
    }
    return std::optional<sfmc::sms::endpoint>();
}

inline std::variant<plan, usage_error> make_plan(connection_options const& opt)
{
    plan p;
    if (opt.client_id || opt.client_secret) {
        if (!opt.client_id || !opt.client_secret)
            return usage_error{"--client-id and --client-secret go together"};
        auto c = sfmc::sms::client_credentials::make(*opt.client_id, *opt.client_secret, opt.account_id.value_or(""));
        if (!c)
            return usage_error{c.error().message()};
        p.credentials = std::move(*c);
    } else if (opt.token) {
        auto t = sfmc::sms::access_token::make(*opt.token);
        if (!t)
            return usage_error{"the access token is not usable: " + t.error().message()};
        p.token = std::move(*t);
    } else {
        return usage_error{"no credentials: give --token (SFMC_ACCESS_TOKEN) or --client-id and --client-secret"};
    }

    auto rest = endpoint_option(opt, opt.rest_url, "--rest-url", sfmc::sms::endpoint::api::rest);
    if (auto* e = std::get_if<usage_error>(&rest))
        return *e;
    auto auth = endpoint_option(opt, opt.auth_url, "--auth-url", sfmc::sms::endpoint::api::auth);
    if (auto* e = std::get_if<usage_error>(&auth))
        return *e;
    p.rest = std::move(std::get<0>(rest));
    p.auth = std::move(std::get<0>(auth));
    if (p.credentials && !p.auth)
        return usage_error{"no auth endpoint: give --subdomain or --auth-url (or SFMC_SUBDOMAIN, SFMC_AUTH_URL)"};
    if (p.token && !p.rest)
        return usage_error{"no REST endpoint: give --subdomain or --rest-url (or SFMC_SUBDOMAIN, SFMC_REST_URL)"};
    return p;
}

} // namespace cli

#endif
