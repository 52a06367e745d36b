// Status decoding: any status, Content-Type and body give a value or a failure, never a
// crash; a failure's raw body stays bounded; a UTC time read back from its own RFC 3339
// text is the same instant.
#include <sfmc/sms/decode_status.hpp>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    // The first byte picks the status and the Content-Type; the rest is the body.
    constexpr int statuses[] = {200, 200, 200, 200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 503, 599, 99};
    constexpr char const* types[] = {nullptr, "application/json", "application/json; charset=utf-8", "text/html"};
    std::uint8_t const selector = size > 0 ? data[0] : 0;
    sfmc::sms::http_response res;
    res.status = statuses[selector & 15];
    if (auto const* type = types[(selector >> 4) & 3])
        res.headers.push_back({"Content-Type", type});
    res.body = std::string(fuzz::as_text(data, size).substr(size > 0 ? 1 : 0));

    sfmc::sms::decode_options opt;
    opt.max_raw_body = 64;
    opt.now = std::chrono::system_clock::time_point{std::chrono::hours{24 * 365 * 50}};
    auto const r = sfmc::sms::decode_status(res, opt);
    if (!r) {
        SFMC_FUZZ_CHECK(r.error().raw_body.size() <= opt.max_raw_body);
        SFMC_FUZZ_CHECK(r.error().code.failed());
        (void)r.error().to_string();
        return 0;
    }
    SFMC_FUZZ_CHECK(res.status >= 200 && res.status <= 299);
    SFMC_FUZZ_CHECK((r->status == sfmc::sms::send_status::unknown) ==
                    (sfmc::sms::parse_send_status(r->event_category_type) == sfmc::sms::send_status::unknown));
    if (r->timestamp_utc) {
        auto const text = r->timestamp_utc->to_rfc3339();
        auto const again = sfmc::sms::parse_api_timestamp(text);
        SFMC_FUZZ_CHECK(again && again->utc == r->timestamp_utc->utc && again->to_rfc3339() == text);
    }
    return 0;
}
