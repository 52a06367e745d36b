// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_FAILURE_HPP
#define SFMC_SMS_FAILURE_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// The token endpoint's error body (RFC 6749 section 5.2), as it said it.
struct oauth_error {
    std::string error;       ///< `error`: "invalid_client", "unsupported_grant_type"...
    std::string description; ///< `error_description`
    std::string uri;         ///< `error_uri`

    /// Member by member.
    friend bool operator==(oauth_error const&, oauth_error const&) = default;
};

/** Why a call did not produce its value: a code, which request failed, and all the server said.

    `code` tells the kind (compare it with @ref error or @ref condition). `request` names the
    request that failed ("send-status lookup", "token request"), empty when nothing was
    sent. The rest is filled when known: the HTTP status; the REST API's JSON error body
    (`errorcode`, `message`, `documentation`) or the token endpoint's OAuth error body
    (`oauth`), each in its own members; the delay to wait before retrying (from
    `Retry-After` or the body's `retryAfter`); and, when the body could not be read as
    either, its first bytes as received. No secret (token, client secret) is ever stored
    here: the calls redact any a server echoes (@ref redact).
*/
struct failure {
    /// The kind: compare with `error` or `condition`; a transport's own code when no response came.
    boost::system::error_code code;
    std::string detail;                       ///< what exactly: which field, which limit
    std::string_view request;                 ///< the failed request's name; empty when none was sent
    int http_status = 0;                      ///< 0 when no HTTP response was received
    std::optional<std::int64_t> errorcode;    ///< the REST API's `errorcode`
    std::string message;                      ///< the REST API's `message`
    std::string documentation;                ///< the REST API's `documentation`
    std::optional<oauth_error> oauth;         ///< the token endpoint's error body
    /// How long the server asked to wait before trying again.
    std::optional<std::chrono::seconds> retry_after;
    std::string raw_body;                     ///< bounded copy of a body that was neither JSON error shape
    /// True when a request that may not be repeated (see `route`'s `idempotent`) may have
    /// reached the server and was not sent again: whether it took effect is not known (list
    /// what it would have made, a callback or a subscription, to find out).
    bool outcome_unknown = false;

    failure() = default;
    /// A failure of kind `c`, with what exactly went wrong.
    failure(boost::system::error_code c, std::string what = {}) : code(c), detail(std::move(what)) {}
    /// A failure of kind `e`, with what exactly went wrong.
    failure(error e, std::string what = {}) : code(make_error_code(e)), detail(std::move(what)) {}

    /// True for 429 with errorcode 50200: the caller is blocked and retrying does not help.
    bool is_blocked() const noexcept { return code == error::blocked; }

    /// What the server said in words: the REST API's `message`, else the OAuth
    /// `error_description`, else nothing.
    std::string_view server_message() const noexcept
    {
        if (!message.empty() || !oauth)
            return message;
        return oauth->description;
    }

    /** Replaces every occurrence of `secret` in the text a server sent (`message`,
        `documentation`, `raw_body`, `oauth`) by "[redacted]", as it is and JSON-escaped
        (`\/`, `\u002B`): a server or proxy that echoes the bearer token or the client secret
        must not get it printed. `detail`, the library's own words, is left alone. An empty
        `secret` changes nothing.
    */
    void redact(std::string_view secret);

    /// One line for people: the request, the code's message, then what is known, never a secret.
    std::string to_string() const;

    /// Writes `to_string()`.
    friend std::ostream& operator<<(std::ostream& out, failure const& f) { return out << f.to_string(); }
};

/// Thrown by `result<T, failure>::value()` when it holds a failure.
class failure_exception : public boost::system::system_error {
public:
    /// Carries `f`; `what()` is its `to_string()`.
    explicit failure_exception(failure f);
    /// Everything known of the failure.
    failure const& details() const noexcept { return failure_; }

private:
    failure failure_;
};

/// Found by `boost::system::result` through ADL: how `value()` reports a failure.
[[noreturn]] SFMC_SMS_DECL void throw_exception_from_error(failure const& f, boost::source_location const& loc);

/// The outcome of a call that talks to the API: the value, or everything known of why not.
template <class T>
using api_result = boost::system::result<T, failure>;

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/failure.ipp>
#endif

#endif
