#include <sfmc/sms.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"
#include "support/fixtures.hpp"

#include <sstream>

// The core stays free of any HTTP stack: the umbrella header pulls in none.
#if defined(CURLINC_CURL_H) || defined(BOOST_ASIO_IO_CONTEXT_HPP) || defined(BOOST_BEAST_HTTP_HPP) || defined(OPENSSL_SSL_H)
#error "<sfmc/sms.hpp> must not include an HTTP stack"
#endif

// The README's usage example, compiled and run: keep the two in step.
namespace readme {
// [readme-example]
struct my_transport { // any HTTP stack: libcurl, Beast, Qt, your company's wrapper
    sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const& req);
};

void print_status(my_transport& http, std::string_view key, std::ostream& out)
{
    auto rest = sfmc::sms::endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm");
    auto token = sfmc::sms::access_token::make("eyJhbLci...");
    sfmc::sms::client sms(http, rest.value(), token.value());

    if (auto st = sms.get_status(key))
        out << key << ": " << to_string(st->status) << " at "
            << (st->timestamp_utc ? st->timestamp_utc->to_rfc3339() : st->timestamp) << '\n';
    else
        out << key << ": " << st.error() << '\n';
}
// [readme-example]

test::fake_transport fake;
sfmc::sms::result<sfmc::sms::http_response> my_transport::send(sfmc::sms::http_request const& req)
{
    return fake.send(req);
}
} // namespace readme

TEST_CASE("sms: the README example runs and prints what it promises")
{
    readme::fake.replies = {test::ok(test::fixture("sent.json")),
                            sfmc::sms::http_response{404, {}, R"({"message":"Not Found","errorcode":30003})"}};
    readme::my_transport http;
    std::ostringstream out;
    readme::print_status(http, "bcX0qaEp0USGciEnUJTW0w", out);
    readme::print_status(http, "nope", out);
    CHECK(out.str() == "bcX0qaEp0USGciEnUJTW0w: sent at 2018-08-03T19:41:18.55Z\n"
                       "nope: send-status lookup: the API answered 404 Not Found [HTTP 404, errorcode 30003] \"Not Found\"\n");
}
