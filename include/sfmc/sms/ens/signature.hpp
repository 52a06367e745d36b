// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SIGNATURE_HPP
#define SFMC_SMS_ENS_SIGNATURE_HPP

// Opt-in: include this header yourself and link OpenSSL's libcrypto (OpenSSL::Crypto).
// Neither <sfmc/sms.hpp> nor <sfmc/sms/ens.hpp> includes it, so the core stays free of it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>
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

namespace detail {

inline std::string base64_encode(unsigned char const* bytes, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    int const n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Strict RFC 4648 base64 (padding required, no whitespace, canonical: the unused bits of the
// last character zero) decoded by OpenSSL; nullopt for anything else, so one byte string has
// exactly one accepted text. EVP_DecodeBlock counts padding as zero bytes, dropped here.
inline std::optional<std::string> base64_decode(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0 || text.size() > 4096)
        return std::nullopt;
    constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    auto const body = text.substr(0, text.find_last_not_of('=') + 1);
    if (text.size() - body.size() > 2 || body.find_first_not_of(alphabet) != std::string_view::npos)
        return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    int const n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<unsigned char const*>(text.data()), static_cast<int>(text.size()));
    if (n < 0)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(n) - (text.size() - body.size()));
    if (base64_encode(reinterpret_cast<unsigned char const*>(out.data()), out.size()) != text)
        return std::nullopt;
    return out;
}

using digest = std::array<unsigned char, 32>;

// HMAC-SHA256 by OpenSSL, never by hand; nullopt when OpenSSL fails (no provider, no
// memory), which must never leave a digest of zeros that a forged signature could match.
inline std::optional<digest> hmac_sha256(std::string_view key, std::string_view body)
{
    digest out{};
    unsigned int size = 0;
    if (key.size() > static_cast<std::size_t>(INT_MAX) ||
        !HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(body.data()),
              body.size(), out.data(), &size) ||
        size != out.size())
        return std::nullopt;
    return out;
}

} // namespace detail

/** A callback's `signatureKey`: a secret, never printed.

    @par Example
    @code
    auto key = sfmc::sms::ens::signature_key::make(std::getenv("ENS_SIGNATURE_KEY"));
    @endcode
*/
class signature_key {
public:
    /// `error::bad_signature_key` for an empty key or one with bytes outside visible ASCII.
    static result<signature_key> make(std::string_view text)
    {
        if (text.empty() || text.size() > 1024)
            return error::bad_signature_key;
        for (char c : text)
            if (c <= 0x20 || c >= 0x7f)
                return error::bad_signature_key;
        signature_key k;
        k.text_ = text;
        k.decoded_ = detail::base64_decode(text);
        return k;
    }

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
inline std::string sign(std::string_view body, signature_key const& key, key_reading reading = key_reading::base64_decoded)
{
    auto const mac = detail::hmac_sha256(key.reveal(reading), body);
    if (!mac)
        return {};
    return detail::base64_encode(mac->data(), mac->size());
}

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
inline bool verify(std::string_view body, std::string_view signature, std::span<signature_key const> keys,
                   key_reading reading = key_reading::either)
{
    auto const given = detail::base64_decode(signature);
    if (!given || given->size() != std::tuple_size_v<detail::digest>)
        return false;
    auto const matches = [&](std::string_view key_bytes) {
        auto const mac = detail::hmac_sha256(key_bytes, body);
        return mac && CRYPTO_memcmp(mac->data(), given->data(), mac->size()) == 0; // a failed HMAC refuses
    };
    // Stopping at the first match tells a sender only which key and reading its valid
    // signature used, which it knows; the comparison itself never depends on how much of
    // a wrong signature is right. So a batch costs one HMAC in the common case, not two.
    for (auto const& key : keys) {
        if (reading != key_reading::either) {
            if (matches(key.reveal(reading)))
                return true;
        } else if ((key.is_base64() && matches(key.reveal(key_reading::base64_decoded))) ||
                   matches(key.reveal(key_reading::text))) {
            return true;
        }
    }
    return false;
}

/// `verify` with the keys listed in place: `verify(body, sig, {old_key, new_key})`.
inline bool verify(std::string_view body, std::string_view signature, std::initializer_list<signature_key> keys,
                   key_reading reading = key_reading::either)
{
    return verify(body, signature, std::span<signature_key const>(keys.begin(), keys.size()), reading);
}

} // namespace sfmc::sms::ens

#endif
