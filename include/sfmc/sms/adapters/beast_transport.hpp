// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ADAPTERS_BEAST_TRANSPORT_HPP
#define SFMC_SMS_ADAPTERS_BEAST_TRANSPORT_HPP

// Opt-in: include this header yourself and link OpenSSL (OpenSSL::SSL) and threads. Neither
// <sfmc/sms.hpp> nor the single header includes it. Unlike the rest of the library it needs
// exceptions enabled: Beast 1.81 throws in its own headers.

#include <sfmc/sms/adapters/beast_async_transport.hpp>
#include <sfmc/sms/detail/config.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>

namespace sfmc::sms {

/** A synchronous transport over Boost.Beast: TCP or TLS, with timeouts.

    It runs @ref beast_async_transport on an `io_context` of its own, so it has the same
    behaviour (kept connection, verified TLS, no redirects, bounded responses) and its
    timeouts hold for blocking calls too. Not thread-safe: use one per thread.

    @par Example
    @code
    sfmc::sms::beast_transport http({.timeout = std::chrono::seconds{10}});
    sfmc::sms::client sms(http, rest, token);
    @endcode
*/
class beast_transport {
public:
    /// A transport with an `io_context` of its own.
    explicit beast_transport(transport_options opt = {}) : async_(io_.get_executor(), std::move(opt)) {}

    beast_transport(beast_transport const&) = delete;
    beast_transport& operator=(beast_transport const&) = delete;

    /// Sends `req` as it is and returns the response, whatever its status, or why there is none.
    result<http_response> send(http_request const& req)
    {
        std::optional<result<http_response>> outcome;
        boost::asio::co_spawn(io_, async_.async_send(req), [&](std::exception_ptr e, result<http_response> r) {
            outcome = e ? result<http_response>(error::transport_failed) : std::move(r);
        });
        io_.restart();
        io_.run();
        return outcome ? std::move(*outcome) : result<http_response>(error::transport_failed);
    }

private:
    boost::asio::io_context io_;
    beast_async_transport async_;
};

} // namespace sfmc::sms

#endif
