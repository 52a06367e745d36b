// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_QUEUE_LOOKUP_IPP
#define SFMC_SMS_IMPL_QUEUE_LOOKUP_IPP

// queue_lookup.hpp's definitions (the request and the decoder): inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/queue_lookup.hpp>
#include <sfmc/sms/request_builder.hpp>

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

SFMC_SMS_DECL http_request queue_lookup::make_request(endpoint const& rest, access_token const& token) const
{
    constexpr std::string_view json = "application/json", definitions = "/definitions/", queue = "/queue";
    auto const channel_route = std::string_view("/messaging/v1/");
    auto const on_name = to_string(on);
    http_request req;
    request_builder(req, "GET", rest,
                    channel_route.size() + on_name.size() + definitions.size() +
                        request_builder::path_room(definition_key.value()) + queue.size() +
                        request_builder::bearer_room(token) + json.size())
        .path(channel_route)
        .path(on_name)
        .path(definitions)
        .segment(definition_key.value())
        .path(queue)
        .bearer(token)
        .header("Accept", json)
        .finish();
    return req;
}

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, queue_metrics const& q)
{
    return out << q.count << " waiting, the oldest for " << q.age_seconds << " s";
}

SFMC_SMS_DECL api_result<queue_metrics> queue_lookup::decode(http_response const& res, decode_options const& opt) const
{
    return decode_queue_metrics(res, opt);
}

} // namespace sfmc::sms

#endif
