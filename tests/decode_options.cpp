#include <sfmc/sms/decode_options.hpp>

#include <doctest/doctest.h>

TEST_CASE("decode_options: the defaults are the documented limits, set with designated initializers")
{
    sfmc::sms::decode_options const d;
    CHECK(d.max_body_size == 1024 * 1024);
    CHECK(d.max_depth == 16);
    CHECK(d.max_raw_body == 4096);
    CHECK_FALSE(d.now);
    sfmc::sms::decode_options const custom{.max_body_size = 64 * 1024, .max_depth = 4};
    CHECK(custom.max_body_size == 64 * 1024);
    CHECK(custom.max_depth == 4);
}
