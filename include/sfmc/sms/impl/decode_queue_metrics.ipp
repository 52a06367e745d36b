// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_DECODE_QUEUE_METRICS_IPP
#define SFMC_SMS_IMPL_DECODE_QUEUE_METRICS_IPP

// The definition of queue_lookup.hpp's decoder: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/queue_lookup.hpp>

#include <array>

namespace sfmc::sms {

SFMC_SMS_DECL api_result<queue_metrics> decode_queue_metrics(http_response const& res, decode_options const& opt)
{
    if (auto refused = detail::refuse_json_answer(res, opt))
        return std::move(*refused);
    enum { request_id, count, age_seconds, fields_count };
    std::array<detail::json_field, fields_count> fields{{{"requestId"}, {"count"}, {"ageSeconds"}}};
    auto const refuse = [&](failure f) { return detail::with_answer(std::move(f), res, opt); };
    if (auto read = detail::read_json_fields(res.body, fields, opt.max_depth); !read)
        return refuse(std::move(read).error());
    detail::field_converter in(fields);
    queue_metrics out;
    out.request_id = in.optional_string(request_id);
    out.count = in.required_int(count).value_or(0);
    out.age_seconds = in.required_int(age_seconds).value_or(0);
    if (in.error())
        return refuse(*in.error());
    return out;
}

} // namespace sfmc::sms

#endif
