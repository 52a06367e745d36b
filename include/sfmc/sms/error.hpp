// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ERROR_HPP
#define SFMC_SMS_ERROR_HPP

#include <sfmc/sms/detail/config.hpp>

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/error_condition.hpp>
#include <boost/system/result.hpp>

#include <system_error>
#include <type_traits>

namespace sfmc::sms {

/** What went wrong, as a code of the library's own category.

    Codes fall into four groups, told apart by `condition`: what the caller passed in,
    the HTTP status the API answered with, a body that could not be read, and a transport
    that got no answer at all (transports report their own codes; see `condition::transport`).
*/
enum class error {
    // What the caller passed in. Nothing is sent.
    key_empty = 1,        ///< the message key is empty
    key_too_long,         ///< the message key has more than 100 code points
    key_not_utf8,         ///< the message key is not well-formed UTF-8
    bad_subdomain,        ///< the subdomain is not one DNS label
    bad_url,              ///< the base URL cannot be parsed or has userinfo, a query or a fragment
    insecure_url,         ///< plain http:// to a host that is not loopback
    bad_token,            ///< the access token is empty or has bytes outside visible ASCII
    bad_credentials,      ///< the client id or secret is empty, or a value is not UTF-8
    bad_callback_url,     ///< an ENS callback URL that is not `https://host[/path]` (no port, query or fragment)
    bad_batch_size,       ///< an ENS `maxBatchSize` outside 100 to 1000
    bad_ens_request,      ///< an ENS request with an empty name, id or event-type list, or text not in UTF-8
    bad_page_request,     ///< a NotSent page size outside 1 to 1000, or a negative event id
    bad_channel,          ///< `channel::unknown` given to a route: only SMS and email have routes
    bad_signature_key,    ///< an ENS signature key that is empty or has bytes outside visible ASCII

    // What the API answered. The body's details travel in @ref failure.
    bad_request,          ///< HTTP 400
    unauthorized,         ///< HTTP 401
    forbidden,            ///< HTTP 403
    not_found,            ///< HTTP 404
    rate_limited,         ///< HTTP 429: retry after the given delay
    blocked,              ///< HTTP 429 with errorcode 50200: retrying does not help
    server_error,         ///< HTTP 5xx
    not_modified,         ///< HTTP 304: for ENS, the callback or subscription already exists
    conflict,             ///< HTTP 409: for ENS, the callback still has subscriptions
    unexpected_status,    ///< any other status outside 2xx (a redirect among them)

    // A body that could not be read. The raw body travels in @ref failure.
    unexpected_content_type, ///< a success whose Content-Type is not JSON
    empty_body,           ///< a success with no body
    malformed_body,       ///< not JSON (syntax error, invalid UTF-8, trailing data)
    truncated_body,       ///< JSON that ends early
    not_an_object,        ///< JSON whose top level is not an object
    missing_field,        ///< a required field is absent
    wrong_field_type,     ///< a known field has the wrong type or range
    body_too_large,       ///< over decode_options::max_body_size
    too_deep,             ///< nested deeper than decode_options::max_depth
    no_progress,          ///< a full NotSent page that does not move past the cursor: paging would never end

    // For transports with no code of their own.
    transport_failed,     ///< no HTTP response was received
};

/** The groups of `error`, and of the codes transports report. */
enum class condition {
    invalid_input = 1, ///< key, endpoint, token or ENS request refused before anything was sent
    http_status,       ///< the API answered with a status outside 2xx
    bad_response,      ///< the body could not be decoded
    transport,         ///< no HTTP response (any failed code not of this library's category)
};

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    constexpr error_category_impl() noexcept : boost::system::error_category(0x5f3c9a1e7b2d4c81ULL) {}
    char const* name() const noexcept override { return "sfmc.sms"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    char const* message(int ev, char*, std::size_t) const noexcept override;
    boost::system::error_condition default_error_condition(int ev) const noexcept override;
};

class condition_category_impl final : public boost::system::error_category {
public:
    constexpr condition_category_impl() noexcept : boost::system::error_category(0x5f3c9a1e7b2d4c82ULL) {}
    char const* name() const noexcept override { return "sfmc.sms.condition"; }
    std::string message(int ev) const override { return message(ev, nullptr, 0); }
    char const* message(int ev, char*, std::size_t) const noexcept override;
    bool equivalent(boost::system::error_code const& code, int cond) const noexcept override;
};

inline constexpr error_category_impl error_category_instance{};
inline constexpr condition_category_impl condition_category_instance{};

} // namespace detail

