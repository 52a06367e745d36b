// NotSent pages: never a crash; an accepted page, written back as JSON from the values read,
// reads the same; a sweep over it never takes an entry twice nor moves its cursor back.
#include <sfmc/sms/not_sent.hpp>

#include "fuzz_check.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

sfmc::sms::http_response answer(std::string body) { return {200, {{"Content-Type", "application/json"}}, std::move(body)}; }

template <class T>
void put(boost::json::object& o, char const* key, std::optional<T> const& v)
{
    if (v)
        o[key] = *v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace sfmc::sms;
    auto const page = decode_not_sent_page(answer(std::string(fuzz::as_text(data, size))));
    if (!page) {
        (void)page.error().to_string();
        return 0;
    }
    boost::json::array messages;
    for (auto const& e : page->entries) {
        boost::json::object o{{"eventID", e.event_id}, {"eventCategoryType", e.event_category_type}};
        put(o, "timestamp", e.timestamp);
        put(o, "definitionKey", e.definition_key);
        put(o, "statusCode", e.status_code);
        put(o, "statusMessage", e.status_message);
        boost::json::object info;
        put(info, "messageKey", e.message_key);
        put(info, "contactKey", e.contact_key);
        put(info, "to", e.to);
        o["info"] = std::move(info);
        messages.push_back(std::move(o));
    }
    boost::json::object again{{"messages", std::move(messages)}};
    put(again, "lastEventID", page->last_event_id);
    put(again, "count", page->count);
    auto const reread = decode_not_sent_page(answer(boost::json::serialize(again)));
    SFMC_FUZZ_CHECK(reread.has_value() && reread->entries == page->entries);
    SFMC_FUZZ_CHECK(reread->last_event_id == page->last_event_id && reread->count == page->count);

    // A sweep from the middle of the page: exactly the entries past its cursor, in the page's
    // order (even out of order among themselves); the cursor then at the highest.
    std::optional<std::int64_t> after;
    if (!page->entries.empty())
        after = page->entries[page->entries.size() / 2].event_id;
    not_sent_sweep sweep({.page_size = 1000, .after = after});
    auto const taken = sweep.take(*page);
    if (!taken) {
        SFMC_FUZZ_CHECK(taken.error().code == error::no_progress && sweep.caught_up());
        return 0;
    }
    std::vector<std::int64_t> expected, got;
    auto highest = after;
    for (auto const& e : page->entries)
        if (!after || e.event_id > *after) {
            expected.push_back(e.event_id);
            highest = std::max(highest.value_or(e.event_id), e.event_id);
        }
    for (auto const& e : *taken)
        got.push_back(e.event_id);
    SFMC_FUZZ_CHECK(got == expected);
    SFMC_FUZZ_CHECK(sweep.cursor() == highest);
    return 0;
}
