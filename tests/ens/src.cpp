#include <sfmc/sms/ens/src.hpp>

#include <doctest/doctest.h>

// This translation unit holds ENS's compiled part; separate_compilation/ens.cpp uses it
// from another one, which sees declarations only.
TEST_CASE("ens::src: ENS's compiled part is built with SFMC_SMS_ENS_SEPARATE_COMPILATION")
{
#ifdef SFMC_SMS_ENS_SEPARATE_COMPILATION
    CHECK(sfmc::sms::ens::parse_event_type("TransactionalSendEvents.SmsDelivered").status ==
          sfmc::sms::ens::event_status::delivered);
#else
    FAIL("SFMC_SMS_ENS_SEPARATE_COMPILATION is not defined");
#endif
}
