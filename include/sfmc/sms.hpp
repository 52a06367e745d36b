// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_HPP
#define SFMC_SMS_HPP

// The whole sans-I/O library. HTTP stacks are opt-in: include an adapter header yourself.
//
// Boost.JSON needs its compiled part: link Boost::json, or include <boost/json/src.hpp> in
// exactly one translation unit of your program.

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/client.hpp>
#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/decode_error.hpp>
#include <sfmc/sms/definition_key.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/driver_options.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/limits.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/message_status.hpp>
#include <sfmc/sms/queue_lookup.hpp>
#include <sfmc/sms/request_builder.hpp>
#include <sfmc/sms/retry_after.hpp>
#include <sfmc/sms/retry_policy.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/status_code.hpp>
#include <sfmc/sms/status_lookup.hpp>
#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/timestamp.hpp>
#include <sfmc/sms/token_cache.hpp>
#include <sfmc/sms/token_grant.hpp>
#include <sfmc/sms/token_provider.hpp>
#include <sfmc/sms/token_request.hpp>
#include <sfmc/sms/transport.hpp>
#include <sfmc/sms/transport_options.hpp>

/// Salesforce Marketing Cloud.
namespace sfmc {
/// The send status of transactional SMS: values, codecs, calls and their drivers.
namespace sms {
}
} // namespace sfmc

#endif
