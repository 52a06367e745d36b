// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ROUTE_HPP
#define SFMC_SMS_ROUTE_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>

#include <concepts>

namespace sfmc::sms {

/** One call the API serves: a request builder and a decoder, nothing else.

    A route knows how to write its request and read its answer; a `call` adds the rest
    (the token, its refresh after a 401, retries), so no route carries retry or refresh code.

    @par Valid expressions
    With `r` a `R const&`, `ep` an `endpoint const&`, `tok` an `access_token const&`, `res`
    an `http_response const&` and `opt` a `decode_options const&`:
    | expression | type | semantics |
    |------------|------|-----------|
    | `R::value_type` | | what a success decodes to |
    | `r.make_request(ep, tok)` | `http_request` | a route behind a bearer token: the request to `ep` carrying `tok` |
    | `r.make_request(ep)` | `http_request` | a route that needs no token (the token request itself) |
    | `r.decode(res, opt)` | `api_result<R::value_type>` | the value, or why there is none; never throws |
    | `R::name` | convertible to `std::string_view` | optional: what the request is called in a failure's `request` ("send-status lookup") |
    | `r.secret()` | convertible to `std::string_view` | optional: text the route sends that must never be shown (a client secret); redacted from every failure |
    | `r.validate()` | `std::optional<failure>` | optional: checks the route's values before anything is sent; a failure ends the call at once |
    | `R::idempotent` | `bool` constant | optional: whether the request may be sent again after it may have reached the server (a transport failure, a 5xx). Without it, true for GET, HEAD, PUT, DELETE and OPTIONS (RFC 9110 section 9.2.2), false otherwise. A request that is not is repeated only after 429 and the refresh after a 401, which the server refused; otherwise its failure says `outcome_unknown` |

    Exactly one of the two `make_request` forms is present.

    @par Exemplar
    @code
    struct exemplar_route {
        using value_type = sfmc::sms::message_status;
        sfmc::sms::http_request make_request(sfmc::sms::endpoint const&, sfmc::sms::access_token const&) const;
        sfmc::sms::api_result<value_type> decode(sfmc::sms::http_response const&, sfmc::sms::decode_options const&) const;
    };
    static_assert(sfmc::sms::route<exemplar_route>);
    @endcode

    @par Models
    `status_lookup` (behind a token), `token_grant` (the token request).
*/
template <class R>
concept route =
    std::move_constructible<R> &&
    requires(R const& r, http_response const& res, decode_options const& opt) {
        typename R::value_type;
        { r.decode(res, opt) } -> std::same_as<api_result<typename R::value_type>>;
    } &&
    (requires(R const& r, endpoint const& ep, access_token const& tok) {
        { r.make_request(ep, tok) } -> std::same_as<http_request>;
    } || requires(R const& r, endpoint const& ep) {
        { r.make_request(ep) } -> std::same_as<http_request>;
    });

/// True for a `route` whose requests carry a bearer token.
template <class R>
concept route_behind_token = route<R> && requires(R const& r, endpoint const& ep, access_token const& tok) {
    { r.make_request(ep, tok) } -> std::same_as<http_request>;
};

} // namespace sfmc::sms

#endif
