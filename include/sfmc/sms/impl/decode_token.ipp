// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_DECODE_TOKEN_IPP
#define SFMC_SMS_IMPL_DECODE_TOKEN_IPP

// The definition of decode_token.hpp's heavy part: inline in header-only mode, compiled
// once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>

#include <array>

namespace sfmc::sms {

SFMC_SMS_DECL api_result<token_response> decode_token(http_response const& res, decode_options const& opt)
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

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, token_response const& t)
{
    out << t.token << ", expires in " << t.expires_in.count() << " s";
    if (t.rest_instance_url)
        out << ", REST " << *t.rest_instance_url;
    return out;
}

} // namespace sfmc::sms

#endif
