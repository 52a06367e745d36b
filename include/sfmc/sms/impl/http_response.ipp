// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_HTTP_RESPONSE_IPP
#define SFMC_SMS_IMPL_HTTP_RESPONSE_IPP

// http_response.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/detail/text.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL std::optional<std::string_view> http_response::header(std::string_view name) const noexcept
{
    for (auto const& h : headers)
        if (detail::ci_is_equal(h.name, name))
            return detail::trim_ows(h.value);
    return std::nullopt;
}

} // namespace sfmc::sms

#endif
