// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_TOKEN_HPP
#define SFMC_SMS_DECODE_TOKEN_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>

namespace sfmc::sms {

/// What the token endpoint grants.
struct token_response {
    /// The bearer token.
    access_token token;
    std::string token_type;                      ///< "Bearer"
    std::chrono::seconds expires_in;             ///< about 1080 s; the real lifetime is 20 minutes
    /// The scopes granted, space-separated.
    std::optional<std::string> scope;
    std::optional<std::string> rest_instance_url; ///< the tenant's REST base, e.g. "https://mc….rest.marketingcloudapis.com/"
    /// The tenant's SOAP base.
    std::optional<std::string> soap_instance_url;

    /// What was granted, the token itself redacted.
    friend std::ostream& operator<<(std::ostream& out, token_response const& t)
    {
        out << t.token << ", expires in " << t.expires_in.count() << " s";
        if (t.rest_instance_url)
            out << ", REST " << *t.rest_instance_url;
        return out;
    }
};

/** Decodes the token endpoint's answer: the token, or why there is none.

    Outside 2xx the failure carries the OAuth error in `oauth` ("invalid_client" and its
    description). `access_token` (a usable token) and `expires_in` (a positive integer) are
    required. A failure of a 2xx answer keeps no raw body: a token response is a secret,
    even a malformed one. The checks before parsing and the size and depth limits are the
    status decoder's.

    @par Specification
    Marketing Cloud "access-token-s2s"; RFC 6749 sections 5.1 and 5.2.
*/
inline api_result<token_response> decode_token(http_response const& res, decode_options const& opt = {})
{
    auto const refuse = [&](failure f) {
        f.http_status = res.status;
        if (res.status >= 200 && res.status <= 299)
            f.raw_body.clear(); // it may hold the token
        return f;
    };
    if (auto refused = detail::refuse_json_answer(res, opt))
        return refuse(std::move(*refused));

    enum { access_token_field, token_type, expires_in, scope, rest_instance_url, soap_instance_url, count };
    std::array<detail::json_field, count> fields{
        {{"access_token"}, {"token_type"}, {"expires_in"}, {"scope"}, {"rest_instance_url"}, {"soap_instance_url"}}};
    if (auto read = detail::read_json_fields(res.body, fields, opt.max_depth); !read)
        return refuse(std::move(read).error());

    detail::field_converter in(fields);
    auto token_text = in.required_string(access_token_field);
    auto type = in.optional_string(token_type);
    auto lifetime = in.required_int(expires_in);
    auto granted_scope = in.optional_string(scope);
    auto rest = in.optional_string(rest_instance_url);
    auto soap = in.optional_string(soap_instance_url);
    if (in.error())
        return refuse(*in.error());
    if (*lifetime <= 0)
        return refuse({error::wrong_field_type, "field \"expires_in\" must be a positive number of seconds"});
    auto token = access_token::make(token_text);
    if (!token)
        return refuse({error::wrong_field_type, "field \"access_token\" is not a usable token"});
    return token_response{std::move(*token), type.value_or(""), std::chrono::seconds{*lifetime}, std::move(granted_scope),
                          std::move(rest), std::move(soap)};
}

} // namespace sfmc::sms

#endif