/// The category of `error`.
inline boost::system::error_category const& error_category() noexcept
{
    return detail::error_category_instance;
}

/// The category of `condition`.
inline boost::system::error_category const& condition_category() noexcept
{
    return detail::condition_category_instance;
}

/// The code of `e`, found by ADL so that `error_code ec = error::bad_url;` works.
inline boost::system::error_code make_error_code(error e) noexcept
{
    return {static_cast<int>(e), error_category()};
}

/// The condition of `c`, found by ADL so that `ec == condition::transport` works.
inline boost::system::error_condition make_error_condition(condition c) noexcept
{
    return {static_cast<int>(c), condition_category()};
}

/// The condition an error belongs to.
constexpr condition condition_of(error e) noexcept
{
    if (e <= error::bad_signature_key)
        return condition::invalid_input;
    if (e <= error::unexpected_status)
        return condition::http_status;
    if (e <= error::no_progress)
        return condition::bad_response;
    return condition::transport;
}

/// The short name of an error, for logs and machine-readable output: "key_too_long".
constexpr char const* to_string(error e) noexcept
{
    switch (e) {
    case error::key_empty: return "key_empty";
    case error::key_too_long: return "key_too_long";
    case error::key_not_utf8: return "key_not_utf8";
    case error::bad_subdomain: return "bad_subdomain";
    case error::bad_url: return "bad_url";
    case error::insecure_url: return "insecure_url";
    case error::bad_token: return "bad_token";
    case error::bad_credentials: return "bad_credentials";
    case error::bad_callback_url: return "bad_callback_url";
    case error::bad_batch_size: return "bad_batch_size";
    case error::bad_ens_request: return "bad_ens_request";
    case error::bad_page_request: return "bad_page_request";
    case error::bad_channel: return "bad_channel";
    case error::bad_signature_key: return "bad_signature_key";
    case error::bad_request: return "bad_request";
    case error::unauthorized: return "unauthorized";
    case error::forbidden: return "forbidden";
    case error::not_found: return "not_found";
    case error::rate_limited: return "rate_limited";
    case error::blocked: return "blocked";
    case error::server_error: return "server_error";
    case error::not_modified: return "not_modified";
    case error::conflict: return "conflict";
    case error::unexpected_status: return "unexpected_status";
    case error::unexpected_content_type: return "unexpected_content_type";
    case error::empty_body: return "empty_body";
    case error::malformed_body: return "malformed_body";
    case error::truncated_body: return "truncated_body";
    case error::not_an_object: return "not_an_object";
    case error::missing_field: return "missing_field";
    case error::wrong_field_type: return "wrong_field_type";
    case error::body_too_large: return "body_too_large";
    case error::too_deep: return "too_deep";
    case error::no_progress: return "no_progress";
    case error::transport_failed: return "transport_failed";
    }
    return "unknown";
}

/// The outcome of the library's functions that can only fail with a code.
template <class T>
using result = boost::system::result<T>;

} // namespace sfmc::sms

/// @cond
template <>
struct boost::system::is_error_code_enum<sfmc::sms::error> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<sfmc::sms::condition> : std::true_type {};
template <>
struct std::is_error_code_enum<sfmc::sms::error> : std::true_type {};
template <>
struct std::is_error_condition_enum<sfmc::sms::condition> : std::true_type {};
/// @endcond

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/error.ipp>
#endif

#endif
