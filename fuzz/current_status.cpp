// The store's merge rule: for any batch, the current status of each message key is the same
// whatever the order its events are merged in, and however they are split into parts.
#include <sfmc/sms/ens/current_status.hpp>
#include <sfmc/sms/ens/decode_batch.hpp>

#include "fuzz_check.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto const body = fuzz::as_text(data, size);
    auto const events = sfmc::sms::ens::decode_batch(body, {.max_events = 5000});
    if (!events)
        return 0;
    std::map<std::string, std::vector<sfmc::sms::ens::status_claim>> by_key;
    for (auto const& e : *events)
        if (auto c = sfmc::sms::ens::claim_of(e))
            by_key[*e.message_key].push_back(std::move(*c));
    std::minstd_rand random(static_cast<unsigned>(size));
    for (auto& [key, claims] : by_key) {
        sfmc::sms::ens::current_status in_order;
        for (auto const& c : claims)
            in_order.merge(c);
        SFMC_FUZZ_CHECK(in_order.decided());
        for (auto const& c : claims) // none outranks the decided one: it is the best
            SFMC_FUZZ_CHECK(!sfmc::sms::ens::outranks(c, *in_order.decided()));
        for (int round = 0; round < 3; ++round) {
            std::shuffle(claims.begin(), claims.end(), random);
            sfmc::sms::ens::current_status left, right;
            auto const cut = claims.size() / 2;
            for (std::size_t i = 0; i < claims.size(); ++i)
                (i < cut ? left : right).merge(claims[i]);
            right.merge(left);
            SFMC_FUZZ_CHECK(right.decided() == in_order.decided());
        }
    }
    return 0;
}
