// What both ENS consumers run: a batch of one event of `type`, signed, verified and decoded.
#ifndef CONSUMER_SIGNED_BATCH_HPP
#define CONSUMER_SIGNED_BATCH_HPP

#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>

#include <string>
#include <string_view>

inline bool signed_batch_works(std::string_view type, sfmc::sms::ens::event_status expected)
{
    auto const body = R"([{"eventCategoryType":"TransactionalSendEvents.)" + std::string(type) +
                      R"(","info":{"messageKey":"k"}}])";
    auto const events = sfmc::sms::ens::decode_batch(body);
    auto const key = sfmc::sms::ens::signature_key::make("Jefe");
    return events && events->size() == 1 && (*events)[0].status == expected && key &&
           sfmc::sms::ens::verify(body, sfmc::sms::ens::sign(body, *key), {*key});
}

#endif
