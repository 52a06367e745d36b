// A consumer of the compiled core that uses ENS header-only (sfmc::sms_compiled and sfmc::ens):
// ENS's definitions are inline here, the core's come from the installed library.
#include "signed_batch.hpp"

#include <sfmc/sms.hpp>

#include <cstdio>

#if !defined(SFMC_SMS_SEPARATE_COMPILATION) || defined(SFMC_SMS_ENS_SEPARATE_COMPILATION)
#error "sfmc::sms_compiled with sfmc::ens: the core compiled separately, ENS header-only"
#endif

int main()
{
    auto const status = sfmc::sms::decode_status({404, {}, R"({"message":"Not Found","errorcode":30003})"});
    if (!signed_batch_works("SmsBounced", sfmc::sms::ens::event_status::bounced) || status)
        return 1;
    std::printf("ens header-only beside the compiled core ok\n");
    return 0;
}
