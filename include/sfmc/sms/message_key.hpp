// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_MESSAGE_KEY_HPP
#define SFMC_SMS_MESSAGE_KEY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/** The key that names one transactional SMS, validated.

    The API allows up to 100 characters with "no restricted characters". A key is valid when
    it is not empty, is well-formed UTF-8 and has at most 100 code points, so any key the
    server could have accepted passes. Any byte may appear: '/', '?', '#', '%', CR, LF, NUL.

    A key lives inside the object (at most 400 bytes of UTF-8): making, copying and
    moving one never allocates.

    @par Example
    @code
    auto key = sfmc::sms::message_key::make("order 42/a");
    assert(key && key->encoded() == "order%2042%2Fa");
    @endcode

    @par Specification
    GET /messaging/v1/sms/messages/{messageKey}, "URL Parameters".
*/
class message_key {
public:
    /// The most code points a key may have, as the API documents.
    static constexpr std::size_t max_code_points = 100;
    /// The most bytes a key may take (four per code point).
    static constexpr std::size_t max_bytes = 4 * max_code_points;

    /// Validates `utf8`; `error::key_empty`, `error::key_not_utf8` or `error::key_too_long`.
    static result<message_key> make(std::string_view utf8);

    /// Copies the key's bytes; never allocates.
    message_key(message_key const& other) noexcept : size_(other.size_) { std::memcpy(bytes_, other.bytes_, size_); }
    /// Copies the key's bytes; never allocates.
    message_key& operator=(message_key const& other) noexcept
    {
        size_ = other.size_;
        std::memmove(bytes_, other.bytes_, size_);
        return *this;
    }

    /// The key as given.
    std::string_view value() const noexcept { return {bytes_, size_}; }

    /// The key as one path segment (see @ref encode_path_segment).
    std::string encoded() const;

    /// Byte for byte.
    friend bool operator==(message_key const& a, message_key const& b) noexcept { return a.value() == b.value(); }

    /// Writes the key as given (keys are not secret).
    friend std::ostream& operator<<(std::ostream& out, message_key const& k) { return out << k.value(); }

private:
    // Only make() calls this, with at most 100 code points: at most max_bytes.
    explicit message_key(std::string_view v) noexcept : size_(static_cast<std::uint16_t>(v.size()))
    {
        std::memcpy(bytes_, v.data(), size_);
    }

    std::uint16_t size_;
    char bytes_[max_bytes];
};

/** The length of `s` once encoded by @ref encode_path_segment. */
SFMC_SMS_DECL std::size_t encoded_path_segment_size(std::string_view s) noexcept;

/** Writes `s` as one path segment: every byte but RFC 3986's unreserved ones becomes `%XX`.

    Nothing a key holds can then change what the request means: '/', '?', '#', '%', '+', ';',
    '=', ':', '@', space, CR, LF, NUL and non-ASCII are all escaped (Boost.URL's `pchars` would
    leave `+ : @ ! $ & ' ( ) * , ; =`; `unreserved_chars` is used instead). A segment that is
    exactly "." or ".." is escaped too, so no normaliser takes it for a dot-segment. `out`
    has room for `size` characters, at least `encoded_path_segment_size(s)`; returns one past
    the last written.

    @par Specification
    RFC 3986 sections 2.1, 2.3 and 5.2.4.
*/
SFMC_SMS_DECL char* encode_path_segment(std::string_view s, char* out, std::size_t size) noexcept;

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/message_key.ipp>
#endif

#endif
