#ifndef SFMC_SMS_TESTS_FIXTURES_HPP
#define SFMC_SMS_TESTS_FIXTURES_HPP

#include <sfmc/sms/http_response.hpp>

#include <fstream>
#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace test {

// A file of tests/fixtures, byte for byte: the seed's three bodies as published, and others.
inline std::string fixture(std::string const& name)
{
    std::ifstream in(std::string(SFMC_SMS_TEST_FIXTURES) + "/" + name, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "missing fixture %s\n", name.c_str());
        std::abort();
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The seed's NotSent body with the closing brace the published page lost.
inline std::string not_sent_restored() { return fixture("not_sent_as_published.json") + "}\n"; }

inline sfmc::sms::http_response ok(std::string body)
{
    return {200, {{"Content-Type", "application/json; charset=utf-8"}}, std::move(body)};
}

} // namespace test

#endif
