#include <sfmc/sms/ens.hpp>

#include <doctest/doctest.h>

TEST_CASE("ens: the umbrella brings events, batch decoding and delivery codes")
{
    auto const batch = sfmc::sms::ens::decode_batch(R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered",)"
                                                    R"("info":{"statusCode":"4000"}}])");
    REQUIRE(batch);
    REQUIRE(batch->size() == 1);
    CHECK(sfmc::sms::ens::delivery_code(*batch->front().status_code)->name == "Delivered");
}
