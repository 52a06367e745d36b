#include <sfmc/sms/http_response.hpp>

#include <doctest/doctest.h>

using sfmc::sms::http_response;

TEST_CASE("http_response: headers are found without regard to case, without surrounding white space")
{
    http_response res{429, {{"retry-after", " 5\t"}, {"Retry-After", "6"}}, ""};
    CHECK(res.header("Retry-After") == "5");
    CHECK(res.header("RETRY-AFTER") == "5");
    CHECK_FALSE(res.header("Retry"));
}
