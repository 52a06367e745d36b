// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENDPOINT_HPP
#define SFMC_SMS_ENDPOINT_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/text.hpp>
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

    /// `https://{sub}.rest.marketingcloudapis.com` (or `.auth.`); `error::bad_subdomain`
    /// unless `sub` is one DNS label: letters, digits, '-', 1 to 63 characters, no '-' at an end.
    static result<endpoint> from_subdomain(std::string_view sub, api which = api::rest)
    {
        if (!is_dns_label(sub))
            return error::bad_subdomain;
        std::string host = lower(sub);
        host += which == api::rest ? ".rest.marketingcloudapis.com" : ".auth.marketingcloudapis.com";
        return endpoint(true, std::move(host), 443, {});
    }

    /** Parses a base URL: `https://host[:port][/path][/]`, `http://` to loopback, or a bare
        `host[:port][/path]` (taken as https, as the token's instance URLs are sometimes shown).

        `error::bad_url` for anything else: another scheme, userinfo, query, fragment, an empty
        or dot segment in the path, a character a URL cannot carry; `error::insecure_url` for
        http to a host that is not loopback.
    */
    static result<endpoint> from_url(std::string_view url)
    {
        constexpr std::size_t max_url_size = 2048;
        if (url.empty() || url.size() > max_url_size)
            return error::bad_url;
        bool secure = true;
        if (auto const sep = url.find("://"); sep != std::string_view::npos) {
            auto const scheme = url.substr(0, sep);
            if (detail::iequals(scheme, "http"))
                secure = false;
            else if (!detail::iequals(scheme, "https"))
                return error::bad_url;
            url.remove_prefix(sep + 3);
        }
        auto const slash = url.find('/');
        auto const authority = url.substr(0, slash);
        auto path = slash == std::string_view::npos ? std::string_view{} : url.substr(slash);

        std::string_view host = authority;
        std::string_view port_text;
        if (host.starts_with('[')) {
            auto const close = host.find(']');
            if (close == std::string_view::npos)
                return error::bad_url;
            port_text = host.substr(close + 1);
            host = host.substr(1, close - 1);
            if (!is_ipv6_text(host))
                return error::bad_url;
        } else {
            auto const colon = host.find(':');
            if (colon != std::string_view::npos) {
                port_text = host.substr(colon);
                host = host.substr(0, colon);
            }
            if (!is_dns_name(host))
                return error::bad_url;
        }
        std::uint16_t port = secure ? 443 : 80;
        if (!port_text.empty()) {
            if (port_text.front() != ':')
                return error::bad_url;
            auto const p = detail::parse_small_uint(port_text.substr(1));
            if (!p || *p == 0 || *p > 65535 || port_text.size() > 6)
                return error::bad_url;
            port = static_cast<std::uint16_t>(*p);
        }
        if (path.ends_with('/'))
            path.remove_suffix(1);
        if (!is_base_path(path))
            return error::bad_url;
        std::string h = lower(host);
        if (!secure && !is_loopback(h))
            return error::insecure_url;
        return endpoint(secure, std::move(h), port, std::string(path));
    }

    /// "https" or "http".
    std::string_view scheme() const noexcept { return secure_ ? "https" : "http"; }
    /// The host in lower case, an IPv6 address without its brackets.
    std::string_view host() const noexcept { return host_; }
    std::uint16_t port() const noexcept { return port_; }
    /// "" or a path such as "/tenant" with no trailing '/'; routes are appended to it.
    std::string_view base_path() const noexcept { return base_path_; }
    bool is_secure() const noexcept { return secure_; }

    /// The `Host` header's value: the host (bracketed when IPv6), then ":port" unless the
    /// port is the scheme's default.
    std::string_view authority() const noexcept { return authority_; }

    /// "https://host[:port]/base": the URL this endpoint was made from, normalised.
    std::string url() const
    {
        std::string out(scheme());
        out.append("://").append(authority_).append(base_path_);
        return out;
    }

    friend bool operator==(endpoint const&, endpoint const&) = default;

    friend std::ostream& operator<<(std::ostream& out, endpoint const& e) { return out << e.url(); }

    /// True for localhost, 127.0.0.0/8 and ::1: where plain http cannot leak a token.
    static bool is_loopback(std::string_view host) noexcept
    {
        if (detail::iequals(host, "localhost") || host == "::1")
            return true;
        // Dotted-quad IPv4 in 127.0.0.0/8.
        int parts = 0;
        std::size_t start = 0;
        std::string_view first;
        while (start <= host.size()) {
            auto end = host.find('.', start);
            if (end == std::string_view::npos)
                end = host.size();
            auto const octet = detail::parse_small_uint(host.substr(start, end - start));
            if (!octet || *octet > 255 || end - start > 3)
                return false;
            if (parts == 0)
                first = host.substr(start, end - start);
            ++parts;
            start = end + 1;
        }
        return parts == 4 && first == "127";
    }

