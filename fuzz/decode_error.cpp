// API error decoding: any status, headers and body give a typed failure with a bounded raw
// body and a bounded delay.
#include <sfmc/sms/decode_error.hpp>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    // The first byte picks the status; up to the first newline is the Retry-After header.
    constexpr int statuses[] = {400, 401, 403, 404, 429, 429, 429, 503, 503, 500, 502, 302, 409, 415, 0, 999};
    auto text = fuzz::as_text(data, size);
    sfmc::sms::http_response res;
    res.status = statuses[size > 0 ? data[0] & 15 : 0];
    if (!text.empty())
        text.remove_prefix(1);
    auto const newline = text.find('\n');
    if (newline != std::string_view::npos) {
        res.headers.push_back({"Retry-After", std::string(text.substr(0, newline))});
        text.remove_prefix(newline + 1);
    }
    res.body = std::string(text);

    sfmc::sms::decode_options opt;
    opt.max_raw_body = 100;
    opt.now = std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 50}};
    auto const f = sfmc::sms::decode_error(res, opt);
    SFMC_FUZZ_CHECK(f.code == sfmc::sms::condition::http_status);
    SFMC_FUZZ_CHECK(f.http_status == res.status);
    SFMC_FUZZ_CHECK(f.raw_body.size() <= opt.max_raw_body);
    if (f.retry_after)
        SFMC_FUZZ_CHECK(*f.retry_after >= std::chrono::seconds{0} && *f.retry_after <= sfmc::sms::max_retry_after);
    SFMC_FUZZ_CHECK(!f.retry_after || res.status == 429 || res.status == 503);
    SFMC_FUZZ_CHECK((f.code == sfmc::sms::error::blocked) == (res.status == 429 && f.errorcode == 50200));
    (void)f.to_string();
    return 0;
}
