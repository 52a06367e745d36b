#include <sfmc/sms/message_key.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>

using sfmc::sms::error;
using sfmc::sms::message_key;

namespace {

std::string percent_decode(std::string_view s)
{
    auto const hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Only RFC 3986 unreserved characters and %XX with upper-case hex.
bool is_clean_segment(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if (c == '%') {
            auto const up_hex = [](char h) { return (h >= '0' && h <= '9') || (h >= 'A' && h <= 'F'); };
            if (i + 2 >= s.size() || !up_hex(s[i + 1]) || !up_hex(s[i + 2]))
                return false;
            i += 2;
        } else if (std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

std::string utf8(char32_t cp)
{
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

} // namespace

TEST_CASE("message_key: the seed's keys pass unchanged")
{
    for (auto k : {"bcX0qaEp0USGciEnUJTW0w", "9a-zUvWf3UKxLpwwIrqTmQ"}) {
        auto key = message_key::make(k);
        REQUIRE(key);
        CHECK(key->value() == k);
        CHECK(key->encoded() == k);
    }
}

TEST_CASE("message_key: every reserved or unsafe byte is percent-encoded with upper-case hex")
{
    CHECK(message_key::make("a/b?c#d%e")->encoded() == "a%2Fb%3Fc%23d%25e");
    CHECK(message_key::make("+;&=:@ ")->encoded() == "%2B%3B%26%3D%3A%40%20");
    CHECK(message_key::make("!$'()*,")->encoded() == "%21%24%27%28%29%2A%2C");
    CHECK(message_key::make("line\r\nnext")->encoded() == "line%0D%0Anext");
    CHECK(message_key::make(std::string_view("nul\0byte", 8))->encoded() == "nul%00byte");
    CHECK(message_key::make("caf\xC3\xA9")->encoded() == "caf%C3%A9");
    CHECK(message_key::make("A-Za-z0-9._~")->encoded() == "A-Za-z0-9._~");
}

TEST_CASE("message_key: dot-segments are escaped so no normaliser removes them")
{
    CHECK(message_key::make(".")->encoded() == "%2E");
    CHECK(message_key::make("..")->encoded() == "%2E%2E");
    CHECK(message_key::make("...")->encoded() == "...");
    CHECK(message_key::make(".a")->encoded() == ".a");
}

TEST_CASE("message_key: empty, too long and invalid UTF-8 are refused with their own error")
{
    CHECK(message_key::make("").error() == error::key_empty);

    CHECK(message_key::make(std::string(100, 'k')));
    CHECK(message_key::make(std::string(101, 'k')).error() == error::key_too_long);

    // The limit counts code points, not bytes: 100 four-byte characters are 400 bytes.
    std::string emoji;
    for (int i = 0; i < 100; ++i)
        emoji += utf8(0x1F600);
    CHECK(message_key::make(emoji));
    CHECK(message_key::make(emoji + "x").error() == error::key_too_long);

    for (std::string_view bad : {"\x80", "\xC0\x80", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                 "\xF5\x80\x80\x80", "\xFF", "ok\xC3", "\xE2\x82", "\xF0\x9F\x98"}) {
        CAPTURE(bad);
        CHECK(message_key::make(bad).error() == error::key_not_utf8);
    }
}

TEST_CASE("message_key: every single byte is either refused or round-trips")
{
    for (int b = 0; b < 256; ++b) {
        std::string const k(1, static_cast<char>(b));
        auto key = message_key::make(k);
        CAPTURE(b);
        if (b < 0x80) {
            REQUIRE(key);
            CHECK(is_clean_segment(key->encoded()));
            CHECK(percent_decode(key->encoded()) == k);
        } else {
            CHECK(key.error() == error::key_not_utf8);
        }
    }
}

TEST_CASE("encode_path_segment: a byte is left as it is exactly when RFC 3986 calls it unreserved")
{
    std::string_view const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    char const hex[] = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        auto const c = static_cast<char>(b);
        std::string const in{'x', c}; // not a lone "." (a dot segment is escaped whole)
        std::string const expected = unreserved.find(c) != std::string_view::npos
                                         ? in
                                         : std::string{'x', '%', hex[b >> 4], hex[b & 15]};
        char out[8] = {};
        auto const end = sfmc::sms::encode_path_segment(in, out, sizeof out);
        CAPTURE(b);
        CHECK(std::string_view(out, static_cast<std::size_t>(end - out)) == expected);
        CHECK(sfmc::sms::encoded_path_segment_size(in) == expected.size());
    }
}

TEST_CASE("message_key: property: decoding the encoded segment gives back the key, byte for byte")
{
    std::mt19937 rng(20261126); // fixed seed: the same keys every run
    std::uniform_int_distribution<int> length(1, 100);
    std::uniform_int_distribution<int> plane(0, 3);
    int checked = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string k;
        int const len = length(rng);
        for (int i = 0; i < len; ++i) {
            char32_t cp = 0;
            switch (plane(rng)) {
            case 0: cp = std::uniform_int_distribution<char32_t>(0, 0x7F)(rng); break;
            case 1: cp = std::uniform_int_distribution<char32_t>(0x80, 0x7FF)(rng); break;
            case 2: cp = std::uniform_int_distribution<char32_t>(0x800, 0xFFFF)(rng); break;
            default: cp = std::uniform_int_distribution<char32_t>(0x10000, 0x10FFFF)(rng); break;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; // surrogates are not characters
            k += utf8(cp);
        }
        auto key = message_key::make(k);
        REQUIRE(key);
        auto const enc = key->encoded();
        if (!is_clean_segment(enc) || percent_decode(enc) != k || enc.size() != sfmc::sms::encoded_path_segment_size(k))
            FAIL("round trip failed for a key of " << k.size() << " bytes");
        ++checked;
    }
    CHECK(checked == 20000);
}
