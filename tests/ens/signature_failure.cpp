// ens::sign and ens::verify when OpenSSL cannot compute an HMAC: a process of its own whose
// only provider is OpenSSL's "null" one, so that no algorithm can be fetched.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <sfmc/sms/ens/signature.hpp>

#include <openssl/crypto.h>
#include <openssl/provider.h>

int main(int argc, char** argv)
{
    // Before any other use of OpenSSL, and without the system's configuration (which could
    // activate the default provider): the default provider is then never loaded.
    OSSL_PROVIDER* const only = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1
                                    ? OSSL_PROVIDER_load(nullptr, "null")
                                    : nullptr;
    if (!only)
        return 1;
    doctest::Context context(argc, argv);
    int const failed = context.run();
    OSSL_PROVIDER_unload(only); // LeakSanitizer would report it
    return failed;
}

TEST_CASE("ens::verify: an HMAC that OpenSSL fails to compute is a refusal, never a digest of zeros")
{
    auto const key = sfmc::sms::ens::signature_key::make("V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=");
    REQUIRE(key.has_value());
    // What a digest left at zeros would have been signed with: the base64 of 32 zero bytes.
    std::string const zeros = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    for (auto reading : {sfmc::sms::ens::key_reading::either, sfmc::sms::ens::key_reading::base64_decoded,
                         sfmc::sms::ens::key_reading::text}) {
        CHECK_FALSE(sfmc::sms::ens::verify("[]", zeros, {*key}, reading));
        CHECK(sfmc::sms::ens::sign("[]", *key, reading).empty());
    }
}
