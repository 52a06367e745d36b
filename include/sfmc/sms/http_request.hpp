// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_HTTP_REQUEST_HPP
#define SFMC_SMS_HTTP_REQUEST_HPP

#include <sfmc/sms/detail/config.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

class request_builder;

/// One header of a request: views into the request that holds it.
struct http_header_view {
    /// The header's name, as sent.
    std::string_view name;
    /// The header's value, as sent.
    std::string_view value;
};

/** An HTTP request as a plain value, ready for any HTTP stack to send.

    Made by a @ref request_builder (every route's `make_request`), read by transports: method, scheme,
    host, port, target (already percent-encoded: send it byte for byte), headers and body,
    or `url()` for stacks that want one string. All its text lives in one buffer, so making
    one costs a single allocation.

    Printing it (`operator<<`) shows everything but the secret: the `Authorization` value
    is written as `Bearer [redacted]`.
*/
class http_request {
    struct span {
        std::uint32_t offset = 0, size = 0;
    };

public:
    /// The most headers a request holds, `Host` included (see @ref request_builder).
    static constexpr std::size_t max_headers = 16;

    /// Iterates the headers in the order they are sent.
    class header_iterator {
    public:
        /// A header.
        using value_type = http_header_view;
        /// A distance between headers.
        using difference_type = std::ptrdiff_t;
        header_iterator() = default;
        /// The header.
        http_header_view operator*() const { return req_->header_at(index_); }
        /// The next header.
        header_iterator& operator++() { ++index_; return *this; }
        /// The next header; returns this one.
        header_iterator operator++(int) { auto old = *this; ++index_; return old; }
        /// Same request, same header.
        bool operator==(header_iterator const&) const = default;

    private:
        friend class http_request;
        header_iterator(http_request const* r, std::size_t i) : req_(r), index_(i) {}
        http_request const* req_ = nullptr;
        std::size_t index_ = 0;
    };

    /// The headers of a request, in order: a range for `for` loops.
    struct header_range {
        header_iterator first; ///< the first header
        header_iterator last;  ///< one past the last header
        /// The first header.
        header_iterator begin() const { return first; }
        /// One past the last header.
        header_iterator end() const { return last; }
        /// How many headers.
        std::size_t size() const { return static_cast<std::size_t>(last.index_ - first.index_); }
    };

    /// "GET" or "POST".
    std::string_view method() const noexcept { return method_; }
    /// "https", or "http" to loopback.
    std::string_view scheme() const noexcept { return scheme_; }
    /// The host to connect to; an IPv6 address comes without brackets.
    std::string_view host() const noexcept { return view(host_); }
    /// The port to connect to.
    std::uint16_t port() const noexcept { return port_; }
    /// The request target, percent-encoded: send it exactly as it is.
    std::string_view target() const noexcept { return view(target_); }
    /// The body; empty for a GET.
    std::string_view body() const noexcept { return view(body_); }
    /// The headers, in the order they are sent; `Host` first.
    header_range headers() const noexcept { return {{this, 0}, {this, headers_.count}}; }

    /// The first header named `name` (compared without regard to case), if any.
    std::optional<std::string_view> header(std::string_view name) const noexcept;

    /// "scheme://authority/target", for stacks that take one URL; empty for a default request.
    std::string url() const;

    /// The request line and headers, the `Authorization` value redacted, never the body.
    friend std::ostream& operator<<(std::ostream& out, http_request const& r);

private:
    friend class request_builder;

    struct field {
        char const* name; // a string literal
        std::uint32_t name_size;
        span value;
    };
    // The headers: only the first `count` slots are ever read, and only they are copied, so
    // the others need not be written when a request is made (zeroing them all took a fifth
    // of the time to build a request; bench/, build/ours/*).
    struct header_slots {
        std::size_t count = 0;
        field items[max_headers];

        header_slots() noexcept {} // user-provided: `items` stays unwritten even in `http_request{}`
        header_slots(header_slots const& other) noexcept { *this = other; }
        header_slots& operator=(header_slots const& other) noexcept
        {
            if (this != &other) {
                count = other.count;
                for (std::size_t i = 0; i != count; ++i)
                    items[i] = other.items[i];
            }
            return *this;
        }
    };

    std::string_view view(span s) const noexcept { return std::string_view(text_).substr(s.offset, s.size); }
    http_header_view header_at(std::size_t i) const noexcept
    {
        return {{headers_.items[i].name, headers_.items[i].name_size}, view(headers_.items[i].value)};
    }

    std::string_view method_;
    std::string_view scheme_;
    std::uint16_t port_ = 0;
    span host_, target_, body_;
    header_slots headers_;
    std::string text_;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/http_request.ipp>
#endif

#endif
