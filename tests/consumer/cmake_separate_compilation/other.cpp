// A second translation unit of the separately compiled consumer: it uses what the first
// uses too, so a definition compiled into both would not link.
#include <sfmc/sms.hpp>

#ifndef SFMC_SMS_SEPARATE_COMPILATION
#error "sfmc::sms_compiled must define SFMC_SMS_SEPARATE_COMPILATION"
#endif

bool other_translation_unit_works()
{
    auto const rest = sfmc::sms::endpoint::from_url("https://mcx.rest.marketingcloudapis.com/");
    auto const status = sfmc::sms::decode_status({404, {}, R"({"message":"Not Found","errorcode":30003})"});
    return rest && !status && status.error().errorcode == 30003 &&
           sfmc::sms::message_key::make("a/b")->encoded() == "a%2Fb";
}
