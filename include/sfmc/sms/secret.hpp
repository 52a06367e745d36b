// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_SECRET_HPP
#define SFMC_SMS_SECRET_HPP

#include <sfmc/sms/detail/config.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/** Text the API gave that must never be shown: an ENS callback's new `signatureKey`.

    Printing it writes `[redacted]`; only @ref reveal gives the text, to store it where the
    receiver reads it.

    @par Example
    @code
    auto made = client.run(sfmc::sms::ens::create_callbacks{{{"cb1", "https://example.com/ens"}}});
    std::cout << *made->front().signature_key; // prints [redacted]
    @endcode
*/
class secret {
public:
    secret() = default;
    /// Holds `text`.
    explicit secret(std::string text) noexcept : text_(std::move(text)) {}

    /// The text. Named so that every place a secret leaves the object is easy to find.
    std::string_view reveal() const noexcept { return text_; }

    /// Writes `[redacted]`: never the text.
    friend std::ostream& operator<<(std::ostream& out, secret const&) { return out << "[redacted]"; }

    /// Compares the texts.
    friend bool operator==(secret const&, secret const&) = default;

private:
    std::string text_;
};

} // namespace sfmc::sms

#endif
