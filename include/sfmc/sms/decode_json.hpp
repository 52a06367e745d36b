// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_JSON_HPP
#define SFMC_SMS_DECODE_JSON_HPP

#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/json_answer.hpp>
#include <sfmc/sms/detail/json_reader.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace sfmc::sms {

/** A route's answer as a Boost.JSON value: the decoding half of the route kit (see
    @ref request_builder for the other).

    Makes the checks every route of the library makes, in its order: a status outside 2xx is
    the API's error (`decode_error`: `rate_limited` with its delay, `unauthorized`, ...);
    then the `Content-Type` (JSON, when one is given), `decode_options::max_body_size`, an
    empty body; then Boost.JSON parses the body within `decode_options::max_depth`, trailing
    commas allowed as in the API's own examples. Every failure keeps the HTTP status and the
    first bytes of the body, without the secrets of `opt`. Never throws.

    @par Example
    @code
    sfmc::sms::api_result<std::string> decode(sfmc::sms::http_response const& res, sfmc::sms::decode_options const& opt) const
    {
        auto doc = sfmc::sms::decode_json(res, opt);
        if (!doc)
            return doc.error();
        ... // read the value
    }
    @endcode
*/
inline api_result<boost::json::value> decode_json(http_response const& res, decode_options const& opt)
{
    if (auto refused = detail::refuse_json_answer(res, opt))
        return std::move(*refused);
    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    po.allow_trailing_commas = true;
    boost::system::error_code ec;
    auto value = boost::json::parse(res.body, ec, {}, po);
    if (!ec)
        return value;
    auto f = detail::json_syntax_failure(ec, 0, res.body.size(), opt.max_depth);
    if (f.code == error::malformed_body)
        f.detail = ec.message();
    return detail::with_answer(std::move(f), res, opt);
}

} // namespace sfmc::sms

#endif
