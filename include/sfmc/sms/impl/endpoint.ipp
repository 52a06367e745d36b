// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_ENDPOINT_IPP
#define SFMC_SMS_IMPL_ENDPOINT_IPP

// The definition of endpoint.hpp's heavy part (URL parsing by Boost.URL): inline in
// header-only mode, compiled once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/alpha_chars.hpp>
#include <boost/url/grammar/charset.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

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

SFMC_SMS_DECL result<endpoint> endpoint::from_url(std::string_view url)
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

SFMC_SMS_DECL bool endpoint::is_loopback(std::string_view host) noexcept
{
    if (detail::ci_is_equal(host, "localhost"))
        return true;
    if (auto const v4 = boost::urls::parse_ipv4_address(host))
        return v4->is_loopback();
    auto const v6 = boost::urls::parse_ipv6_address(host);
    return v6 && v6->is_loopback();
}

SFMC_SMS_DECL bool endpoint::has_scheme(std::string_view url) noexcept
{
    auto const sep = url.find("://");
    if (sep == 0 || sep == std::string_view::npos)
        return false;
    auto const scheme = url.substr(0, sep);
    return boost::urls::grammar::alpha_chars(scheme.front()) &&
           boost::urls::grammar::find_if_not(scheme.data(), scheme.data() + scheme.size(), detail::scheme_chars) ==
               scheme.data() + scheme.size();
}

SFMC_SMS_DECL bool endpoint::is_dns_label(std::string_view s) noexcept
{
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-')
        return false;
    return boost::urls::grammar::find_if_not(s.data(), s.data() + s.size(), detail::dns_label_chars) == s.data() + s.size();
}

SFMC_SMS_DECL bool endpoint::is_dns_name(std::string_view s) noexcept
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

SFMC_SMS_DECL bool endpoint::is_base_path(std::string_view p) noexcept
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

SFMC_SMS_DECL endpoint::endpoint(bool secure, std::string host, std::uint16_t port, std::string base)
    : secure_(secure), port_(port), host_(std::move(host)), base_path_(std::move(base))
{
    bool const ipv6 = host_.find(':') != std::string::npos;
    authority_ = ipv6 ? '[' + host_ + ']' : host_;
    if (port_ != (secure_ ? 443 : 80))
        authority_.append(":").append(std::to_string(port_));
}

SFMC_SMS_DECL result<endpoint> endpoint::from_subdomain(std::string_view sub, api which)
{
    if (!is_dns_label(sub))
        return error::bad_subdomain;
    std::string host = lower(sub);
    host += which == api::rest ? ".rest.marketingcloudapis.com" : ".auth.marketingcloudapis.com";
    return endpoint(true, std::move(host), 443, {});
}

SFMC_SMS_DECL std::string endpoint::url() const
{
    std::string out(scheme());
    out.append("://").append(authority_).append(base_path_);
    return out;
}

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, endpoint const& e)
{
    return out << e.url();
}

SFMC_SMS_DECL std::string endpoint::lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = detail::to_lower(c);
    return out;
}

} // namespace sfmc::sms

#endif
