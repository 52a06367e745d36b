// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TRANSPORT_OPTIONS_HPP
#define SFMC_SMS_TRANSPORT_OPTIONS_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/limits.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace sfmc::sms {

/** How the ready transports (libcurl, Beast) connect. The defaults are safe: TLS verified
    against the system's CAs, no redirects, responses bounded.

    @par Example
    @code
    sfmc::sms::curl_transport http({.timeout = std::chrono::seconds{10}, .ca_file = "emulator-ca.pem"});
    @endcode
*/
struct transport_options {
    /// Limit for resolving and connecting (TCP and TLS).
    std::chrono::milliseconds connect_timeout{10'000};
    /// Limit for a whole exchange, connection included.
    std::chrono::milliseconds timeout{30'000};
    /// A PEM file of CA certificates to trust in addition to the system's (e.g. a local
    /// emulator's); empty for the system's only.
    std::string ca_file{};
    /// A connection idle longer than this is not reused. The API closes idle connections
    /// after 5 s, so reusing one older than that would fail.
    std::chrono::seconds max_idle{4};
    /// A response body larger than this ends the exchange with `error::body_too_large`.
    std::size_t max_body_size = limits::response_bytes;
    /// Response headers beyond these limits (count, total bytes) end it the same way.
    std::size_t max_headers = 100;
    /// The most bytes of headers a response may have.
    std::size_t max_header_bytes = 64 * 1024;
};

} // namespace sfmc::sms

#endif
