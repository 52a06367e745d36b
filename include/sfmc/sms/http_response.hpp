// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_HTTP_RESPONSE_HPP
#define SFMC_SMS_HTTP_RESPONSE_HPP

#include <sfmc/sms/detail/config.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sfmc::sms {

/// One header of a response, as received.
struct http_header {
    /// The header's name, as received.
    std::string name;
    /// The header's value, as received.
    std::string value;
    /// Same name (case counts) and value.
    friend bool operator==(http_header const&, http_header const&) = default;
};

/** An HTTP response as a plain value: what a transport hands back, whatever the status.

    Every status is data: a transport fills this in for 200, 302, 429 and 500 alike and
    leaves judging them to the decoder.
*/
struct http_response {
    /// The HTTP status code.
    int status = 0;
    /// The headers, in the order received.
    std::vector<http_header> headers;
    /// The body, whole.
    std::string body;

    /// The first header named `name` (compared without regard to case), without the
    /// optional white space around it.
    std::optional<std::string_view> header(std::string_view name) const noexcept;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/http_response.ipp>
#endif

#endif
