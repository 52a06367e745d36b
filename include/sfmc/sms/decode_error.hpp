// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_ERROR_HPP
#define SFMC_SMS_DECODE_ERROR_HPP

#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/body.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/retry_after.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace sfmc::sms {

/// The library's error for an HTTP status outside 2xx (429 is `rate_limited` here; the
/// body decides whether it is `blocked`).
constexpr error error_for_status(int status) noexcept
{
    switch (status) {
    case 400: return error::bad_request;
    case 401: return error::unauthorized;
    case 403: return error::forbidden;
    case 404: return error::not_found;
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
inline failure decode_error(http_response const& res, decode_options const& opt = {})
{
    failure f(error_for_status(res.status));
    f.http_status = res.status;

    enum { message, errorcode, documentation, retry_after, oauth_error, error_description, error_uri, count };
    std::array<detail::json_field, count> fields{{{"message"}, {"errorcode"}, {"documentation"}, {"retryAfter"},
                                                  {"error"}, {"error_description"}, {"error_uri"}}};
    auto const content_type = res.header("Content-Type");
    bool const may_be_json = !content_type || detail::is_json_media_type(*content_type);
    bool const parsed = may_be_json && !res.body.empty() && res.body.size() <= opt.max_body_size &&
                        detail::read_json_fields(res.body, fields, opt.max_depth);
    bool is_api_json = false;
    if (parsed) {
        if (fields[message].kind == detail::json_kind::string)
            f.message = std::move(fields[message].text);
        if (fields[documentation].kind == detail::json_kind::string)
            f.documentation = std::move(fields[documentation].text);
        f.errorcode = detail::integer_of(fields[errorcode]);
        // The token endpoint answers in OAuth's shape instead (RFC 6749 section 5.2).
        if (fields[oauth_error].kind == detail::json_kind::string) {
            auto& oauth = f.oauth.emplace();
            oauth.error = std::move(fields[oauth_error].text);
            if (fields[error_description].kind == detail::json_kind::string)
                oauth.description = std::move(fields[error_description].text);
            if (fields[error_uri].kind == detail::json_kind::string)
                oauth.uri = std::move(fields[error_uri].text);
        }
        is_api_json = f.errorcode || !f.message.empty() || f.oauth;
    }
    if (!is_api_json)
        f.raw_body = detail::bounded_copy(res.body, opt.max_raw_body);
    if (f.code == error::rate_limited && f.errorcode == 50200)
        f.code = error::blocked;

    if (res.status == 429 || res.status == 503) {
        if (auto const header = res.header("Retry-After"))
            f.retry_after = parse_retry_after(*header, opt.now);
        if (!f.retry_after && parsed) {
            if (auto const body_delay = detail::integer_of(fields[retry_after]); body_delay && *body_delay >= 0)
                f.retry_after = std::min(std::chrono::seconds{*body_delay}, max_retry_after);
        }
    }
    return f;
}

} // namespace sfmc::sms

#endif
