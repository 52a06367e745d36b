// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_STATUS_HPP
#define SFMC_SMS_DECODE_STATUS_HPP

#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_status.hpp>

#include <array>
#include <string>

namespace sfmc::sms {

/** Decodes the response to a send-status lookup: the status, or why there is none.

    In order: a status outside 2xx becomes the API's error (@ref decode_error); then a
    `Content-Type` that is not JSON, an empty body, a body over `opt.max_body_size` or
    nested deeper than `opt.max_depth` are refused; then the JSON is parsed (trailing commas
    allowed, as in the API's own examples; unknown fields ignored) and converted.
    `requestId`, `eventCategoryType` and `timestamp` are required; a missing one, or any
    known field of the wrong type, is an error naming the field. A failure to decode keeps
    the HTTP status and the first `opt.max_raw_body` bytes of the body.

    Never throws for anything in `res`, and uses memory bounded by the body's size.

    @par Specification
    getSMSSendStatusForRecipient.
*/
inline api_result<message_status> decode_status(http_response const& res, decode_options const& opt = {})
{
    if (auto refused = detail::refuse_json_answer(res, opt))
        return std::move(*refused);
    auto const refuse = [&](failure f) {
        f.http_status = res.status;
        f.raw_body = detail::bounded_copy(res.body, opt.max_raw_body);
        return f;
    };

    enum { request_id, event_category_type, timestamp, composite_id, info,
           message_key, contact_key, to, status_code, status_message, count };
    std::array<detail::json_field, count> fields{{
        {"requestId"}, {"eventCategoryType"}, {"timestamp"}, {"compositeId"}, {"info"},
        {"messageKey", info}, {"contactKey", info}, {"to", info}, {"statusCode", info}, {"statusMessage", info},
    }};
    if (auto read = detail::read_json_fields(res.body, fields, opt.max_depth); !read)
        return refuse(std::move(read).error());

    detail::field_converter in(fields);
    message_status out;
    out.request_id = in.required_string(request_id);
    out.event_category_type = in.required_string(event_category_type);
    out.timestamp = in.required_string(timestamp);
    out.composite_id = in.optional_string(composite_id);
    if (in.present_object(info)) {
        auto& i = out.info.emplace();
        i.message_key = in.optional_string(message_key);
        i.contact_key = in.optional_string(contact_key);
        i.to = in.optional_string(to);
        i.status_code = in.optional_int(status_code);
        i.status_message = in.optional_string(status_message);
    }
    if (in.error())
        return refuse(*in.error());
    out.status = parse_send_status(out.event_category_type);
    out.timestamp_utc = parse_api_timestamp(out.timestamp);
    return out;
}

} // namespace sfmc::sms

#endif
