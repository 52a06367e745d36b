// ENS signatures: verification never accepts a body under a signature made for another
// body, and always accepts the one it signed, under either key reading.
#include <sfmc/sms/ens/signature.hpp>

#include "fuzz_check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace sfmc::sms::ens;
    auto const input = fuzz::as_text(data, size);
    // The input is a key, then a body, then a claimed signature, split at the first two NULs.
    auto const first = input.find('\0');
    auto const second = first == std::string_view::npos ? first : input.find('\0', first + 1);
    auto const key_text = input.substr(0, first);
    auto const body = first == std::string_view::npos ? std::string_view{} : input.substr(first + 1, second - first - 1);
    auto const claimed = second == std::string_view::npos ? std::string_view{} : input.substr(second + 1);

    auto const key = signature_key::make(key_text.empty() ? "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=" : key_text);
    if (!key)
        return 0;
    for (auto reading : {key_reading::base64_decoded, key_reading::text}) {
        auto const sig = sign(body, *key, reading);
        SFMC_FUZZ_CHECK(verify(body, sig, {*key}));
        SFMC_FUZZ_CHECK(verify(body, sig, {*key}, reading));
        std::string other(body);
        other += 'x';
        SFMC_FUZZ_CHECK(!verify(other, sig, {*key}));
    }
    // A claimed signature is accepted only if it is what signing gives, one way or the other.
    if (verify(body, claimed, {*key}))
        SFMC_FUZZ_CHECK(claimed == sign(body, *key, key_reading::base64_decoded) ||
                        claimed == sign(body, *key, key_reading::text));
    return 0;
}
