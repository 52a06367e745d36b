// A consumer of ENS under separate compilation: its definitions come from the installed
// sfmc::ens_compiled, which brings libcrypto and the core's compiled part.
#include "signed_batch.hpp"

#include <cstdio>

#if !defined(SFMC_SMS_SEPARATE_COMPILATION) || !defined(SFMC_SMS_ENS_SEPARATE_COMPILATION)
#error "sfmc::ens_compiled must define SFMC_SMS_SEPARATE_COMPILATION and SFMC_SMS_ENS_SEPARATE_COMPILATION"
#endif

int main()
{
    if (!signed_batch_works("SmsDelivered", sfmc::sms::ens::event_status::delivered))
        return 1;
    std::printf("ens consumer ok\n");
    return 0;
}
