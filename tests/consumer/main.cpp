// The smallest real use of the library, built every way a consumer can take it.
#include <sfmc/sms.hpp>

#include <cstdio>

#ifdef SFMC_SMS_SEPARATE_COMPILATION
bool other_translation_unit_works(); // cmake_separate_compilation/other.cpp
#endif

int main()
{
#ifdef SFMC_SMS_SEPARATE_COMPILATION
    if (!other_translation_unit_works())
        return 1;
#endif
    auto key = sfmc::sms::message_key::make("bcX0qaEp0USGciEnUJTW0w");
    auto rest = sfmc::sms::endpoint::from_subdomain("mcx");
    auto token = sfmc::sms::access_token::make("t");
    auto req = sfmc::sms::make_status_request(*rest, *key, *token);
    sfmc::sms::http_response res{200, {}, R"({"requestId":"r","eventCategoryType":"TransactionalSendEvents.SMSQueued","timestamp":"2018-08-16T10:44:41.2196",})"};
    auto status = sfmc::sms::decode_status(res);
    if (!status || status->status != sfmc::sms::send_status::queued || req.target() != "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w")
        return 1;
    std::printf("consumer ok: %s\n", status->timestamp_utc->to_rfc3339().c_str());
    return 0;
}
