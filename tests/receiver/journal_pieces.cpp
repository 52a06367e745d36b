// The receiver's own pieces, alone: the window that remembers a million event digests, and
// the journal that writes a batch's new lines.
#include <doctest/doctest.h>

#include "../../receiver/dedup_window.hpp"
#include "../../receiver/journal.hpp"
#include "../../receiver/journal_line.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using receiver::digest;

namespace {
// Hands the batch `body` to `journal` and waits for what became of it.
receiver::commit_result commit_to(receiver::journal& journal, std::string const& body)
{
    auto const events = sfmc::sms::ens::decode_batch(body);
    REQUIRE(events.has_value());
    receiver::journal_batch batch;
    for (auto const& e : *events)
        batch.add(e);
    std::promise<receiver::commit_result> done;
    journal.submit(std::move(batch), [&](receiver::commit_result r) { done.set_value(std::move(r)); });
    return done.get_future().get();
}
// A new empty file for a journal, its path.
std::string new_journal_file()
{
    char path[] = "/tmp/sfmc-journal-test-XXXXXX";
    int const fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    return path;
}
} // namespace


TEST_CASE("receiver journal line: RFC 3339 with three fractional digits, and the event last as received")
{
    auto const rfc3339 = [](long long ms) {
        auto const text = receiver::rfc3339_millis(sfmc::sms::ens::event_time(std::chrono::milliseconds(ms)));
        return std::string(text.data(), text.size());
    };
    CHECK(rfc3339(1600698608530) == "2020-09-21T14:30:08.530Z");
    CHECK(rfc3339(0) == "1970-01-01T00:00:00.000Z");
    CHECK(rfc3339(253402300799999) == "9999-12-31T23:59:59.999Z");
    std::string const body = R"([{"eventCategoryType":"TransactionalSendEvents.SmsBrandNew","timestampUTC":-5,"x":"\"q\""}])";
    auto const events = sfmc::sms::ens::decode_batch(body);
    REQUIRE(events.has_value());
    std::string line;
    receiver::append_journal_line(line, events->front());
    CHECK(line == R"({"status":"unknown","channel":"unknown","eventCategoryType":"TransactionalSendEvents.SmsBrandNew",)"
                  R"("event":{"eventCategoryType":"TransactionalSendEvents.SmsBrandNew","timestampUTC":-5,"x":"\"q\""}})" "\n");
}

TEST_CASE("receiver dedup window: remembers exactly the last N digests, whatever the collisions of their slots")
{
    std::mt19937_64 random(7);
    for (std::size_t capacity : {1u, 7u, 1000u}) {
        receiver::dedup_window window(capacity);
        std::deque<digest> recent;
        std::vector<digest> all;
        for (int i = 0; i < 20000; ++i) {
            digest d{};
            // Few distinct first bytes: many digests share a home slot, long runs form.
            auto const r = random();
            d[0] = static_cast<std::uint8_t>(r % 4);
            for (std::size_t b = 1; b < d.size(); ++b)
                d[b] = static_cast<std::uint8_t>(random());
            if (window.contains(d))
                continue;
            window.insert(d);
            all.push_back(d);
            recent.push_back(d);
            if (recent.size() > capacity)
                recent.pop_front();
            if (i % 997 == 0) {
                std::set<digest> const kept(recent.begin(), recent.end());
                std::size_t wrong = 0;
                for (auto const& x : all)
                    wrong += window.contains(x) != (kept.count(x) == 1) ? 1 : 0;
                REQUIRE(wrong == 0);
            }
        }
        CHECK(window.size() == std::min<std::size_t>(capacity, all.size()));
    }
    CHECK(receiver::dedup_window(1'000'000).bytes() == 1'000'000 * 16 + 2'097'152 * 4); // 24 MB
}

TEST_CASE("receiver journal: a batch's new lines are written whole and in order, each event once")
{
    auto const path = new_journal_file();
    auto opened = receiver::journal::open(path, 100);
    REQUIRE(std::holds_alternative<std::unique_ptr<receiver::journal>>(opened));
    auto& journal = *std::get<std::unique_ptr<receiver::journal>>(opened);
    auto const commit = [&](std::string const& body) { return commit_to(journal, body); };
    auto const event = [](char const* key) {
        return std::string(R"({"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":")") + key + "\"}}";
    };
    auto const batch_of = [](std::initializer_list<std::string> events) {
        std::string body = "[";
        for (auto const& e : events)
            body.append(body.size() > 1 ? "," : "").append(e);
        return body.append("]");
    };
    auto const reordered_a = std::string(R"({"info":{"messageKey":"a"},"eventCategoryType":"TransactionalSendEvents.SmsSent"})");
    // Duplicates at the start, in the middle and at the end of runs of new lines.
    auto const first = commit(batch_of({event("a"), event("b"), reordered_a, event("c"), event("c")}));
    CHECK(first.ok);
    CHECK(first.written == 3);
    CHECK(first.duplicates == 2);
    auto const second = commit(batch_of({event("c"), event("d"), event("a")}));
    CHECK(second.written == 1);
    CHECK(second.duplicates == 2);
    auto const third = commit(batch_of({event("b")}));
    CHECK(third.written == 0);
    journal.stop();
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> keys;
    std::string line;
    while (std::getline(text, line)) {
        auto const at = line.find(R"("messageKey":")");
        REQUIRE(at != std::string::npos);
        keys.push_back(line.substr(at + 14, 1));
        CHECK(line.ends_with("}}"));
    }
    CHECK(keys == std::vector<std::string>{"a", "b", "c", "d"});
    std::remove(path.c_str());
}

