// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_IMPL_SIGNATURE_IPP
#define SFMC_SMS_ENS_IMPL_SIGNATURE_IPP

// signature.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/ens/src.hpp> with SFMC_SMS_ENS_SEPARATE_COMPILATION. OpenSSL's headers are needed here
// only.

#include <sfmc/sms/ens/signature.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>

namespace sfmc::sms::ens {

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

SFMC_SMS_ENS_DECL result<signature_key> signature_key::make(std::string_view text)
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

SFMC_SMS_ENS_DECL std::string sign(std::string_view body, signature_key const& key, key_reading reading)
{
    auto const mac = detail::hmac_sha256(key.reveal(reading), body);
    if (!mac)
        return {};
    return detail::base64_encode(mac->data(), mac->size());
}

SFMC_SMS_ENS_DECL bool verify(std::string_view body, std::string_view signature, std::span<signature_key const> keys,
                              key_reading reading)
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

} // namespace sfmc::sms::ens

#endif
