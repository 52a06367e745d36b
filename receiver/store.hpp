// The receiver's status store, opened when it can be: a receiver whose store cannot be
// opened at start still starts, answers 503 (ENS retries) and opens it as soon as it can.
#ifndef SFMC_ENS_RECEIVER_STORE_HPP
#define SFMC_ENS_RECEIVER_STORE_HPP

#include "../cli/store_url.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <variant>

namespace receiver {

/// How many writers (each with its connection) a receiver gives `url`'s store. SQLite takes
/// one writer at a time: a second would only wait for the first's lock. PostgreSQL commits
/// many at once, and a second writer sends one group while the other's commit waits for the
/// disk: one receiver of 16 ENS connections went from 71,429 to 102,236 events/s; three, which
/// the database's two cores then limit, from 84,956 to 85,182 (docs/performance.md).
inline std::size_t store_writers(cli::store_url const& url)
{
    return url.kind == cli::store_url::engine::postgresql ? 2 : 1;
}

/// A `status_store` that opens its store on first use, and again after it could not (an
/// engine that was opened makes its connection again by itself).
class store_when_ready final : public sfmc::sms::ens::status_store {
public:
    explicit store_when_ready(cli::store_url url) : url_(std::move(url)) { (void)ready(); }

    using status_store::append;
    sfmc::sms::ens::append_outcome append(std::span<sfmc::sms::ens::storable_event const> events,
                                          sfmc::sms::ens::event_time received, before_commit const& hook) override
    {
        return forward<sfmc::sms::ens::append_outcome>([&](auto& s) { return s.append(events, received, hook); });
    }
    std::variant<std::optional<sfmc::sms::ens::message_state>, std::string> current(sfmc::sms::channel on,
                                                                                   std::string const& key) override
    {
        return forward<std::variant<std::optional<sfmc::sms::ens::message_state>, std::string>>(
            [&](auto& s) { return s.current(on, key); });
    }
    std::variant<std::vector<sfmc::sms::ens::stored_event>, std::string> history(sfmc::sms::channel on,
                                                                                std::string const& key) override
    {
        return forward<std::variant<std::vector<sfmc::sms::ens::stored_event>, std::string>>(
            [&](auto& s) { return s.history(on, key); });
    }
    std::variant<std::vector<sfmc::sms::ens::message_state>, std::string> list(sfmc::sms::ens::list_filter const& f) override
    {
        return forward<std::variant<std::vector<sfmc::sms::ens::message_state>, std::string>>(
            [&](auto& s) { return s.list(f); });
    }
    std::variant<std::size_t, std::string> expire(sfmc::sms::ens::event_time before, std::size_t at_most) override
    {
        return forward<std::variant<std::size_t, std::string>>([&](auto& s) { return s.expire(before, at_most); });
    }

    /// Why the store is not open (empty once it is).
    std::string const& why_not() const noexcept { return why_; }

    /// Whether the store was opened; any thread may ask (`/healthz`). Until it is, no writer
    /// has yet failed to write (a writer probes only after a second idle), yet none can.
    bool is_open() const noexcept { return open_.load(std::memory_order_acquire); }

private:
    bool ready()
    {
        if (store_)
            return true;
        auto opened = cli::open_store(url_, true);
        if (auto* why = std::get_if<std::string>(&opened)) {
            why_ = std::move(*why);
            return false;
        }
        store_ = std::move(std::get<0>(opened));
        why_.clear();
        open_.store(true, std::memory_order_release);
        return true;
    }

    template <class Result, class Call>
    Result forward(Call&& call)
    {
        if (!ready())
            return Result(std::in_place_index<1>, why_);
        return call(*store_);
    }

    cli::store_url url_;
    std::unique_ptr<sfmc::sms::ens::status_store> store_;
    std::string why_;
    std::atomic<bool> open_{false};
};

} // namespace receiver

#endif
