// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_BODY_HPP
#define SFMC_SMS_DETAIL_BODY_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/detail/redact.hpp>
#include <sfmc/sms/detail/text.hpp>

#include <cstddef>
#include <span>
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

// The first `limit` bytes of a body that is kept for the caller to look at, without any of
// `secrets`: they are redacted before the cut, in a copy long enough to hold whole any secret
// that starts before it, so that none is left in part at the cut.
inline std::string bounded_copy(std::string_view body, std::size_t limit, std::span<std::string_view const> secrets = {})
{
    std::size_t longest = 0;
    for (auto s : secrets)
        longest = s.size() > longest ? s.size() : longest;
    auto const room = limit + escaped_size(longest);
    std::string kept(body.substr(0, room < limit ? body.size() : room));
    for (auto s : secrets)
        redact_text(kept, s);
    if (kept.size() > limit)
        kept.resize(limit);
    return kept;
}

} // namespace sfmc::sms::detail

#endif
