// Key validation and encoding: a valid key's segment holds only unreserved characters and
// %XX, and decodes back to the key byte for byte; an invalid key is refused for its reason.
// The requests built around a valid key hold exactly that segment, and nothing else moved.
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/queue_lookup.hpp>
#include <sfmc/sms/status_request.hpp>

#include "fuzz_check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const input = fuzz::as_text(data, size);
    auto key = sfmc::sms::message_key::make(input);
    if (!key) {
        auto const e = key.error();
        SFMC_FUZZ_CHECK(e == sfmc::sms::error::key_empty || e == sfmc::sms::error::key_not_utf8 ||
                        e == sfmc::sms::error::key_too_long);
        SFMC_FUZZ_CHECK((e == sfmc::sms::error::key_empty) == input.empty());
        return 0;
    }
    auto const encoded = key->encoded();
    SFMC_FUZZ_CHECK(encoded.size() == sfmc::sms::encoded_path_segment_size(input));
    SFMC_FUZZ_CHECK(encoded != "." && encoded != "..");
    std::string decoded;
    auto const hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        char const c = encoded[i];
        if (c == '%') {
            SFMC_FUZZ_CHECK(i + 2 < encoded.size());
            for (char h : {encoded[i + 1], encoded[i + 2]})
                SFMC_FUZZ_CHECK((h >= '0' && h <= '9') || (h >= 'A' && h <= 'F'));
            decoded += static_cast<char>(hex(encoded[i + 1]) * 16 + hex(encoded[i + 2]));
            i += 2;
        } else {
            SFMC_FUZZ_CHECK(boost::urls::unreserved_chars(c));
            decoded += c;
        }
    }
    SFMC_FUZZ_CHECK(decoded == input);

    static auto const rest = *sfmc::sms::endpoint::from_url("https://mc.example.com/base");
    static auto const token = *sfmc::sms::access_token::make("t0k3n");
    auto const check_request = [&](sfmc::sms::http_request const& req, std::string const& target) {
        SFMC_FUZZ_CHECK(req.target() == target);
        SFMC_FUZZ_CHECK(req.url() == "https://mc.example.com" + target);
        SFMC_FUZZ_CHECK(req.header("Host") == "mc.example.com");
        SFMC_FUZZ_CHECK(req.header("Authorization") == "Bearer t0k3n");
        SFMC_FUZZ_CHECK(req.header("Accept") == "application/json");
    };
    check_request(sfmc::sms::make_status_request(rest, *key, token, sfmc::sms::channel::email),
                  "/base/messaging/v1/email/messages/" + encoded);
    check_request(sfmc::sms::queue_lookup{*sfmc::sms::definition_key::make(key->value())}.make_request(rest, token),
                  "/base/messaging/v1/sms/definitions/" + encoded + "/queue");
    return 0;
}
