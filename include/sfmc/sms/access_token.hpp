// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ACCESS_TOKEN_HPP
#define SFMC_SMS_ACCESS_TOKEN_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/** An OAuth access token, opaque but safe to put in a header, and never shown.

    Valid when not empty and made of visible ASCII only (no space, CR, LF or control
    character), so it can never end or inject a header line. Printing it writes
    `[redacted]`; only @ref reveal gives the text, for building the request.

    @par Example
    @code
    auto token = sfmc::sms::access_token::make(std::getenv("SFMC_ACCESS_TOKEN"));
    std::cout << *token; // prints [redacted]
    @endcode
*/
class access_token {
public:
    /// Validates `text`; `error::bad_token` when it is empty or has other than visible ASCII.
    static result<access_token> make(std::string_view text);

    /// The token's text. Named so that every place a secret leaves the object is easy to find.
    std::string_view reveal() const noexcept { return text_; }

    /// Writes `[redacted]`: never the token.
    friend std::ostream& operator<<(std::ostream& out, access_token const&) { return out << "[redacted]"; }

    /// Compares the tokens' text.
    friend bool operator==(access_token const&, access_token const&) = default;

private:
    explicit access_token(std::string_view t) : text_(t) {}
    std::string text_;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/access_token.ipp>
#endif

#endif
