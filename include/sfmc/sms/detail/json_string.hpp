// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_JSON_STRING_HPP
#define SFMC_SMS_DETAIL_JSON_STRING_HPP

#include <sfmc/sms/detail/config.hpp>

#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// Appends `s` as a JSON string (RFC 8259 section 7): quotes, backslash and control
// characters escaped; the rest, already valid UTF-8, as it is. Written by hand rather than
// through Boost.JSON's DOM, whose headers would make <sfmc/sms.hpp> markedly slower to compile;
// tests/token_request.cpp proves it against Boost.JSON's parser.
inline void append_json_string(std::string& out, std::string_view s)
{
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out.append("\\u00").append(1, hex[(c >> 4) & 0xF]).append(1, hex[c & 0xF]);
            else
                out += c;
        }
    }
    out += '"';
}

} // namespace sfmc::sms::detail

#endif
