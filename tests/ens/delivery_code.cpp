#include <sfmc/sms/ens/delivery_code.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/status_code.hpp>

using namespace sfmc::sms::ens;

TEST_CASE("ens::delivery_code: the twenty documented codes, their names and whether they are final")
{
    CHECK(delivery_code(4000)->name == "Delivered");
    CHECK(delivery_code(4000)->is_final);
    CHECK(delivery_code(4505)->name == "FailedDueToInvalidDestinationAddress");
    CHECK(delivery_code(4505)->is_final);
    CHECK(delivery_code(3001)->name == "SentToCarrier");
    CHECK_FALSE(delivery_code(3001)->is_final);
    CHECK_FALSE(delivery_code(1000)->is_final);
    CHECK(delivery_code(2502)->is_final);
    int named = 0;
    for (int code = 0; code < 5000; ++code)
        if (auto const d = delivery_code(code)) {
            CHECK(d->code == code);
            ++named;
        }
    CHECK(named == 20);
    CHECK_FALSE(delivery_code(4506));
    CHECK_FALSE(delivery_code(-1));
    // The NotSent list reuses numbers with other meanings: the two lookups stay apart.
    CHECK(sfmc::sms::status_code_name(1000) == "UnsubscribedList");
    CHECK(delivery_code(1000)->name == "QueuedToSfmcSendService");
}
