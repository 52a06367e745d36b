// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SIGNATURE_HPP
#define SFMC_SMS_ENS_SIGNATURE_HPP

// Opt-in: include this header yourself and link OpenSSL's libcrypto (OpenSSL::Crypto).
// Neither <sfmc/sms.hpp> nor <sfmc/sms/ens.hpp> includes it, so the core stays free of it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <initializer_list>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace sfmc::sms::ens {

/// The header ENS signs each batch with.
inline constexpr std::string_view signature_header = "x-sfmc-ens-signature";

/** How the bytes of a callback's `signatureKey` are read for the HMAC.

    The documentation does not say, and public receivers differ: some take the key's base64
    decoding (32 bytes), others its text as given.
*/
enum class key_reading {
    base64_decoded, ///< the 32 bytes the key's base64 text stands for
    text,           ///< the key's text, byte for byte
    either,         ///< verify: accept a signature made either way (the default)
};

/** A callback's `signatureKey`: a secret, never printed.

    @par Example
    @code
    auto key = sfmc::sms::ens::signature_key::make(std::getenv("ENS_SIGNATURE_KEY"));
    @endcode
*/
class signature_key {
public:
    /// `error::bad_signature_key` for an empty key or one with bytes outside visible ASCII.
    static result<signature_key> make(std::string_view text);

    /// The key's bytes as `reading` takes them; a key whose text is not base64 has its text
    /// only (`base64_decoded` and `either` then give the text). Named so that every place
    /// the secret leaves the object is easy to find.
    std::string_view reveal(key_reading reading) const noexcept
    {
        if (reading != key_reading::text && decoded_)
            return *decoded_;
        return text_;
    }

    /// True when the key's text is base64, so that it has a decoded reading.
    bool is_base64() const noexcept { return decoded_.has_value(); }

    /// Writes `[redacted]`: never the key.
    friend std::ostream& operator<<(std::ostream& out, signature_key const&) { return out << "[redacted]"; }

private:
    signature_key() = default;
    std::string text_;
    std::optional<std::string> decoded_;
};

/** The value of `x-sfmc-ens-signature` for `body`: base64 of HMAC-SHA256 over the raw bytes,
    keyed as `reading` says (`either` signs with the decoded key when there is one). For
    tests, emulators and users' own harnesses. Empty when OpenSSL fails.
*/
SFMC_SMS_ENS_DECL std::string sign(std::string_view body, signature_key const& key,
                                   key_reading reading = key_reading::base64_decoded);

/** True when `signature` (the header's value) is the HMAC-SHA256 of `body` under one of
    `keys` (several during a key rotation), each read as `reading` says.

    The body is the raw bytes as received, never re-serialised JSON. The signature is
    decoded from base64 and compared with each expected digest in constant time
    (`CRYPTO_memcmp`); a missing, empty or malformed header is simply not a match. With
    `either`, the base64 reading is tried first, then the text: one HMAC when the key is
    read as most senders read it.

    @par Example
    @code
    if (!sfmc::sms::ens::verify(body, request[signature_header], {key}))
        return 401; // not from ENS
    @endcode

    @par Specification
    Marketing Cloud "ens-notification-signing".
*/
SFMC_SMS_ENS_DECL bool verify(std::string_view body, std::string_view signature, std::span<signature_key const> keys,
                              key_reading reading = key_reading::either);

/// `verify` with the keys listed in place: `verify(body, sig, {old_key, new_key})`.
inline bool verify(std::string_view body, std::string_view signature, std::initializer_list<signature_key> keys,
                   key_reading reading = key_reading::either)
{
    return verify(body, signature, std::span<signature_key const>(keys.begin(), keys.size()), reading);
}

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/signature.ipp>
#endif

#endif
