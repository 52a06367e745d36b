// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_DETAIL_STORE_ENGINE_HPP
#define SFMC_SMS_ENS_DETAIL_STORE_ENGINE_HPP

// What both status store engines do alike: a message's status decided
// from its events, and the merge of `list`'s per-status streams.

#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/current_status.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace sfmc::sms::ens::detail {

// (on, key)'s best event by the rule of current_status (with its row), and how many events
// it has (of its channel and of channel unknown), fed the key's rows in any order.
class store_decision {
public:
    struct best {
        std::int64_t row;
        status_claim claim; // its canonical text only after a tie of rank and time
        stored_event event;
    };

    explicit store_decision(channel on) noexcept : on_(on) {}

    void add(std::int64_t row, stored_event e)
    {
        ++events;
        if (e.on != on_ || !status_rank(e.status))
            return;
        status_claim c{e.status, e.timestamp_utc, {}};
        // The canonical text only for a tie of rank and time, the rule's last resort.
        if (decided && status_rank(c.status) == status_rank(decided->claim.status) &&
            c.timestamp_utc == decided->claim.timestamp_utc) {
            c.canonical = canonical_json(e.event).value_or(e.event);
            if (decided->claim.canonical.empty())
                decided->claim.canonical = canonical_json(decided->event.event).value_or(decided->event.event);
        }
        if (!decided || outranks(c, decided->claim))
            decided.emplace(best{row, std::move(c), std::move(e)});
    }

    std::optional<best> decided; // none: no event of the key has a claim
    std::size_t events = 0;

private:
    channel on_;
};

// `current`'s answer from a decision (or why it could not be made).
inline std::variant<std::optional<message_state>, std::string> current_state(channel on, std::string const& key,
                                                                           std::variant<store_decision, std::string> got)
{
    if (auto* why = std::get_if<std::string>(&got))
        return std::move(*why);
    auto& d = std::get<0>(got);
    if (!d.decided)
        return std::optional<message_state>();
    return std::optional<message_state>(message_state{on, key, std::move(d.decided->event), d.events});
}

// A candidate of `list`: an event of the filter's channel and one of its statuses.
struct list_candidate {
    std::int64_t ms = 0; // its timestampUTC (0 in the stream of those without one)
    std::string key{};
    std::int64_t row = 0;
    stored_event event{};

    auto order() const { return std::tie(ms, key, row); }
};

// `list`'s merge, for any engine: `streams` (one per status, each in (time, key, row) order,
// each with `next()` giving its next candidate, none at its end, or why it failed), the
// smallest head next; a candidate is listed when `decide(key)` says it is its message's
// current event. Appends to `out` up to `limit`; why it failed, if it did.
template <class Stream, class Decide>
std::optional<std::string> merge_current(std::vector<Stream>& streams, channel on, std::size_t limit, Decide&& decide,
                                         std::vector<message_state>& out)
{
    std::vector<std::optional<list_candidate>> heads(streams.size());
    auto const advance = [&](std::size_t i) -> std::optional<std::string> {
        auto got = streams[i].next();
        if (auto* why = std::get_if<std::string>(&got))
            return std::move(*why);
        heads[i] = std::move(std::get<0>(got));
        return std::nullopt;
    };
    for (std::size_t i = 0; i < streams.size(); ++i)
        if (auto why = advance(i))
            return why;
    while (out.size() < limit) {
        std::optional<std::size_t> next;
        for (std::size_t i = 0; i < heads.size(); ++i)
            if (heads[i] && (!next || heads[i]->order() < heads[*next]->order()))
                next = i;
        if (!next)
            break;
        auto c = std::move(*heads[*next]);
        if (auto why = advance(*next))
            return why;
        std::variant<store_decision, std::string> got = decide(c.key);
        if (auto* why = std::get_if<std::string>(&got))
            return std::move(*why);
        auto const& d = std::get<0>(got);
        if (d.decided && d.decided->row == c.row)
            out.push_back({on, std::move(c.key), std::move(c.event), d.events});
    }
    return std::nullopt;
}

// The statuses a filter lists, each once, in a fixed order (every ranked one when none is given).
inline std::vector<event_status> listed_statuses(list_filter const& filter)
{
    std::vector<event_status> statuses = filter.statuses;
    if (statuses.empty())
        statuses = {event_status::sent, event_status::transient, event_status::delivered, event_status::bounced,
                    event_status::not_sent};
    std::sort(statuses.begin(), statuses.end());
    statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());
    return statuses;
}

} // namespace sfmc::sms::ens::detail

#endif
