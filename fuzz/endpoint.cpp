// Endpoint parsing (Boost.URL under our rules): nothing with userinfo, a query, a fragment or
// plain http to a host that is not loopback is accepted; an accepted URL's normal form parses
// to the same endpoint; a base path never has an empty or dot segment, plain or encoded; a
// subdomain is accepted only as one lower-case DNS label.
#include <sfmc/sms/endpoint.hpp>

#include "fuzz_check.hpp"

#include <string>

namespace {

bool starts_with_icase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if ((s[i] | 0x20) != prefix[i])
            return false;
    return true;
}

// The segment with %XX decoded: an oracle written apart from the library's.
std::string percent_decoded(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

void check_url(std::string_view input)
{
    auto const ep = sfmc::sms::endpoint::from_url(input);
    if (!ep) {
        SFMC_FUZZ_CHECK(ep.error() == sfmc::sms::error::bad_url || ep.error() == sfmc::sms::error::insecure_url);
        return;
    }
    SFMC_FUZZ_CHECK(input.find('?') == std::string_view::npos);
    SFMC_FUZZ_CHECK(input.find('#') == std::string_view::npos);
    auto const sep = input.find("://");
    auto const rest = sep == std::string_view::npos ? input : input.substr(sep + 3);
    SFMC_FUZZ_CHECK(rest.substr(0, rest.find('/')).find('@') == std::string_view::npos); // no userinfo
    if (starts_with_icase(input, "http://")) {
        auto const host = ep->host();
        SFMC_FUZZ_CHECK(host == "localhost" || host == "::1" || host.starts_with("127."));
        SFMC_FUZZ_CHECK(!ep->is_secure());
    } else {
        SFMC_FUZZ_CHECK(ep->is_secure());
    }

    auto const path = ep->base_path();
    SFMC_FUZZ_CHECK(path.empty() || (path.front() == '/' && path.back() != '/'));
    for (std::size_t start = 1; start <= path.size() && !path.empty();) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        auto const seg = percent_decoded(path.substr(start, end - start));
        SFMC_FUZZ_CHECK(!seg.empty() && seg != "." && seg != "..");
        start = end + 1;
    }

    auto const again = sfmc::sms::endpoint::from_url(ep->url());
    SFMC_FUZZ_CHECK(again.has_value());
    SFMC_FUZZ_CHECK(*again == *ep);
}

void check_subdomain(std::string_view input)
{
    auto const ep = sfmc::sms::endpoint::from_subdomain(input);
    if (!ep) {
        SFMC_FUZZ_CHECK(ep.error() == sfmc::sms::error::bad_subdomain);
        return;
    }
    auto const host = ep->host();
    SFMC_FUZZ_CHECK(host.size() == input.size() + std::string_view(".rest.marketingcloudapis.com").size());
    for (char c : host.substr(0, input.size()))
        SFMC_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const input = fuzz::as_text(data, size);
    check_url(input);
    check_subdomain(input);
    return 0;
}
