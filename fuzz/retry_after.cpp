// Retry-After parsing: any text gives a delay between 0 and the cap, or nothing.
#include <sfmc/sms/retry_after.hpp>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace std::chrono;
    auto const text = fuzz::as_text(data, size);
    for (auto now : {system_clock::time_point{}, system_clock::time_point{hours{24 * 365 * 56}}}) {
        auto const d = sfmc::sms::parse_retry_after(text, now);
        if (d)
            SFMC_FUZZ_CHECK(*d >= seconds{0} && *d <= sfmc::sms::max_retry_after);
    }
    auto const without_clock = sfmc::sms::parse_retry_after(text);
    // Without a clock only delta-seconds can be read.
    if (without_clock)
        SFMC_FUZZ_CHECK(text.find_first_of("0123456789") != std::string_view::npos);
    return 0;
}