private:
    endpoint(bool secure, std::string host, std::uint16_t port, std::string base)
        : secure_(secure), port_(port), host_(std::move(host)), base_path_(std::move(base))
    {
        bool const ipv6 = host_.find(':') != std::string::npos;
        authority_ = ipv6 ? '[' + host_ + ']' : host_;
        if (port_ != (secure_ ? 443 : 80))
            authority_.append(":").append(std::to_string(port_));
    }

    static std::string lower(std::string_view s)
    {
        std::string out(s);
        for (char& c : out)
            c = detail::to_lower(c);
        return out;
    }

    static bool is_dns_label(std::string_view s) noexcept
    {
        if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-')
            return false;
        for (char c : s)
            if (!detail::is_alpha(c) && !detail::is_digit(c) && c != '-')
                return false;
        return true;
    }

    static bool is_dns_name(std::string_view s) noexcept
    {
        if (s.empty() || s.size() > 253)
            return false;
        std::size_t start = 0;
        while (true) {
            auto const dot = s.find('.', start);
            if (!is_dns_label(s.substr(start, dot == std::string_view::npos ? dot : dot - start)))
                return false;
            if (dot == std::string_view::npos)
                return true;
            start = dot + 1;
        }
    }

    // The characters of an IPv6 literal (RFC 3986 IP-literal, without a zone); the transport
    // gives the final word on whether it is an address.
    static bool is_ipv6_text(std::string_view s) noexcept
    {
        if (s.size() < 2 || s.size() > 45 || s.find(':') == std::string_view::npos)
            return false;
        for (char c : s) {
            if (!detail::is_hex_digit(c) && c != ':' && c != '.')
                return false;
        }
        return true;
    }

    // "" or "/seg/seg": RFC 3986 pchars and pct-encodings, no empty or dot segment, so
    // appending a route never yields "//" or a path a normaliser would rewrite.
    static bool is_base_path(std::string_view p) noexcept
    {
        if (p.empty())
            return true;
        if (p.front() != '/')
            return false;
        std::size_t start = 1;
        while (start <= p.size()) {
            auto end = p.find('/', start);
            if (end == std::string_view::npos)
                end = p.size();
            auto const seg = p.substr(start, end - start);
            if (seg.empty() || seg == "." || seg == "..")
                return false;
            for (std::size_t i = 0; i < seg.size(); ++i) {
                char const c = seg[i];
                if (c == '%') {
                    if (i + 2 >= seg.size() || !detail::is_hex_digit(seg[i + 1]) || !detail::is_hex_digit(seg[i + 2]))
                        return false;
                    i += 2;
                } else if (!detail::is_unreserved(c) && std::string_view("!$&'()*+,;=:@").find(c) == std::string_view::npos) {
                    return false;
                }
            }
            start = end + 1;
        }
        return true;
    }

    bool secure_;
    std::uint16_t port_;
    std::string host_;
    std::string base_path_;
    std::string authority_; // derived from the three above, kept for building requests
};

} // namespace sfmc::sms

#endif
