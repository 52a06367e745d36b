// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_ERROR_IPP
#define SFMC_SMS_IMPL_ERROR_IPP

// error.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/error.hpp>

namespace sfmc::sms {

namespace detail {

SFMC_SMS_DECL char const* error_category_impl::message(int ev, char*, std::size_t) const noexcept
{
    switch (static_cast<error>(ev)) {
    case error::key_empty: return "the message key is empty";
    case error::key_too_long: return "the message key is longer than 100 characters";
    case error::key_not_utf8: return "the message key is not valid UTF-8";
    case error::bad_subdomain:
        return "the subdomain is not one DNS label (letters, digits and '-', 1 to 63 characters, "
               "not starting or ending with '-')";
    case error::bad_url:
        return "the base URL is not an http(s) URL without userinfo, query or fragment";
    case error::insecure_url: return "plain http:// is allowed only to a loopback host";
    case error::bad_token:
        return "the access token is empty or has characters other than visible ASCII";
    case error::bad_credentials:
        return "the client credentials are not usable: an empty id or secret, or a value not in UTF-8";
    case error::bad_callback_url:
        return "the callback URL is not https://host[/path] (ENS takes no port, query or fragment)";
    case error::bad_batch_size: return "the callback's maxBatchSize is not between 100 and 1000";
    case error::bad_ens_request:
        return "the ENS request is incomplete: an empty name, id or event-type list, or text not in UTF-8";
    case error::bad_page_request:
        return "the NotSent request is not usable: a page size outside 1 to 1000, or a negative event id";
    case error::bad_channel: return "the channel has no routes: only SMS and email have them";
    case error::bad_signature_key:
        return "the ENS signature key is empty or has characters other than visible ASCII";
    case error::bad_request: return "the API answered 400 Bad Request";
    case error::unauthorized: return "the API answered 401 Unauthorized";
    case error::forbidden: return "the API answered 403 Forbidden";
    case error::not_found: return "the API answered 404 Not Found";
    case error::rate_limited: return "the API answered 429: rate limit exceeded";
    case error::blocked: return "the API answered 429: requests are blocked (errorcode 50200)";
    case error::server_error: return "the API answered with a server error (5xx)";
    case error::not_modified: return "the API answered 304 Not Modified: it exists already";
    case error::conflict: return "the API answered 409 Conflict: it is still in use";
    case error::unexpected_status: return "the API answered with an unexpected HTTP status";
    case error::unexpected_content_type: return "the response's Content-Type is not JSON";
    case error::empty_body: return "the response body is empty";
    case error::malformed_body: return "the response body is not valid JSON";
    case error::truncated_body: return "the response body is truncated";
    case error::not_an_object: return "the response body is not a JSON object";
    case error::missing_field: return "a required field is missing from the response";
    case error::wrong_field_type: return "a field of the response has the wrong type";
    case error::body_too_large: return "the response body is larger than the limit";
    case error::too_deep: return "the response body is nested deeper than the limit";
    case error::no_progress: return "a full page of the NotSent list does not move past the last event id";
    case error::transport_failed: return "no HTTP response was received";
    }
    return "unknown sfmc.sms error";
}

SFMC_SMS_DECL boost::system::error_condition error_category_impl::default_error_condition(int ev) const noexcept
{
    if (ev < static_cast<int>(error::key_empty) || ev > static_cast<int>(error::transport_failed))
        return {ev, *this};
    return make_error_condition(condition_of(static_cast<error>(ev)));
}

SFMC_SMS_DECL char const* condition_category_impl::message(int ev, char*, std::size_t) const noexcept
{
    switch (static_cast<condition>(ev)) {
    case condition::invalid_input: return "invalid input";
    case condition::http_status: return "the API answered with an error status";
    case condition::bad_response: return "the response could not be decoded";
    case condition::transport: return "no HTTP response";
    }
    return "unknown sfmc.sms condition";
}

SFMC_SMS_DECL bool condition_category_impl::equivalent(boost::system::error_code const& code, int cond) const noexcept
{
    if (code.category() == sfmc::sms::error_category())
        return code.default_error_condition() == boost::system::error_condition(cond, *this);
    // Whatever a transport reports in its own category means no response came back.
    return static_cast<condition>(cond) == condition::transport && code.failed();
}

} // namespace detail

} // namespace sfmc::sms

#endif
