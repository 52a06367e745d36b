// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DECODE_STATUS_HPP
#define SFMC_SMS_DECODE_STATUS_HPP

#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/message_status.hpp>

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
SFMC_SMS_DECL api_result<message_status> decode_status(http_response const& res, decode_options const& opt = {});

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/decode_status.ipp>
#endif

#endif
