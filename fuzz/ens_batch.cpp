// ENS batch decoding: never a crash; an accepted batch's events, each re-read from its own
// bytes, decode to the same values; a refused batch says why.
#include <sfmc/sms/ens/decode_batch.hpp>

#include "fuzz_check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const body = fuzz::as_text(data, size);
    auto const batch = sfmc::sms::ens::decode_batch(body);
    if (!batch) {
        SFMC_FUZZ_CHECK(batch.error().code.failed());
        (void)batch.error().to_string();
        return 0;
    }
    SFMC_FUZZ_CHECK(batch->size() <= 1000);
    for (auto const& e : *batch) {
        SFMC_FUZZ_CHECK(e.raw.data() >= body.data() && e.raw.data() + e.raw.size() <= body.data() + body.size());
        auto const again = sfmc::sms::ens::decode_batch(std::string(1, '[').append(e.raw).append(1, ']'));
        SFMC_FUZZ_CHECK(again.has_value() && again->size() == 1);
        auto const& a = again->front();
        SFMC_FUZZ_CHECK(a.type == e.type && a.on == e.on && a.status == e.status);
        SFMC_FUZZ_CHECK(a.message_key == e.message_key && a.to == e.to && a.subscriber_key == e.subscriber_key);
        SFMC_FUZZ_CHECK(a.status_code == e.status_code && a.status_message == e.status_message);
        SFMC_FUZZ_CHECK(a.timestamp_utc == e.timestamp_utc && a.mid == e.mid && a.eid == e.eid);
        SFMC_FUZZ_CHECK(a.definition_key == e.definition_key && a.composite_id == e.composite_id);
    }
    return 0;
}
