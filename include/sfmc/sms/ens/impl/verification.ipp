// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_VERIFICATION_IPP
#define SFMC_SMS_ENS_IMPL_VERIFICATION_IPP

// verification.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/ens/verification.hpp>

#include <array>

namespace sfmc::sms::ens {

SFMC_SMS_ENS_DECL std::optional<verification_request> parse_verification_request(std::string_view body)
{
    enum { callback_id, verification_key, count };
    std::array<sfmc::sms::detail::json_field, count> fields{{{"callbackId"}, {"verificationKey"}}};
    if (body.size() > 64 * 1024 || !sfmc::sms::detail::read_json_fields(body, fields, 4))
        return std::nullopt;
    for (auto const& f : fields)
        if (f.kind != sfmc::sms::detail::json_kind::string || f.text.empty())
            return std::nullopt;
    return verification_request{std::move(fields[callback_id].text), std::move(fields[verification_key].text)};
}

SFMC_SMS_ENS_DECL http_request
verify_callback::make_request(endpoint const& rest, access_token const& token) const
{
    std::string body = R"({"callbackId":)";
    sfmc::sms::detail::append_json_string(body, request.callback_id);
    body += R"(,"verificationKey":)";
    sfmc::sms::detail::append_json_string(body, request.verification_key);
    body += '}';
    return sfmc::sms::detail::make_json_request("POST", rest, route, {}, token, body);
}

SFMC_SMS_ENS_DECL api_result<callback_verified>
verify_callback::decode(http_response const& res, decode_options const& opt) const
{
    if (res.status < 200 || res.status > 299)
        return decode_error(res, opt);
    return callback_verified{request.callback_id};
}

} // namespace sfmc::sms::ens

#endif
