#include <sfmc/sms/definition_key.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <type_traits>

using namespace sfmc::sms;

TEST_CASE("definition_key: a message key's limits and errors, and a type of its own")
{
    CHECK(definition_key::make("order-updates")->value() == "order-updates");
    CHECK(definition_key::make("").error() == error::key_empty);
    CHECK(definition_key::make("\xff").error() == error::key_not_utf8);
    CHECK(definition_key::make(std::string(101, 'd')).error() == error::key_too_long);
    CHECK(definition_key::make(std::string(100, 'd')));
    static_assert(!std::is_convertible_v<message_key, definition_key>);
    static_assert(!std::is_convertible_v<definition_key, message_key>);
    CHECK(*definition_key::make("a/b") == *definition_key::make("a/b"));
    std::ostringstream out;
    out << *definition_key::make("d 1");
    CHECK(out.str() == "d 1");
}
