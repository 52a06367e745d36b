// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_CLIENT_CREDENTIALS_IPP
#define SFMC_SMS_IMPL_CLIENT_CREDENTIALS_IPP

// client_credentials.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/detail/text.hpp>

namespace sfmc::sms {

SFMC_SMS_DECL result<client_credentials> client_credentials::make(std::string_view client_id,
                                                                 std::string_view client_secret,
                                                                 std::string_view account_id, std::string_view scope)
{
    if (client_id.empty() || client_secret.empty())
        return error::bad_credentials;
    for (auto v : {client_id, client_secret, account_id, scope})
        if (!detail::utf8_code_points(v))
            return error::bad_credentials;
    client_credentials c;
    c.client_id_ = client_id;
    c.client_secret_ = client_secret;
    if (!account_id.empty())
        c.account_id_ = std::string(account_id);
    if (!scope.empty())
        c.scope_ = std::string(scope);
    return c;
}

SFMC_SMS_DECL std::ostream& operator<<(std::ostream& out, client_credentials const& c)
{
    out << "client_id=" << c.client_id_ << " client_secret=[redacted]";
    if (c.account_id_)
        out << " account_id=" << *c.account_id_;
    return out;
}

} // namespace sfmc::sms

#endif
