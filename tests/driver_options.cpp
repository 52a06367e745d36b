#include <sfmc/sms/driver_options.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/call.hpp>
#include <sfmc/sms/client.hpp>
#include <sfmc/sms/token_provider.hpp>

#include <type_traits>

using namespace sfmc::sms;

TEST_CASE("driver_options: one struct for the drivers, the members of every option struct in one order")
{
    static_assert(std::is_same_v<client_options, driver_options<std::function<void(std::chrono::milliseconds)>>>);
    int waited = 0;
    // Limits, then policy, then what is injected: the same designators in the same order everywhere.
    client_options const c{.decode = {.max_body_size = 10}, .retry = {.max_retries = 1},
                           .wait = [&](std::chrono::milliseconds) { ++waited; }};
    call_options const k{.decode = {.max_body_size = 10}, .retry = {.max_retries = 1}};
    token_provider_options const t{.decode = {.max_body_size = 10}, .cache = {.refresh_margin = std::chrono::seconds{5}}};
    CHECK(c.decode.max_body_size == k.decode.max_body_size);
    CHECK(t.decode.max_body_size == 10);
    CHECK(c.retry.max_retries == k.retry.max_retries);
    c.wait(std::chrono::milliseconds{1});
    CHECK(waited == 1);
    CHECK_FALSE(c.clock);
    CHECK_FALSE(c.random);
}
