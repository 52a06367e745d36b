// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_DECODE_STATUS_IPP
#define SFMC_SMS_IMPL_DECODE_STATUS_IPP

// The definition of decode_status.hpp's heavy part: inline in header-only mode, compiled
// once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>

#include <array>
#include <string>

namespace sfmc::sms {

SFMC_SMS_DECL api_result<message_status> decode_status(http_response const& res, decode_options const& opt)
{
    if (auto refused = detail::refuse_json_answer(res, opt))
        return std::move(*refused);
    auto const refuse = [&](failure f) { return detail::with_answer(std::move(f), res, opt); };

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
