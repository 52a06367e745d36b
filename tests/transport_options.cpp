#include <sfmc/sms/transport_options.hpp>

#include <doctest/doctest.h>

using namespace std::chrono;

TEST_CASE("transport_options: safe defaults, idle connections retired before the API drops them at 5 s")
{
    sfmc::sms::transport_options const d;
    CHECK(d.connect_timeout == seconds{10});
    CHECK(d.timeout == seconds{30});
    CHECK(d.ca_file.empty());
    CHECK(d.max_idle < seconds{5});
    CHECK(d.max_body_size == 8 * 1024 * 1024);
    CHECK(d.max_headers == 100);
    CHECK(d.max_header_bytes == 64 * 1024);
    sfmc::sms::transport_options const custom{.timeout = milliseconds{300}, .ca_file = "ca.pem"};
    CHECK(custom.timeout == milliseconds{300});
    CHECK(custom.ca_file == "ca.pem");
    CHECK(custom.connect_timeout == seconds{10});
}
