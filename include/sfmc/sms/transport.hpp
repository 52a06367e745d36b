// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TRANSPORT_HPP
#define SFMC_SMS_TRANSPORT_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>

#include <concepts>

namespace sfmc::sms {

/** The one seam to an HTTP stack: send a request, get the response or a transport error.

    @par Valid expressions
    With `t` an lvalue of type `T` and `req` an `http_request const&`:
    | expression   | type                           | semantics |
    |--------------|--------------------------------|-----------|
    | `t.send(req)` | convertible to `result<http_response>` | sends `req` exactly as it is (method, target byte for byte, headers, body) and returns the response, whatever its status; or an error code when no response came back (refused, reset, TLS failure, timeout) |

    A transport never follows redirects (a 302 is returned as data: following it would hand
    the bearer token to another host), never retries on its own, and may keep connections
    open between calls: it is taken by reference and reused.

    @par Exemplar
    @code
    struct exemplar_transport {
        sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const&);
    };
    static_assert(sfmc::sms::transport<exemplar_transport>);
    @endcode

    @par Models
    Any user type of the shape above; the library's tests use fakes that replay canned
    responses. Ready adapters for libcurl and Boost.Beast are opt-in headers.
*/
template <class T>
concept transport = requires(T& t, http_request const& req) {
    { t.send(req) } -> std::convertible_to<result<http_response>>;
};

namespace detail {
struct exemplar_transport {
    result<http_response> send(http_request const&);
};
static_assert(transport<exemplar_transport>);
} // namespace detail

} // namespace sfmc::sms

#endif
