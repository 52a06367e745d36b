// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_FAILURE_IPP
#define SFMC_SMS_IMPL_FAILURE_IPP

// failure.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/detail/redact.hpp>

#include <boost/throw_exception.hpp>

#include <string>
#include <string_view>

namespace sfmc::sms {

SFMC_SMS_DECL void failure::redact(std::string_view secret)
{
    // Only the text that came from outside: `detail` is the library's own words, which a
    // short secret must not mangle ("Connec[redacted]ion").
    for (std::string* text : {&message, &documentation, &raw_body})
        detail::redact_text(*text, secret);
    if (oauth) {
        detail::redact_text(oauth->error, secret);
        detail::redact_text(oauth->description, secret);
        detail::redact_text(oauth->uri, secret);
    }
}

SFMC_SMS_DECL std::string failure::to_string() const
{
    std::string out(request);
    if (!out.empty())
        out += ": ";
    out += code.message();
    if (!detail.empty())
        out.append(": ").append(detail);
    if (http_status != 0)
        out.append(" [HTTP ").append(std::to_string(http_status));
    if (errorcode)
        out.append(http_status != 0 ? ", " : " [").append("errorcode ").append(std::to_string(*errorcode));
    if (http_status != 0 || errorcode)
        out += ']';
    if (oauth && !oauth->error.empty())
        out.append(" ").append(oauth->error).append(":");
    if (auto const said = server_message(); !said.empty())
        out.append(" \"").append(said).append("\"");
    if (retry_after)
        out.append(" (retry after ").append(std::to_string(retry_after->count())).append(" s)");
    if (outcome_unknown)
        out += " (outcome unknown: the request may have reached the server and is not repeated)";
    return out;
}

SFMC_SMS_DECL failure_exception::failure_exception(failure f)
    : boost::system::system_error(f.code, f.to_string()), failure_(std::move(f))
{
}

[[noreturn]] SFMC_SMS_DECL void throw_exception_from_error(failure const& f, boost::source_location const& loc)
{
    boost::throw_exception(failure_exception(f), loc);
}

} // namespace sfmc::sms

#endif
