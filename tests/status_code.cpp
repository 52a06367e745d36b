#include <sfmc/sms/status_code.hpp>

#include <doctest/doctest.h>

#include <iterator>

using sfmc::sms::status_code_name;

TEST_CASE("status_code: documented codes have their names")
{
    CHECK(status_code_name(16) == "InvalidAttributeValue");
    CHECK(status_code_name(1) == "Unsubscribed");
    CHECK(status_code_name(43) == "SubscriberRequestExpired");
    CHECK(status_code_name(100) == "Error");
    CHECK(status_code_name(129) == "PhoneNumberValidationFailed");
    CHECK(status_code_name(141) == "V2TriggeredSendDeletedFromQueue");
    CHECK(status_code_name(1000) == "UnsubscribedList");
    CHECK(status_code_name(1040) == "Deleted");
    static_assert(status_code_name(16) == "InvalidAttributeValue");
}

TEST_CASE("status_code: all 90 documented codes, sorted, each with a name")
{
    auto const& table = sfmc::sms::detail::status_codes;
    CHECK(std::size(table) == 90); // 1-43, 100-141, 1000-1040 by tens
    for (std::size_t i = 1; i < std::size(table); ++i)
        CHECK(table[i - 1].code < table[i].code);
    for (auto const& e : table)
        CHECK(status_code_name(e.code) == e.name);
}

TEST_CASE("status_code: an unknown code is data, not an error")
{
    for (int code : {0, -1, 44, 47, 99, 142, 999, 1001, 1050, 2147483647})
        CHECK_FALSE(status_code_name(code));
}
