// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_VERIFICATION_HPP
#define SFMC_SMS_ENS_VERIFICATION_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/route.hpp>

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
SFMC_SMS_ENS_DECL std::optional<verification_request> parse_verification_request(std::string_view body);

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
    http_request make_request(endpoint const& rest, access_token const& token) const;

    /// Any 2xx is the verification; otherwise the API's error (404: wrong id or key).
    api_result<callback_verified> decode(http_response const& res, decode_options const& opt) const;

    /// The verification key: a server that echoes it must not get it printed.
    std::string_view secret() const noexcept { return request.verification_key; }
};

static_assert(route_behind_token<verify_callback>);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/verification.ipp>
#endif

#endif
