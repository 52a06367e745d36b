// sfmc::beast: the Beast transports (TLS included) and the coroutine driver.
#include <sfmc/sms/adapters/beast_async_transport.hpp>
#include <sfmc/sms/adapters/beast_transport.hpp>
#include <sfmc/sms/async_client.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdio>
#include <optional>

int main()
{
    boost::asio::io_context io;
    sfmc::sms::beast_async_transport http(io.get_executor(), {.connect_timeout = std::chrono::milliseconds{200}});
    sfmc::sms::async_client sms(http, sfmc::sms::endpoint::from_url("http://127.0.0.1:1").value(),
                                sfmc::sms::access_token::make("t").value(), {.retry = {.max_retries = 0}});
    std::optional<sfmc::sms::api_result<sfmc::sms::message_status>> got;
    sms.async_get_status("k", [&](sfmc::sms::api_result<sfmc::sms::message_status> r) { got.emplace(std::move(r)); });
    io.run();
    sfmc::sms::beast_transport blocking; // the synchronous twin, over TLS when asked
    if (!got || *got)
        return 1;
    std::printf("beast ok: %s\n", got->error().code.message().c_str());
    return 0;
}
