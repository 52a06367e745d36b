// ENS management answers: never a crash; an accepted answer, written back as JSON from the
// values read, reads the same; an unreadable answer that may hold a new signatureKey keeps
// none of its text.
#include <sfmc/sms/ens/callbacks.hpp>
#include <sfmc/sms/ens/subscriptions.hpp>

#include "fuzz_check.hpp"

#include <boost/json/serialize.hpp>

#include <string>

namespace {

sfmc::sms::http_response answer(std::string body) { return {200, {{"Content-Type", "application/json"}}, std::move(body)}; }

boost::json::array strings(std::vector<std::string> const& texts)
{
    boost::json::array out;
    for (auto const& t : texts)
        out.emplace_back(t);
    return out;
}

void callbacks(std::string_view body)
{
    using namespace sfmc::sms::ens;
    auto const made = create_callbacks{}.decode(answer(std::string(body)), {});
    if (!made) {
        SFMC_FUZZ_CHECK(made.error().raw_body.empty());
        (void)made.error().to_string();
        return;
    }
    boost::json::array again;
    for (auto const& c : *made) {
        boost::json::object o{{"callbackId", c.id}, {"callbackName", c.name}, {"url", c.url},
                              {"status", c.status}, {"statusReason", c.status_reason}};
        if (c.max_batch_size)
            o["maxBatchSize"] = *c.max_batch_size;
        if (c.signature_key)
            o["signatureKey"] = c.signature_key->reveal();
        again.push_back(std::move(o));
    }
    auto const reread = list_callbacks{}.decode(answer(boost::json::serialize(again)), {});
    SFMC_FUZZ_CHECK(reread.has_value() && reread->size() == made->size());
    for (std::size_t i = 0; i < made->size(); ++i) {
        auto const& a = (*made)[i];
        auto const& b = (*reread)[i];
        SFMC_FUZZ_CHECK(a.id == b.id && a.name == b.name && a.url == b.url && a.max_batch_size == b.max_batch_size);
        SFMC_FUZZ_CHECK(a.status == b.status && a.status_reason == b.status_reason && a.signature_key == b.signature_key);
    }
}

void subscriptions(std::string_view body)
{
    using namespace sfmc::sms::ens;
    auto const listed = list_subscriptions{"cb"}.decode(answer(std::string(body)), {});
    if (!listed) {
        (void)listed.error().to_string();
        return;
    }
    boost::json::array again;
    for (auto const& s : *listed)
        again.push_back(boost::json::object{{"subscriptionId", s.id}, {"subscriptionName", s.name},
                                            {"callbackId", s.callback_id}, {"eventCategoryTypes", strings(s.event_types)},
                                            {"filters", strings(s.filters)}, {"status", s.status},
                                            {"statusReason", s.status_reason}});
    auto const reread = list_subscriptions{"cb"}.decode(answer(boost::json::serialize(again)), {});
    SFMC_FUZZ_CHECK(reread.has_value() && reread->size() == listed->size());
    for (std::size_t i = 0; i < listed->size(); ++i) {
        auto const& a = (*listed)[i];
        auto const& b = (*reread)[i];
        SFMC_FUZZ_CHECK(a.id == b.id && a.name == b.name && a.callback_id == b.callback_id);
        SFMC_FUZZ_CHECK(a.event_types == b.event_types && a.filters == b.filters);
        SFMC_FUZZ_CHECK(a.status == b.status && a.status_reason == b.status_reason);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const body = fuzz::as_text(data, size);
    callbacks(body);
    subscriptions(body);
    return 0;
}