TEST_CASE("receiver journal line: one line whatever the batch's layout, every value's bytes kept")
{
    // Pretty-printed, with CRLF, tabs, spaces in strings and numbers written oddly.
    std::string const pretty = "[\r\n  {\r\n\t\"eventCategoryType\" : \"TransactionalSendEvents.SmsSent\",\n"
                               "    \"info\" : {\n      \"messageKey\" : \"a key, with spaces\\n\",\n"
                               "      \"n\" : [ 1.50e2 , -0 , 10 ],\n      \"empty\" : { }, \"s\":\"\\\"}, \"\n    },\n  }\n]\n";
    auto const events = sfmc::sms::ens::decode_batch(pretty);
    REQUIRE(events.has_value());
    std::string line;
    receiver::append_journal_line(line, events->front());
    CHECK(std::count(line.begin(), line.end(), '\n') == 1);
    CHECK(line.ends_with("}\n"));
    auto const at = line.find(R"(,"event":)");
    REQUIRE(at != std::string::npos);
    CHECK(line.substr(at) == R"(,"event":{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":)"
                             R"({"messageKey":"a key, with spaces\n","n":[1.50e2,-0,10],"empty":{},"s":"\"}, "}}})" "\n");
    // Strict JSON (no trailing comma left), the same value as received, the same digest.
    boost::json::parse_options strict;
    auto const parsed = boost::json::parse(line, {}, strict).as_object();
    boost::json::parse_options lenient;
    lenient.allow_trailing_commas = true;
    CHECK(parsed.at("event") == boost::json::parse(events->front().raw, {}, lenient));
    CHECK(receiver::event_digest(line.substr(at + 9, line.size() - at - 11)) == receiver::event_digest(events->front().raw));
}

namespace {
std::atomic<int> failing_syncs{0}; // how many of the next syncs fail
int sync_that_may_fail(int fd)
{
    if (failing_syncs > 0) {
        --failing_syncs;
        errno = EIO;
        return -1;
    }
    return ::fdatasync(fd);
}
} // namespace

TEST_CASE("receiver journal: after a failed fdatasync the lines are cut back, and their redelivery is written once")
{
    auto const path = new_journal_file();
    auto opened = receiver::journal::open(path, 100, &sync_that_may_fail);
    REQUIRE(std::holds_alternative<std::unique_ptr<receiver::journal>>(opened));
    auto& journal = *std::get<std::unique_ptr<receiver::journal>>(opened);
    auto const commit = [&](std::string const& body) { return commit_to(journal, body); };
    auto const size = [&] {
        struct stat st {};
        ::stat(path.c_str(), &st);
        return st.st_size;
    };
    std::string const a = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"a"}}])";
    std::string const b = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"b"}}])";
    REQUIRE(commit(a).ok);
    auto const after_a = size();
    failing_syncs = 1;
    auto const refused = commit(b);
    CHECK_FALSE(refused.ok);
    CHECK(refused.error.find("fdatasync failed") != std::string::npos);
    CHECK(refused.written == 0);
    CHECK(size() == after_a); // cut back: nothing on disk that is not acknowledged
    auto const redelivered = commit(b); // ENS sends it again: written, not taken for a duplicate
    CHECK(redelivered.ok);
    CHECK(redelivered.written == 1);
    CHECK(redelivered.duplicates == 0);
    journal.stop();
    std::ifstream in(path);
    int lines = 0;
    for (std::string line; std::getline(in, line);)
        lines += line.find(R"("messageKey":"b")") != std::string::npos;
    CHECK(lines == 1);
    std::remove(path.c_str());
}

namespace {
// A store that holds each append until the test opens its gate, and counts what it was given.
// Every event is new to it, or, while `failing`, the append fails.
class gated_store final : public sfmc::sms::ens::status_store {
public:
    using status_store::append;

