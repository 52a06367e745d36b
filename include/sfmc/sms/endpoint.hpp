// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENDPOINT_HPP
#define SFMC_SMS_ENDPOINT_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/text.hpp>
#include <sfmc/sms/error.hpp>

#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/alpha_chars.hpp>
#include <boost/url/grammar/charset.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace sfmc::sms {

namespace detail {
// RFC 1123 section 2.1 and RFC 3986 section 3.1.
inline constexpr boost::urls::grammar::lut_chars dns_label_chars =
    boost::urls::grammar::lut_chars(boost::urls::grammar::alnum_chars) + '-';
inline constexpr boost::urls::grammar::lut_chars scheme_chars =
    boost::urls::grammar::lut_chars(boost::urls::grammar::alnum_chars) + "+-.";
} // namespace detail

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

        The URL is parsed by Boost.URL (RFC 3986); our rules sit on top. `error::bad_url` for
        anything else: another scheme, userinfo, query, fragment, a host that is neither a DNS
        name nor an IPv4 or IPv6 address, an empty or dot segment in the path (percent-encoded
        ones such as `%2e%2E` included); `error::insecure_url` for http to a host that is not
        loopback (127.0.0.0/8, `::1` however written, `localhost`). An address is kept in its
        normal form (`[0:0::1]` becomes `::1`), a name in lower case.
    */
    static result<endpoint> from_url(std::string_view url)
    {
        constexpr std::size_t max_url_size = 2048;
        if (url.empty() || url.size() > max_url_size)
            return error::bad_url;
        std::string with_scheme;
        if (!has_scheme(url)) {
            with_scheme.append("https://").append(url);
            url = with_scheme;
        }
        if (url.size() > max_url_size) // so that the normal form, url(), parses again
            return error::bad_url;
        auto const parsed = boost::urls::parse_uri(url);
        if (!parsed)
            return error::bad_url;
        boost::urls::url_view const& u = *parsed;
        bool const secure = u.scheme_id() == boost::urls::scheme::https;
        if ((!secure && u.scheme_id() != boost::urls::scheme::http) || !u.has_authority() || u.has_userinfo() ||
            u.has_query() || u.has_fragment())
            return error::bad_url;

        std::string host;
        bool loopback = false;
        switch (u.host_type()) {
        case boost::urls::host_type::ipv4:
            host = u.host_ipv4_address().to_string();
            loopback = u.host_ipv4_address().is_loopback();
            break;
        case boost::urls::host_type::ipv6:
            host = u.host_ipv6_address().to_string();
            loopback = u.host_ipv6_address().is_loopback();
            break;
        case boost::urls::host_type::name:
            if (!is_dns_name(u.encoded_host()))
                return error::bad_url;
            host = lower(u.encoded_host());
            loopback = host == "localhost";
            break;
        default: // no host, or an IPvFuture literal
            return error::bad_url;
        }

        std::uint16_t port = secure ? 443 : 80;
        if (u.has_port()) {
            auto const p = detail::parse_small_uint(u.port());
            if (!p || *p == 0 || *p > 65535)
                return error::bad_url;
            port = static_cast<std::uint16_t>(*p);
        }
        std::string_view path = u.encoded_path();
        if (path.ends_with('/'))
            path.remove_suffix(1);
        if (!is_base_path(path))
            return error::bad_url;
        if (!secure && !loopback)
            return error::insecure_url;
        return endpoint(secure, std::move(host), port, std::string(path));
    }

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
    std::string url() const
    {
        std::string out(scheme());
        out.append("://").append(authority_).append(base_path_);
        return out;
    }

    /// Same scheme, host, port and base path.
    friend bool operator==(endpoint const&, endpoint const&) = default;

    /// Writes `url()`.
    friend std::ostream& operator<<(std::ostream& out, endpoint const& e) { return out << e.url(); }

    /// True for localhost, 127.0.0.0/8 and ::1 (however written): where plain http cannot
    /// leak a token. `host` is a name or an address without brackets.
    static bool is_loopback(std::string_view host) noexcept
    {
        if (detail::ci_is_equal(host, "localhost"))
            return true;
        if (auto const v4 = boost::urls::parse_ipv4_address(host))
            return v4->is_loopback();
        auto const v6 = boost::urls::parse_ipv6_address(host);
        return v6 && v6->is_loopback();
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

    // "scheme://" in front: RFC 3986 section 3.1's scheme characters, then "://".
    static bool has_scheme(std::string_view url) noexcept
    {
        auto const sep = url.find("://");
        if (sep == 0 || sep == std::string_view::npos)
            return false;
        auto const scheme = url.substr(0, sep);
        return boost::urls::grammar::alpha_chars(scheme.front()) &&
               boost::urls::grammar::find_if_not(scheme.data(), scheme.data() + scheme.size(), detail::scheme_chars) ==
                   scheme.data() + scheme.size();
    }

    static bool is_dns_label(std::string_view s) noexcept
    {
        if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-')
            return false;
        return boost::urls::grammar::find_if_not(s.data(), s.data() + s.size(), detail::dns_label_chars) == s.data() + s.size();
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

    // "" or "/seg/seg" of a path Boost.URL has already parsed (so pchars and well-formed
    // pct-encodings only): no empty segment and no dot segment, plain or percent-encoded,
    // so appending a route never yields "//" or a path a normaliser would rewrite.
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
            auto const seg = boost::urls::make_pct_string_view(p.substr(start, end - start));
            if (!seg || seg->empty() || seg->decode() == "." || seg->decode() == "..")
                return false;
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
