// A consumer of ENS under separate compilation: its definitions come from the installed
// sfmc::ens_compiled, which brings libcrypto and the core's compiled part.
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <cstdio>

#if !defined(SFMC_SMS_SEPARATE_COMPILATION) || !defined(SFMC_SMS_ENS_SEPARATE_COMPILATION)
#error "sfmc::ens_compiled must define SFMC_SMS_SEPARATE_COMPILATION and SFMC_SMS_ENS_SEPARATE_COMPILATION"
#endif

int main()
{
    constexpr std::string_view body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","info":{"messageKey":"k"}}])";
    auto const events = sfmc::sms::ens::decode_batch(body);
    auto const key = sfmc::sms::ens::signature_key::make("Jefe");
    if (!events || events->size() != 1 || (*events)[0].status != sfmc::sms::ens::event_status::delivered || !key ||
        !sfmc::sms::ens::verify(body, sfmc::sms::ens::sign(body, *key), {*key}))
        return 1;
    std::printf("ens consumer ok\n");
    return 0;
}
