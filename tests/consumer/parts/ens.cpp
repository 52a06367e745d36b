// sfmc::ens: batches, signatures (HMAC-SHA256 by OpenSSL) and event digests.
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <cstdio>

int main()
{
    auto const key = sfmc::sms::ens::signature_key::make("V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=").value();
    std::string const body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1,)"
                             R"("compositeId":"c","definitionKey":"d","mid":1,"eid":1,"info":{"messageKey":"k"}}])";
    auto const signature = sfmc::sms::ens::sign(body, key);
    auto const batch = sfmc::sms::ens::decode_batch(body);
    if (!sfmc::sms::ens::verify(body, signature, {key}) || !batch || batch->size() != 1 ||
        !sfmc::sms::ens::event_digest(body.substr(1, body.size() - 2)))
        return 1;
    std::printf("ens ok: %s\n", signature.c_str());
    return 0;
}
