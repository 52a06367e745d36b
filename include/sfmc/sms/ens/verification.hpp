// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_VERIFICATION_HPP
#define SFMC_SMS_ENS_VERIFICATION_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/detail/json_string.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/route.hpp>

#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms::ens {

/** ENS's verification request: what it POSTs, unsigned, to a callback being created.

    The callback answers 200, then its owner sends the same two values back to the API
    (@ref verify_callback) within four hours.
*/
struct verification_request {
    std::string callback_id;      ///< `callbackId`
    std::string verification_key; ///< `verificationKey`: a one-time secret
};

/** Recognises a verification request: a JSON object whose `callbackId` and
    `verificationKey` are non-empty strings. Anything else (an event batch, a malformed body,
    an object without both) is not one: nullopt.

    @par Specification
    Marketing Cloud "ens-get-started", "Verify the callback".
*/
inline std::optional<verification_request> parse_verification_request(std::string_view body)
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

/// What `POST /platform/v1/ens-verify` gives: the callback it verified.
struct callback_verified {
    std::string callback_id; ///< the callback now verified

    /// "callback ID verified", for logs.
    friend std::ostream& operator<<(std::ostream& out, callback_verified const& v)
    {
        return out << "callback " << v.callback_id << " verified";
    }
};

/** `POST /platform/v1/ens-verify` as a route: sends a verification request back to the
    API, behind a token like any route, so the clients give it tokens, the 401 refresh and
    retries. A 404 means a wrong callback id or key.

    @par Example
    @code
    if (auto v = sfmc::sms::ens::parse_verification_request(body))
        auto verified = client.run(sfmc::sms::ens::verify_callback{*v});
    @endcode
*/
struct verify_callback {
    /// What a success holds.
    using value_type = callback_verified;
    /// What a failure's `request` says.
    static constexpr std::string_view name = "ENS callback verification";
    /// The route appended to the REST base.
    static constexpr std::string_view route = "/platform/v1/ens-verify";
    /// A POST that may be repeated: verifying a callback twice with its key verifies it once.
    static constexpr bool idempotent = true;

    /// What ENS sent the callback.
    verification_request request;

    /// The POST to `rest`, its body `{"callbackId":…,"verificationKey":…}`.
    http_request make_request(endpoint const& rest, access_token const& token) const
    {
        std::string body = R"({"callbackId":)";
        sfmc::sms::detail::append_json_string(body, request.callback_id);
        body += R"(,"verificationKey":)";
        sfmc::sms::detail::append_json_string(body, request.verification_key);
        body += '}';
        return sfmc::sms::detail::make_json_request("POST", rest, route, {}, token, body);
    }

    /// Any 2xx is the verification; otherwise the API's error (404: wrong id or key).
    api_result<callback_verified> decode(http_response const& res, decode_options const& opt) const
    {
        if (res.status < 200 || res.status > 299)
            return decode_error(res, opt);
        return callback_verified{request.callback_id};
    }

    /// The verification key: a server that echoes it must not get it printed.
    std::string_view secret() const noexcept { return request.verification_key; }
};

static_assert(route_behind_token<verify_callback>);

} // namespace sfmc::sms::ens

#endif