    sfmc::sms::ens::append_outcome append(std::span<sfmc::sms::ens::storable_event const> events,
                                          sfmc::sms::ens::event_time, before_commit const& hook) override
    {
        std::unique_lock lock(m_);
        ++entered_;
        cv_.notify_all();
        cv_.wait(lock, [this] { return open_; });
        if (failing_)
            return std::string("the store is gone");
        std::vector<bool> fresh(events.size(), true);
        if (hook)
            if (auto why = hook(fresh); !why.empty())
                return why;
        stored_ += events.size();
        return fresh;
    }
    std::variant<std::optional<sfmc::sms::ens::message_state>, std::string> current(sfmc::sms::ens::channel, std::string const&) override
    {
        return std::string("not asked in these tests");
    }
    std::variant<std::vector<sfmc::sms::ens::stored_event>, std::string> history(sfmc::sms::ens::channel, std::string const&) override
    {
        return std::string("not asked in these tests");
    }
    std::variant<std::vector<sfmc::sms::ens::message_state>, std::string> list(sfmc::sms::ens::list_filter const&) override
    {
        return std::string("not asked in these tests");
    }
    std::variant<std::size_t, std::string> expire(sfmc::sms::ens::event_time, std::size_t) override
    {
        std::lock_guard lock(m_);
        if (failing_)
            return std::string("the store is gone");
        return std::size_t{0};
    }

    /// True once `count` appends have entered, within 10 s.
    bool wait_entered(int count)
    {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return entered_ >= count; });
    }
    void open(bool failing = false)
    {
        std::lock_guard lock(m_);
        open_ = true;
        failing_ = failing;
        cv_.notify_all();
    }
    int entered()
    {
        std::lock_guard lock(m_);
        return entered_;
    }
    std::size_t stored()
    {
        std::lock_guard lock(m_);
        return stored_;
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    int entered_ = 0;
    bool open_ = false;
    bool failing_ = false;
    std::size_t stored_ = 0;
};

// `when_answered` runs in the batch's completion, before the answer is handed over.
std::future<receiver::commit_result> submit_for_store(receiver::journal& journal, char const* key, bool with_line,
                                                      std::function<void()> when_answered = {})
{
    std::string const body = std::string(R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":")") + key + "\"}}]";
    auto const events = sfmc::sms::ens::decode_batch(body); // views into `body`
    REQUIRE(events.has_value());
    receiver::journal_batch batch;
    for (auto const& e : *events)
        batch.add_for_store(e, with_line);
    auto done = std::make_shared<std::promise<receiver::commit_result>>();
    auto answer = done->get_future();
    journal.submit(std::move(batch), [done, when_answered](receiver::commit_result r) {
        if (when_answered)
            when_answered();
        done->set_value(std::move(r));
    });
    return answer;
}
} // namespace

TEST_CASE("receiver journal with two store connections: a batch is written while another's commit waits")
{
    gated_store a, b;
    auto journal = receiver::journal::store_only({&a, &b}, std::chrono::days(30));
    auto first = submit_for_store(*journal, "first", false);
    REQUIRE((a.wait_entered(1) || b.wait_entered(1)));
    auto second = submit_for_store(*journal, "second", false);
    // The first writer waits in its commit: the second batch goes to the other connection.
    auto& idle = a.entered() == 1 ? b : a;
    auto& busy = a.entered() == 1 ? a : b;
    REQUIRE(idle.wait_entered(1));
    CHECK(busy.entered() == 1);
    // One connection failing makes the receiver unhealthy, whatever the other's last commit.
    busy.open(true);
    CHECK_FALSE(first.get().ok);
    idle.open();
    auto const stored = second.get();
    CHECK(stored.ok);
    CHECK(stored.written == 1);
    CHECK_FALSE(journal->store_healthy());
    journal->stop();
    CHECK(idle.stored() == 1);
    CHECK(busy.stored() == 0);
}

TEST_CASE("receiver journal with a store: a batch the store refused is answered once the receiver is unhealthy, not before")
{
    gated_store store;
    auto journal = receiver::journal::store_only({&store}, std::chrono::days(30));
    REQUIRE(journal->store_healthy());
    std::atomic<bool> healthy_when_answered{true};
    auto refused = submit_for_store(*journal, "refused", false, [&] { healthy_when_answered = journal->store_healthy(); });
    REQUIRE(store.wait_entered(1));
    store.open(true);
    CHECK_FALSE(refused.get().ok);
    // A sender told 503 that asks /healthz at once hears 503 too.
    CHECK_FALSE(healthy_when_answered.load());
    journal->stop();
}

TEST_CASE("receiver journal beside a store given after it was opened: the first batch goes to the store, its line before the commit")
{
    auto const path = new_journal_file();
    auto opened = receiver::journal::open(path, 1);
    REQUIRE(std::holds_alternative<std::unique_ptr<receiver::journal>>(opened));
    auto& journal = *std::get<std::unique_ptr<receiver::journal>>(opened);
    gated_store store;
    store.open();
    // The writer waits for a batch, without a store, before the store is given.
    std::this_thread::yield();
    journal.use_store({&store}, std::chrono::days(30));
    auto const first = submit_for_store(journal, "a", true).get();
    CHECK(first.ok);
    CHECK(first.written == 1);
    CHECK(store.stored() == 1);
    journal.stop();
    std::ifstream in(path);
    std::string line;
    REQUIRE(std::getline(in, line));
    CHECK(line.find(R"("messageKey":"a")") != std::string::npos);
    CHECK_FALSE(std::getline(in, line));
    std::remove(path.c_str());
}
