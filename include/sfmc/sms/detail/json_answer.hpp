// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_ANSWER_HPP
#define SFMC_SMS_DETAIL_JSON_ANSWER_HPP

#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/body.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>

#include <optional>
#include <string>

namespace sfmc::sms::detail {

// `f`, a failure to read `res`, with the HTTP status and the first bytes of the body.
inline failure with_answer(failure f, http_response const& res, decode_options const& opt)
{
    f.http_status = res.status;
    f.raw_body = bounded_copy(res.body, opt.max_raw_body, opt.secrets);
    return f;
}

// The checks every decoder of a JSON answer makes before parsing, in one order: the status
// (outside 2xx: the API's error), the Content-Type, the size, an empty body. A refusal keeps
// the HTTP status and the first bytes of the body.
inline std::optional<failure> refuse_json_answer(http_response const& res, decode_options const& opt)
{
    if (res.status < 200 || res.status > 299)
        return decode_error(res, opt);
    failure f;
    if (auto const type = res.header("Content-Type"); type && !is_json_media_type(*type))
        f = {error::unexpected_content_type, "Content-Type is \"" + std::string(type->substr(0, 100)) + '"'};
    else if (res.body.size() > opt.max_body_size)
        f = {error::body_too_large,
             std::to_string(res.body.size()) + " bytes, the limit is " + std::to_string(opt.max_body_size)};
    else if (res.body.find_first_not_of(" \t\r\n") == std::string::npos)
        f = failure(error::empty_body);
    else
        return std::nullopt;
    return with_answer(std::move(f), res, opt);
}

} // namespace sfmc::sms::detail

#endif
