#include <sfmc/sms/secret.hpp>

#include <doctest/doctest.h>

#include <sstream>

using sfmc::sms::secret;

TEST_CASE("secret: printed as [redacted], revealed only on purpose, compared by text")
{
    secret const key("V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=");
    std::ostringstream out;
    out << key;
    CHECK(out.str() == "[redacted]");
    CHECK(key.reveal() == "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=");
    CHECK(key == secret("V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M="));
    CHECK_FALSE(key == secret("other"));
    CHECK(secret().reveal().empty());
}
