// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENDPOINT_HPP
#define SFMC_SMS_ENDPOINT_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

/** Where requests go: scheme, host, port and the base path in front of every route.

    Made from a tenant subdomain or from a base URL, and validated so that nothing a caller
    or a token response holds can be spliced into a request: a subdomain is one DNS label; a
    URL has no userinfo, query or fragment; plain `http://` is accepted only for loopback
    hosts (127.0.0.0/8, `[::1]`, `localhost`), so a bearer token never crosses a network in
    clear text.

    @par Example
    @code
    auto rest = sfmc::sms::endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm");
    auto same = sfmc::sms::endpoint::from_url("https://mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com/");
    @endcode
*/
class endpoint {
public:
    /// Which Marketing Cloud host a subdomain names.
    enum class api { rest, auth };

    /// The tenant host `SUB.rest.marketingcloudapis.com` (or `SUB.auth...`), https; `error::bad_subdomain`
    /// unless `sub` is one DNS label: letters, digits, `-`, 1 to 63 characters, no `-` at an end.
    static result<endpoint> from_subdomain(std::string_view sub, api which = api::rest);

    /** Parses a base URL: `https://host[:port][/path][/]`, `http://` to loopback, or a bare
        `host[:port][/path]` (taken as https, as the token's instance URLs are sometimes shown).

        The URL is parsed by Boost.URL (RFC 3986); our rules sit on top. `error::bad_url` for
        anything else: another scheme, userinfo, query, fragment, a host that is neither a DNS
        name nor an IPv4 or IPv6 address, an empty or dot segment in the path (percent-encoded
        ones such as `%2e%2E` included); `error::insecure_url` for http to a host that is not
        loopback (127.0.0.0/8, `::1` however written, `localhost`). An address is kept in its
        normal form (`[0:0::1]` becomes `::1`), a name in lower case.
    */
    static result<endpoint> from_url(std::string_view url);

    /// "https" or "http".
    std::string_view scheme() const noexcept { return secure_ ? "https" : "http"; }
    /// The host in lower case, an IPv6 address without its brackets.
    std::string_view host() const noexcept { return host_; }
    /// The port, 443 or 80 unless the URL gave one.
    std::uint16_t port() const noexcept { return port_; }
    /// "" or a path such as "/tenant" with no trailing '/'; routes are appended to it.
    std::string_view base_path() const noexcept { return base_path_; }
    /// True for https.
    bool is_secure() const noexcept { return secure_; }

    /// The `Host` header's value: the host (bracketed when IPv6), then ":port" unless the
    /// port is the scheme's default.
    std::string_view authority() const noexcept { return authority_; }

    /// "https://host[:port]/base": the URL this endpoint was made from, normalised.
    std::string url() const;

    /// Same scheme, host, port and base path.
    friend bool operator==(endpoint const&, endpoint const&) = default;

    /// Writes `url()`.
    friend std::ostream& operator<<(std::ostream& out, endpoint const& e);

    /// True for localhost, 127.0.0.0/8 and ::1 (however written): where plain http cannot
    /// leak a token. `host` is a name or an address without brackets.
    static bool is_loopback(std::string_view host) noexcept;

private:
    endpoint(bool secure, std::string host, std::uint16_t port, std::string base);

    static std::string lower(std::string_view s);

    // "scheme://" in front: RFC 3986 section 3.1's scheme characters, then "://".
    static bool has_scheme(std::string_view url) noexcept;

    static bool is_dns_label(std::string_view s) noexcept;

    static bool is_dns_name(std::string_view s) noexcept;

    // "" or "/seg/seg" of a path Boost.URL has already parsed (so pchars and well-formed
    // pct-encodings only): no empty segment and no dot segment, plain or percent-encoded,
    // so appending a route never yields "//" or a path a normaliser would rewrite.
    static bool is_base_path(std::string_view p) noexcept;

    bool secure_;
    std::uint16_t port_;
    std::string host_;
    std::string base_path_;
    std::string authority_; // derived from the three above, kept for building requests
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/endpoint.ipp>
#endif

#endif
