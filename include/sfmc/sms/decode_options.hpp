// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_OPTIONS_HPP
#define SFMC_SMS_DECODE_OPTIONS_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/limits.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace sfmc::sms {

/** Limits and context for decoding a response.

    @par Example
    @code
    sfmc::sms::decode_options opt{.max_body_size = 64 * 1024, .now = std::chrono::system_clock::now()};
    @endcode
*/
struct decode_options {
    /// A larger body is refused unread (`error::body_too_large`).
    std::size_t max_body_size = limits::answer_bytes;
    /// Deeper nesting is refused (`error::too_deep`); the documented bodies need 2.
    std::size_t max_depth = limits::json_depth;
    /// How much of a body that could not be read is kept in `failure::raw_body`.
    std::size_t max_raw_body = 4096;
    /// The time to resolve a `Retry-After` HTTP-date against; without it only
    /// delta-seconds are understood. The decoder never reads a clock itself.
    std::optional<std::chrono::system_clock::time_point> now{};
    /// Texts never to keep (the tokens a call has sent, a route's secret): redacted from
    /// `failure::raw_body` before it is cut to `max_raw_body`. A `call` sets them; they must
    /// outlive the decoding.
    std::span<std::string_view const> secrets{};
};

} // namespace sfmc::sms

#endif
