// A consumer of the compiled core that uses ENS header-only (sfmc::sms_compiled and sfmc::ens):
// ENS's definitions are inline here, the core's come from the installed library.
#include <sfmc/sms.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <cstdio>

#if !defined(SFMC_SMS_SEPARATE_COMPILATION) || defined(SFMC_SMS_ENS_SEPARATE_COMPILATION)
#error "sfmc::sms_compiled with sfmc::ens: the core compiled separately, ENS header-only"
#endif

int main()
{
    constexpr std::string_view body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsBounced","info":{"messageKey":"k"}}])";
    auto const events = sfmc::sms::ens::decode_batch(body);
    auto const key = sfmc::sms::ens::signature_key::make("Jefe");
    auto const status = sfmc::sms::decode_status({404, {}, R"({"message":"Not Found","errorcode":30003})"});
    if (!events || events->size() != 1 || (*events)[0].status != sfmc::sms::ens::event_status::bounced || !key ||
        !sfmc::sms::ens::verify(body, sfmc::sms::ens::sign(body, *key), {*key}) || status)
        return 1;
    std::printf("ens header-only beside the compiled core ok\n");
    return 0;
}
