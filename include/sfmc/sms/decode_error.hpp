// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_ERROR_HPP
#define SFMC_SMS_DECODE_ERROR_HPP

#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/retry_after.hpp>

#include <string_view>

namespace sfmc::sms {

/// The library's error for an HTTP status outside 2xx (429 is `rate_limited` here; the
/// body decides whether it is `blocked`).
constexpr error error_for_status(int status) noexcept
{
    switch (status) {
    case 304: return error::not_modified;
    case 400: return error::bad_request;
    case 401: return error::unauthorized;
    case 403: return error::forbidden;
    case 404: return error::not_found;
    case 409: return error::conflict;
    case 429: return error::rate_limited;
    default: return status >= 500 && status <= 599 ? error::server_error : error::unexpected_status;
    }
}


/** Turns a response outside 2xx into a @ref failure that says all the API said.

    The status gives the code (`error_for_status`). When the body is the REST API's JSON
    error, `errorcode`, `message` and `documentation` are kept; when it is the token
    endpoint's OAuth error, `error`, `error_description` and `error_uri` go to `oauth`. A 429
    whose errorcode is 50200 becomes `error::blocked` (retrying does not help). Anything else (an HTML page from a
    proxy, a truncated body, JSON of another shape) is kept as `raw_body`, at most
    `opt.max_raw_body` bytes. For 429 and 503 the delay comes from `Retry-After` (seconds or
    an HTTP-date, resolved against `opt.now`), else from the body's `retryAfter`.

    @par Specification
    Marketing Cloud "error-handling" and "rate-limiting-errors"; RFC 9110 section 10.2.3.
*/
SFMC_SMS_DECL failure decode_error(http_response const& res, decode_options const& opt = {});

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/decode_error.ipp>
#endif

#endif
