// Built by ctest twice: with SFMC_SMS_EXPECT_FAILURE a token provider given a transport as a
// plain lvalue (the one a client also uses) must not compile; lent with std::ref, it must.
#include <sfmc/sms/client.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <functional>

struct a_transport {
    sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const&);
};

sfmc::sms::api_result<sfmc::sms::message_status> use(a_transport& http, sfmc::sms::endpoint const& auth,
                                                     sfmc::sms::client_credentials const& who)
{
#ifdef SFMC_SMS_EXPECT_FAILURE
    sfmc::sms::token_provider tokens(http, auth, who);
#else
    sfmc::sms::token_provider tokens(std::ref(http), auth, who);
#endif
    sfmc::sms::client<a_transport> c(http, tokens);
    return c.get_status("key");
}
