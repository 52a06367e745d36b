// Built by ctest twice: with SFMC_SMS_EXPECT_FAILURE a header name that is not an RFC 9110
// token must not compile, and the compiler must say why; without it, its twin must compile.
#include <sfmc/sms/request_builder.hpp>

void add_header(sfmc::sms::request_builder& b)
{
#ifdef SFMC_SMS_EXPECT_FAILURE
    b.header("X-Bad Name\r\nInjected", "v");
#else
    b.header("X-Good-Name", "v");
#endif
}
