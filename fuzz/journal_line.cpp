// The receiver's journal line writer: for any batch the receiver accepts, every event's line
// is exactly one line of strict JSON whose `event` equals, as a JSON value, the event received,
// and whose event bytes have the event's digest (so the line is remembered at the next start).
#include "../receiver/journal_line.hpp"

#include "fuzz_check.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const body = fuzz::as_text(data, size);
    boost::json::parse_options strict;
    strict.max_depth = 64;
    std::string line;
    (void)sfmc::sms::ens::for_each_event(body, {.max_events = std::size_t(-1)}, [&](sfmc::sms::ens::event const& e) {
        line.clear();
        receiver::append_journal_line(line, e);
        SFMC_FUZZ_CHECK(line.size() >= 2 && line.back() == '\n');
        SFMC_FUZZ_CHECK(std::count(line.begin(), line.end(), '\n') == 1 && line.find('\r') == std::string::npos);
        boost::system::error_code ec;
        auto const parsed = boost::json::parse(line, ec, {}, strict);
        SFMC_FUZZ_CHECK(!ec && parsed.is_object());
        auto const* event = parsed.as_object().if_contains("event");
        SFMC_FUZZ_CHECK(event);
        constexpr std::string_view marker = R"(,"event":)";
        auto const at = line.find(marker);
        SFMC_FUZZ_CHECK(at != std::string::npos);
        auto const written = std::string_view(line).substr(at + marker.size(), line.size() - at - marker.size() - 2);
        // Equal as JSON values, compared by canonical text: Boost.JSON 1.81's doubles depend on
        // the bytes after a long number, and it reads 0e860 as NaN.
        auto const canonical = sfmc::sms::ens::canonical_json(written);
        SFMC_FUZZ_CHECK(canonical && canonical == sfmc::sms::ens::canonical_json(e.raw));
        SFMC_FUZZ_CHECK(receiver::event_digest(written) == receiver::event_digest(e.raw));
    });
    return 0;
}
