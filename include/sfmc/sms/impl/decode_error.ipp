// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_DECODE_ERROR_IPP
#define SFMC_SMS_IMPL_DECODE_ERROR_IPP

// The definition of decode_error.hpp's heavy part: inline in header-only mode, compiled
// once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/detail/body.hpp>
#include <sfmc/sms/detail/json_reader.hpp>

#include <algorithm>
#include <array>

namespace sfmc::sms {

SFMC_SMS_DECL failure decode_error(http_response const& res, decode_options const& opt)
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
        f.raw_body = detail::bounded_copy(res.body, opt.max_raw_body, opt.secrets);
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
