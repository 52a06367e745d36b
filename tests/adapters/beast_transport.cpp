#include <sfmc/sms/adapters/beast_transport.hpp>

#include <doctest/doctest.h>

#include "support/transport_conformance.hpp"


using namespace sfmc::sms;

static_assert(transport<beast_transport>);

namespace {
struct beast_maker {
    static beast_transport make(test::transport_settings const& s)
    {
        return beast_transport({.timeout = s.timeout, .ca_file = s.ca_file, .max_body_size = s.max_body_size});
    }
};
} // namespace

TYPE_TO_STRING(beast_maker);
SFMC_SMS_TEST_TRANSPORT_CONFORMANCE(beast_maker);

TEST_CASE("beast_transport: a CA file that cannot be read is a transport error, not a crash")
{
    beast_transport http({.ca_file = "/nonexistent/ca.pem"});
    client sms(http, endpoint::from_url("https://127.0.0.1:1").value(), access_token::make("t").value());
    auto r = sms.get_status("k");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == condition::transport);
}
