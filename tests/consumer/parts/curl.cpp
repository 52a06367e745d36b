// sfmc::curl: the libcurl transport, and what a lookup over it needs.
#include <sfmc/sms.hpp>
#include <sfmc/sms/adapters/curl_transport.hpp>

#include <cstdio>

int main()
{
    sfmc::sms::curl_transport http({.connect_timeout = std::chrono::milliseconds{200}});
    auto const rest = sfmc::sms::endpoint::from_url("http://127.0.0.1:1").value(); // nothing listens on port 1
    auto const sent = http.send(sfmc::sms::make_status_request(rest, *sfmc::sms::message_key::make("k"),
                                                               *sfmc::sms::access_token::make("t")));
    if (sent || sent.error() != sfmc::sms::condition::transport)
        return 1;
    std::printf("curl ok: %s\n", sent.error().message().c_str());
    return 0;
}
