#include <sfmc/sms/src.hpp>

#include <doctest/doctest.h>

// This translation unit holds the library's compiled part; separate_compilation/ uses it
// from another one, which sees declarations only.
TEST_CASE("src: the compiled part is built with SFMC_SMS_SEPARATE_COMPILATION")
{
#ifdef SFMC_SMS_SEPARATE_COMPILATION
    CHECK(sfmc::sms::endpoint::from_url("https://h/x")->base_path() == "/x");
#else
    FAIL("SFMC_SMS_SEPARATE_COMPILATION is not defined");
#endif
}
