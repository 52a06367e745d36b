// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_HTTP_REQUEST_IPP
#define SFMC_SMS_IMPL_HTTP_REQUEST_IPP

// http_request.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/detail/text.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL std::optional<std::string_view> http_request::header(std::string_view name) const noexcept
{
    for (auto h : headers())
        if (detail::ci_is_equal(h.name, name))
            return h.value;
    return std::nullopt;
}

SFMC_SMS_DECL std::string http_request::url() const
{
    auto const host = header("Host");
    if (!host) // a default request: nowhere to go
        return {};
    std::string out(scheme_);
    out += "://";
    out += *host;
    out += target();
    return out;
}

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, http_request const& r)
{
    out << r.method() << ' ' << r.url();
    for (auto h : r.headers()) {
        out << '\n' << h.name << ": ";
        if (detail::ci_is_equal(h.name, "Authorization"))
            out << h.value.substr(0, h.value.find(' ') + 1) << "[redacted]";
        else
            out << h.value;
    }
    return out;
}

} // namespace sfmc::sms

#endif
