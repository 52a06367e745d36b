#include <sfmc/sms/failure.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sfmc::sms;

TEST_CASE("failure: one line says the code, the detail, the status and what the API said")
{
    failure f(error::rate_limited);
    f.http_status = 429;
    f.errorcode = 50100;
    f.message = "Rate limit exceeded";
    f.retry_after = std::chrono::seconds{5};
    CHECK(f.to_string() ==
          "the API answered 429: rate limit exceeded [HTTP 429, errorcode 50100] \"Rate limit exceeded\" (retry after 5 s)");
    CHECK(failure(error::missing_field, "field \"requestId\" is missing").to_string() ==
          "a required field is missing from the response: field \"requestId\" is missing");
}

TEST_CASE("failure: value() of a failed result throws it, with all its details")
{
    api_result<int> r = failure(error::not_found);
#ifndef BOOST_NO_EXCEPTIONS
    try {
        (void)r.value();
        FAIL("value() did not throw");
    } catch (failure_exception const& e) {
        CHECK(e.code() == error::not_found);
        CHECK(e.details().code == error::not_found);
    }
#else
    CHECK(r.error().code == error::not_found);
#endif
}
