// Token response decoding: never a crash, and never a kept body for a 2xx, which may hold
// the token.
#include <sfmc/sms/decode_token.hpp>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    constexpr int statuses[] = {200, 200, 200, 200, 200, 200, 400, 401, 401, 403, 429, 500, 503, 201, 302, 0};
    sfmc::sms::http_response res;
    res.status = statuses[size > 0 ? data[0] & 15 : 0];
    res.body = std::string(fuzz::as_text(data, size).substr(size > 0 ? 1 : 0));
    auto const r = sfmc::sms::decode_token(res);
    if (r) {
        SFMC_FUZZ_CHECK(r->expires_in.count() > 0);
        SFMC_FUZZ_CHECK(!r->token.reveal().empty());
        return 0;
    }
    SFMC_FUZZ_CHECK(r.error().code.failed());
    if (res.status >= 200 && res.status <= 299)
        SFMC_FUZZ_CHECK(r.error().raw_body.empty());
    (void)r.error().to_string();
    return 0;
}
