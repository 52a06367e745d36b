// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CLIENT_CREDENTIALS_HPP
#define SFMC_SMS_CLIENT_CREDENTIALS_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/** An installed package's client id and secret, with the optional business unit and scope.

    Any character may appear (the token request escapes it as JSON, RFC 8259), but the id
    and secret must not be empty and every value must be UTF-8. Printing writes the secret
    as `[redacted]`; only @ref reveal_secret gives it, for building the token request.

    @par Specification
    Marketing Cloud "access-token-s2s": `client_id`, `client_secret`, `account_id` (MID),
    `scope` (space-separated).
*/
class client_credentials {
public:
    /// Validates the credentials: `error::bad_credentials` when the id or secret is empty or a value is not UTF-8.
    static result<client_credentials> make(std::string_view client_id, std::string_view client_secret,
                                           std::string_view account_id = {}, std::string_view scope = {});

    /// The client id (not secret).
    std::string_view client_id() const noexcept { return client_id_; }
    /// The secret. Named so that every place it leaves the object is easy to find.
    std::string_view reveal_secret() const noexcept { return client_secret_; }
    /// The business unit (MID) to ask the token for, if any.
    std::optional<std::string> const& account_id() const noexcept { return account_id_; }
    /// The scopes to ask for, space-separated, if any.
    std::optional<std::string> const& scope() const noexcept { return scope_; }

    /// Writes the id and account, the secret as `[redacted]`.
    friend std::ostream& operator<<(std::ostream& out, client_credentials const& c);

private:
    client_credentials() = default;
    std::string client_id_, client_secret_;
    std::optional<std::string> account_id_, scope_;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/client_credentials.ipp>
#endif

#endif
