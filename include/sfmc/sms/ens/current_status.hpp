// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_CURRENT_STATUS_HPP
#define SFMC_SMS_ENS_CURRENT_STATUS_HPP

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/event.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms::ens {

/** What one event says of its message's current status: enough to rank it against another
    event of the same message, by the status store's rule (`STATUS_STORE.md`):
    1. rank: `delivered`, `bounced`, `not_sent` (final) over `transient` over `sent`;
    2. the same rank: the later `timestampUtc`; an event without one loses to any with one;
    3. still tied: the smaller canonical JSON text (@ref canonical_json), as UTF-8 bytes.
    The order is total and strict on distinct events, so the current status, the best of a
    message's events, is the same whatever their order of arrival, their batching, or the
    number of receivers that took them.

    An event of status `unknown` has no claim: it never becomes a current status.
*/
struct status_claim {
    event_status status = event_status::unknown; ///< never `unknown` in a claim made by @ref claim_of
    std::optional<event_time> timestamp_utc;     ///< the event's `timestampUTC`
    std::string canonical;                       ///< the event's canonical JSON text

    /// Member by member.
    friend bool operator==(status_claim const&, status_claim const&) = default;
};

/// The rank of a status in the rule: 2 final, 1 transient, 0 sent; none for `unknown`.
constexpr std::optional<int> status_rank(event_status s) noexcept
{
    switch (s) {
    case event_status::delivered:
    case event_status::bounced:
    case event_status::not_sent: return 2;
    case event_status::transient: return 1;
    case event_status::sent: return 0;
    case event_status::unknown: break;
    }
    return std::nullopt;
}

/// The claim of `e` (decoded by `decode_batch`, its `raw` valid JSON); nullopt for an event
/// of unknown status, or without a `messageKey`, which never decides a status.
SFMC_SMS_ENS_DECL std::optional<status_claim> claim_of(event const& e);

/// True when `a` decides a message's status over `b` by the rule above.
inline bool outranks(status_claim const& a, status_claim const& b) noexcept
{
    auto const ra = status_rank(a.status).value_or(-1), rb = status_rank(b.status).value_or(-1);
    if (ra != rb)
        return ra > rb;
    if (a.timestamp_utc != b.timestamp_utc) {
        if (!a.timestamp_utc || !b.timestamp_utc)
            return a.timestamp_utc.has_value();
        return *a.timestamp_utc > *b.timestamp_utc;
    }
    return a.canonical < b.canonical;
}

/** A message's current status, merged from its events one at a time: the best claim so far.
    Commutative and associative: any order of `merge`, any split into parts merged together,
    gives the same `decided()`.

    @par Example
    @code
    sfmc::sms::ens::current_status status;
    for (auto const& e : events_of_key)
        if (auto c = sfmc::sms::ens::claim_of(e))
            status.merge(std::move(*c));
    if (status.decided())
        std::cout << to_string(status.decided()->status) << '\n';
    @endcode
*/
class current_status {
public:
    /// Keeps `c` when it outranks the claim decided so far (or none is yet).
    void merge(status_claim c)
    {
        if (!best_ || outranks(c, *best_))
            best_ = std::move(c);
    }

    /// Merges the status decided by `other` (two parts of one message's events).
    void merge(current_status const& other)
    {
        if (other.best_)
            merge(*other.best_);
    }

    /// The claim that decides the status; none before a claim was merged.
    std::optional<status_claim> const& decided() const noexcept { return best_; }

private:
    std::optional<status_claim> best_;
};

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/current_status.ipp>
#endif

#endif
