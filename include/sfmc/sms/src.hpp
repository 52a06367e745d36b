// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_SRC_HPP
#define SFMC_SMS_SRC_HPP

/** @file
    The library's compiled part, for separate compilation.

    Define `SFMC_SMS_SEPARATE_COMPILATION` in every translation unit of your program (CMake's
    `sfmc::sms_compiled` target does), and include this header in exactly one of them: every
    definition that is not a template (the JSON decoders, URL parsing, key encoding, the calls'
    core, the token provider, the NotSent list) is then compiled there once, and every other
    translation unit that includes `<sfmc/sms.hpp>` compiles in about 0.6× the time of
    `<nlohmann/json.hpp>`. Without the macro the library is header-only and this header is
    not needed. ENS has its own, `<sfmc/sms/ens/src.hpp>`, since it needs libcrypto.

    The single header has no `src.hpp` beside it: define `SFMC_SMS_SOURCE` as well before
    including it in that one translation unit.
*/

#ifndef SFMC_SMS_SEPARATE_COMPILATION
#error "<sfmc/sms/src.hpp> is for separate compilation: define SFMC_SMS_SEPARATE_COMPILATION in every translation unit"
#endif

#include <sfmc/sms.hpp>
#include <sfmc/sms/not_sent.hpp>

#include <sfmc/sms/impl/access_token.ipp>
#include <sfmc/sms/impl/call.ipp>
#include <sfmc/sms/impl/client_credentials.ipp>
#include <sfmc/sms/impl/decode_error.ipp>
#include <sfmc/sms/impl/decode_status.ipp>
#include <sfmc/sms/impl/decode_token.ipp>
#include <sfmc/sms/impl/endpoint.ipp>
#include <sfmc/sms/impl/error.ipp>
#include <sfmc/sms/impl/failure.ipp>
#include <sfmc/sms/impl/http_request.ipp>
#include <sfmc/sms/impl/http_response.ipp>
#include <sfmc/sms/impl/message_key.ipp>
#include <sfmc/sms/impl/message_status.ipp>
#include <sfmc/sms/impl/not_sent.ipp>
#include <sfmc/sms/impl/queue_lookup.ipp>
#include <sfmc/sms/impl/request_builder.ipp>
#include <sfmc/sms/impl/retry_after.ipp>
#include <sfmc/sms/impl/retry_policy.ipp>
#include <sfmc/sms/impl/run_blocking.ipp>
#include <sfmc/sms/impl/status_lookup.ipp>
#include <sfmc/sms/impl/status_request.ipp>
#include <sfmc/sms/impl/timestamp.ipp>
#include <sfmc/sms/impl/token_cache.ipp>
#include <sfmc/sms/impl/token_fetch.ipp>
#include <sfmc/sms/impl/token_grant.ipp>
#include <sfmc/sms/impl/token_provider.ipp>
#include <sfmc/sms/impl/token_request.ipp>

#endif
