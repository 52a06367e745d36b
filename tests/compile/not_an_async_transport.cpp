// Built by ctest twice: with SFMC_SMS_EXPECT_FAILURE it must not compile, and the compiler
// must name the missing `async_send`; without it, its twin must compile, proving the harness.
#include <sfmc/sms/async_client.hpp>

struct almost_async_transport {
#ifdef SFMC_SMS_EXPECT_FAILURE
    boost::asio::awaitable<sfmc::sms::result<sfmc::sms::http_response>> send(sfmc::sms::http_request const&);
#else
    boost::asio::awaitable<sfmc::sms::result<sfmc::sms::http_response>> async_send(sfmc::sms::http_request const&);
#endif
};

boost::asio::awaitable<sfmc::sms::api_result<sfmc::sms::message_status>>
use(almost_async_transport& t, sfmc::sms::endpoint const& ep, sfmc::sms::access_token const& tok)
{
    sfmc::sms::async_client<almost_async_transport> c(t, ep, tok);
    auto status = co_await c.async_get_status("key");
    co_return status;
}
