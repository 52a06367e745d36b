// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_BODY_HPP
#define SFMC_SMS_DETAIL_BODY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace sfmc::sms::detail {

// "application/json", "application/problem+json; charset=utf-8"...
inline bool is_json_media_type(std::string_view content_type) noexcept
{
    auto const type = trim_ows(content_type.substr(0, content_type.find(';')));
    return ci_is_equal(type, "application/json") ||
           (type.size() > 5 && ci_is_equal(type.substr(type.size() - 5), "+json"));
}

// The first `limit` bytes of a body that is kept for the caller to look at.
inline std::string bounded_copy(std::string_view body, std::size_t limit)
{
    return std::string(body.substr(0, limit));
}

} // namespace sfmc::sms::detail

#endif
