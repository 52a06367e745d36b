// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_ACCESS_TOKEN_IPP
#define SFMC_SMS_IMPL_ACCESS_TOKEN_IPP

// access_token.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <algorithm>

namespace sfmc::sms {

SFMC_SMS_DECL result<access_token> access_token::make(std::string_view text)
{
    if (text.empty() || !std::all_of(text.begin(), text.end(), detail::is_visible_ascii))
        return error::bad_token;
    return access_token(text);
}

} // namespace sfmc::sms

#endif
