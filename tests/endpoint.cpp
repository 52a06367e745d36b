#include <sfmc/sms/endpoint.hpp>

#include <doctest/doctest.h>

#include <string>

using sfmc::sms::endpoint;
using sfmc::sms::error;

TEST_CASE("endpoint: a subdomain names the tenant's REST and auth hosts")
{
    auto rest = endpoint::from_subdomain("mc563885gzs27c5t9-63k636tzgm");
    REQUIRE(rest);
    CHECK(rest->scheme() == "https");
    CHECK(rest->host() == "mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com");
    CHECK(rest->port() == 443);
    CHECK(rest->base_path() == "");
    CHECK(rest->url() == "https://mc563885gzs27c5t9-63k636tzgm.rest.marketingcloudapis.com");
    auto auth = endpoint::from_subdomain("MCabc", endpoint::api::auth);
    REQUIRE(auth);
    CHECK(auth->host() == "mcabc.auth.marketingcloudapis.com");
}

TEST_CASE("endpoint: a subdomain that is not one DNS label is refused, never spliced")
{
    for (std::string_view bad : {"", "-mc", "mc-", "mc.evil.com", "mc/x", "mc@evil", "mc:80", "mc x", "mc\r\n", "m_c",
                                 "caf\xC3\xA9"})
        CHECK(endpoint::from_subdomain(bad).error() == error::bad_subdomain);
    CHECK(endpoint::from_subdomain(std::string(63, 'a')));
    CHECK(endpoint::from_subdomain(std::string(64, 'a')).error() == error::bad_subdomain);
}

TEST_CASE("endpoint: base URLs with or without scheme and trailing slash give the same endpoint")
{
    auto const want = endpoint::from_url("https://mcx.rest.marketingcloudapis.com");
    REQUIRE(want);
    for (std::string_view url : {"https://mcx.rest.marketingcloudapis.com/", "mcx.rest.marketingcloudapis.com",
                                 "mcx.rest.marketingcloudapis.com/", "HTTPS://MCX.rest.marketingcloudapis.com:443/"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        REQUIRE(ep);
        CHECK(*ep == *want);
    }
}

TEST_CASE("endpoint: a base path is kept without its trailing slash")
{
    auto ep = endpoint::from_url("https://gateway.example.com:8443/sfmc/v2/");
    REQUIRE(ep);
    CHECK(ep->port() == 8443);
    CHECK(ep->base_path() == "/sfmc/v2");
    CHECK(ep->authority() == "gateway.example.com:8443");
    CHECK(ep->url() == "https://gateway.example.com:8443/sfmc/v2");
}

TEST_CASE("endpoint: plain http only to loopback")
{
    for (std::string_view url : {"http://127.0.0.1:8080", "http://127.1.2.3/", "http://localhost:1", "http://[::1]:9000/x"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        REQUIRE(ep);
        CHECK(ep->scheme() == "http");
        CHECK_FALSE(ep->is_secure());
    }
    auto v6 = endpoint::from_url("http://[::1]:9000");
    CHECK(v6->host() == "::1");
    CHECK(v6->authority() == "[::1]:9000");
    for (std::string_view url : {"http://example.com", "http://128.0.0.1", "http://10.0.0.1:80", "http://localhost.evil.com",
                                 "http://[::2]"}) {
        CAPTURE(url);
        CHECK(endpoint::from_url(url).error() == error::insecure_url);
    }
    // Boost.URL takes the leading address and then fails on the rest: refused either way.
    CHECK_FALSE(endpoint::from_url("http://127.0.0.1.evil.com"));
}

TEST_CASE("endpoint: userinfo, query, fragment and odd paths are refused")
{
    for (std::string_view url :
         {"", "https://", "https://user:pw@host", "https://host?x=1", "https://host/#frag", "https://host/a?b",
          "ftp://host", "https://host//x", "https://host/a//b", "https://host/./x", "https://host/../x",
          "https://host:0", "https://host:65536", "https://host:", "https://host:8a", "https://ho st",
          "https://host/a b", "https://host/\r\n", "https://[::1", "https://[zz]", "https://host/%zz", "https://host/%4",
          "https://-host", "javascript:alert(1)", "https://host\\evil"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        CHECK_FALSE(ep);
        if (!ep)
            CHECK(ep.error() == error::bad_url);
    }
    CHECK(endpoint::from_url(std::string(3000, 'a')).error() == error::bad_url);
}

TEST_CASE("endpoint: loopback detection")
{
    CHECK(endpoint::is_loopback("127.0.0.1"));
    CHECK(endpoint::is_loopback("127.255.255.254"));
    CHECK(endpoint::is_loopback("LOCALHOST"));
    CHECK(endpoint::is_loopback("::1"));
    CHECK_FALSE(endpoint::is_loopback("127.0.0"));
    CHECK_FALSE(endpoint::is_loopback("127.0.0.256"));
    CHECK_FALSE(endpoint::is_loopback("127.0.0.1.2"));
    CHECK_FALSE(endpoint::is_loopback("0127.0.0.1"));
    CHECK_FALSE(endpoint::is_loopback("127..0.1"));
}

TEST_CASE("endpoint: the IPv6 loopback however written is loopback, and kept in its normal form")
{
    for (std::string_view url : {"http://[0:0:0:0:0:0:0:1]:8080", "http://[::0:1]:8080", "http://[0::1]:8080/",
                                 "http://[0000:0000:0000:0000:0000:0000:0000:0001]:8080"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        REQUIRE(ep);
        CHECK(ep->host() == "::1");
        CHECK(ep->authority() == "[::1]:8080");
    }
    CHECK(endpoint::is_loopback("0:0:0:0:0:0:0:1"));
    CHECK_FALSE(endpoint::is_loopback("::2"));
    // Leading zeros make a name, not an address: refused over http rather than guessed at.
    CHECK(endpoint::from_url("http://127.000.000.001/").error() == error::insecure_url);
}

TEST_CASE("endpoint: malformed IPv6 literals are not hosts")
{
    for (std::string_view url : {"https://[::::]/", "https://[:::::]/", "https://[1::2::3]/", "https://[12345::1]/",
                                 "https://[1:2]/", "https://[1:2:3:4:5:6:7:8:9]/", "https://[::1%25eth0]/",
                                 "https://[v1.x]/", "https://[]/", "https://[g::1]/"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        REQUIRE_FALSE(ep);
        CHECK(ep.error() == error::bad_url);
    }
}

TEST_CASE("endpoint: percent-encoded dot segments are refused like plain ones")
{
    for (std::string_view url : {"https://h/%2e%2e/x", "https://h/a/%2E", "https://h/%2E%2e", "https://h/.%2e/x",
                                 "https://h/a/%2e/"}) {
        CAPTURE(url);
        auto ep = endpoint::from_url(url);
        REQUIRE_FALSE(ep);
        CHECK(ep.error() == error::bad_url);
    }
    auto ok = endpoint::from_url("https://h/%2e%2e%2e/a%2Fb");
    REQUIRE(ok);
    CHECK(ok->base_path() == "/%2e%2e%2e/a%2Fb");
}

TEST_CASE("endpoint: an accepted URL's normal form parses to the same endpoint, even at the size limit")
{
    std::string const bare = "h/" + std::string(2040, 'a'); // 2042 bytes: with "https://", 2050
    CHECK(endpoint::from_url(bare).error() == error::bad_url);
    std::string const fits = "h/" + std::string(2038, 'a');
    auto ep = endpoint::from_url(fits);
    REQUIRE(ep);
    CHECK(endpoint::from_url(ep->url()) == ep);
}
