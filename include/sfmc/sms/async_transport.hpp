// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ASYNC_TRANSPORT_HPP
#define SFMC_SMS_ASYNC_TRANSPORT_HPP

// Opt-in: needs Boost.Asio's coroutine support (headers only). Not included by <sfmc/sms.hpp>,
// whose users need not pay Asio's compile time.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>

#include <boost/asio/awaitable.hpp>

#include <concepts>

namespace sfmc::sms {

/** The seam to an HTTP stack for Asio C++20 coroutines: `co_await t.async_send(req)`.

    The asynchronous twin of `transport`, with the same rules: send the request exactly
    as it is, return every HTTP status as data, never follow a redirect, never retry, and
    report a failure to get any response as an error code.

    @par Valid expressions
    With `t` an lvalue of type `T` and `req` an `http_request const&`:
    | expression | type | semantics |
    |------------|------|-----------|
    | `t.async_send(req)` | `boost::asio::awaitable<result<http_response>>` | as `transport`'s `send`, suspending instead of blocking; `req` stays alive until the awaitable completes |

    One exchange at a time per transport object, as with a Beast stream: concurrent
    coroutines use one transport each (they may share a token provider).

    @par Exemplar
    @code
    struct exemplar_async_transport {
        boost::asio::awaitable<sfmc::sms::result<sfmc::sms::http_response>> async_send(sfmc::sms::http_request const&);
    };
    static_assert(sfmc::sms::async_transport<exemplar_async_transport>);
    @endcode

    @par Models
    `beast_async_transport` (`<sfmc/sms/adapters/beast_async_transport.hpp>`), or any user type
    of the shape above.
*/
template <class T>
concept async_transport = requires(T& t, http_request const& req) {
    { t.async_send(req) } -> std::same_as<boost::asio::awaitable<result<http_response>>>;
};

namespace detail {
struct exemplar_async_transport {
    boost::asio::awaitable<result<http_response>> async_send(http_request const&);
};
static_assert(async_transport<exemplar_async_transport>);
} // namespace detail

} // namespace sfmc::sms

#endif
