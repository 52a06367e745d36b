#include <sfmc/sms/ens/signature.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/ens.hpp>

#include <ostream>

#include <sstream>
#include <string>

using namespace sfmc::sms;
using namespace sfmc::sms::ens;

namespace {
// The documentation's example key (base64 of 32 bytes).
constexpr std::string_view documented_key = "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=";
constexpr std::string_view body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","info":{"statusCode":"4000"}}])";
} // namespace

TEST_CASE("ens::signature: a known HMAC-SHA256, from OpenSSL")
{
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", HMAC-SHA256
    // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843.
    auto const key = signature_key::make("Jefe").value();
    CHECK(key.is_base64()); // four base64 characters: it has a decoded reading too
    CHECK(sign("what do ya want for nothing?", key, key_reading::text) == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    CHECK(verify("what do ya want for nothing?", "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", {key}));
}

TEST_CASE("ens::signature: accepted under both key readings, 'either' accepts both")
{
    auto const key = signature_key::make(documented_key).value();
    CHECK(key.is_base64());
    CHECK(key.reveal(key_reading::base64_decoded).size() == 32);
    CHECK(key.reveal(key_reading::text) == documented_key);
    auto const by_bytes = sign(body, key, key_reading::base64_decoded);
    auto const by_text = sign(body, key, key_reading::text);
    CHECK(by_bytes != by_text);
    CHECK(verify(body, by_bytes, {key}));
    CHECK(verify(body, by_text, {key}));
    CHECK(verify(body, by_bytes, {key}, key_reading::base64_decoded));
    CHECK_FALSE(verify(body, by_text, {key}, key_reading::base64_decoded));
    CHECK(verify(body, by_text, {key}, key_reading::text));
    CHECK_FALSE(verify(body, by_bytes, {key}, key_reading::text));
}

TEST_CASE("ens::signature: refused for a changed byte, a missing header, a wrong key, a re-serialised body")
{
    auto const key = signature_key::make(documented_key).value();
    auto const other = signature_key::make("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").value();
    auto const sig = sign(body, key);
    std::string changed(body);
    for (std::size_t i = 0; i < changed.size(); i += 7) {
        changed[i] ^= 1;
        CHECK_FALSE(verify(changed, sig, {key}));
        changed[i] ^= 1;
    }
    CHECK_FALSE(verify(body, "", {key}));
    CHECK_FALSE(verify(body, "not base64!", {key}));
    CHECK_FALSE(verify(body, sig.substr(0, sig.size() - 4), {key}));
    CHECK_FALSE(verify(body, sig, {other}));
    CHECK_FALSE(verify(body, sig, std::span<signature_key const>{}));
    // The same JSON written otherwise is another body: only the raw bytes count.
    CHECK_FALSE(verify(R"([{"eventCategoryType": "TransactionalSendEvents.SmsDelivered", "info": {"statusCode": "4000"}}])", sig,
                       {key}));
    std::string flipped = sig;
    flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
    CHECK_FALSE(verify(body, flipped, {key}));
}

TEST_CASE("ens::signature: key rotation: any of the keys given")
{
    auto const old_key = signature_key::make(documented_key).value();
    auto const new_key = signature_key::make("bmV3LWtleS1ieXRlcy1mb3ItdGhlLWNhbGxiYWNrLTE=").value();
    CHECK(verify(body, sign(body, old_key), {old_key, new_key}));
    CHECK(verify(body, sign(body, new_key), {old_key, new_key}));
    CHECK_FALSE(verify(body, sign(body, new_key), {old_key}));
}

TEST_CASE("ens::signature: a key is a secret: refused when unusable, never printed")
{
    CHECK(signature_key::make("").error() == error::bad_signature_key);
    CHECK(signature_key::make("has space").error() == error::bad_signature_key);
    CHECK(signature_key::make("line\nbreak").error() == error::bad_signature_key);
    std::ostringstream out;
    out << signature_key::make(documented_key).value();
    CHECK(out.str() == "[redacted]");
    CHECK(signature_key::make("abc=").value().is_base64()); // two bytes
    CHECK_FALSE(signature_key::make("ab=c").value().is_base64());
    CHECK_FALSE(signature_key::make("abc").value().is_base64());
}

TEST_CASE("ens::signature: only the canonical base64 of a digest is accepted")
{
    auto const key = signature_key::make("Jefe").value();
    constexpr std::string_view body = "what do ya want for nothing?";
    CHECK(verify(body, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", {key}, key_reading::text));
    // The same 32 bytes with the last character's unused bits set: not what was signed.
    CHECK_FALSE(verify(body, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEO=", {key}, key_reading::text));
    CHECK_FALSE(verify(body, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM", {key}, key_reading::text));
    CHECK_FALSE(verify(body, " W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", {key}, key_reading::text));
}

namespace readme {
// [readme-receiver]
int receive(std::string_view body, std::string_view signature, sfmc::sms::ens::signature_key const& key,
            std::ostream& out)
{
    if (!sfmc::sms::ens::verify(body, signature, {key}))
        return 401; // not from ENS: refuse it
    auto const events = sfmc::sms::ens::decode_batch(body);
    if (!events)
        return 400; // events.error() says what is wrong, and where
    for (auto const& e : *events)
        out << e << (e.is_final() ? ", final" : "") << '\n';
    return 200; // acknowledge within 3 s, or ENS sends the batch again
}
// [readme-receiver]
} // namespace readme

TEST_CASE("ens: the README's receiver verifies, decodes and prints each event")
{
    auto const key = signature_key::make(documented_key).value();
    std::string const batch = R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","info":{"messageKey":"k1","statusCode":"4000"}},)"
                              R"({"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k2"}}])";
    std::ostringstream out;
    CHECK(readme::receive(batch, sign(batch, key), key, out) == 200);
    CHECK(out.str() == "sms delivered k1 (4000), final\nsms sent k2\n");
    std::ostringstream none;
    CHECK(readme::receive(batch, sign(batch + " ", key), key, none) == 401);
    CHECK(readme::receive("[1]", sign("[1]", key), key, none) == 400);
    CHECK(none.str().empty());
}
