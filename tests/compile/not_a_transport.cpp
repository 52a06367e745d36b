// Built by ctest twice: with SFMC_SMS_EXPECT_FAILURE it must not compile, and the compiler
// must name the missing `send`; without it, its twin must compile, proving the harness.
#include <sfmc/sms/client.hpp>

struct almost_transport {
#ifdef SFMC_SMS_EXPECT_FAILURE
    sfmc::sms::result<sfmc::sms::http_response> sned(sfmc::sms::http_request const&);
#else
    sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const&);
#endif
};

sfmc::sms::api_result<sfmc::sms::message_status> use(almost_transport& t, sfmc::sms::endpoint const& ep,
                                                     sfmc::sms::access_token const& tok)
{
    sfmc::sms::client<almost_transport> c(t, ep, tok);
    return c.get_status("key");
}
