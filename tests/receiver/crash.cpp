// sfmc-ens-receiver under SIGKILL: several rounds of a loader sending signed batches over
// many connections while the receiver is killed at a moment the loader does not choose;
// after each restart on the same journal (or status store), every acknowledged event is
// there exactly once, and the journal holds only whole lines.
#include <doctest/doctest.h>

#include "support/process.hpp"
#include "support/raw_http.hpp"

#include <sfmc/sms/ens/signature.hpp>

#include <sqlite3.h>

#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>

namespace {

constexpr char const* key_text = "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=";

std::string batch_of(std::string const& prefix, int events)
{
    std::string body = "[";
    for (int i = 0; i < events; ++i) {
        if (i)
            body += ',';
        body += R"({"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1600698608530,)"
                R"("info":{"messageKey":")" + prefix + "-" + std::to_string(i) +
                R"(","to":"15555550100","statusCode":"4000","statusMessage":"Delivered"}})";
    }
    return body + "]";
}

std::string signed_post(std::string const& body)
{
    auto const key = *sfmc::sms::ens::signature_key::make(key_text);
    return test::post("/", body, "Content-Type: application/json\r\nx-sfmc-ens-signature: " + sfmc::sms::ens::sign(body, key) + "\r\n");
}

// Starts the receiver with `where` (--out FILE, or --store URL) and returns it with its port.
std::pair<std::unique_ptr<test::child>, int> start(std::vector<std::string> const& where)
{
    std::vector<std::string> args{SFMC_ENS_RECEIVER_COMMAND, "--signature-key", key_text, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), where.begin(), where.end());
    auto c = std::make_unique<test::child>(args, test::clean_environment());
    std::string line;
    for (int i = 0; i < 3 && line.find("listening on") == std::string::npos; ++i)
        line = c->read_error_line(std::chrono::seconds{10});
    auto const colon = line.rfind(':');
    return {std::move(c), colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1)};
}

// Rounds of load, each ended by SIGKILL at a moment the loader does not choose, then a clean
// start and stop; returns the message key of every event acknowledged with 200.
std::map<std::string, int> acknowledged_under_kills(std::vector<std::string> const& where)
{
    constexpr int rounds = 8, connections = 8, events_per_batch = 40;
    std::mt19937 random(20261127); // fixed: the same kill points every run
    std::map<std::string, int> acknowledged; // event message key -> 1
    std::vector<std::string> acked_bodies;   // resent in the next round: redeliveries
    std::mutex m;
    std::condition_variable cv;

    for (int round = 0; round < rounds; ++round) {
        auto [receiver, port] = start(where);
        REQUIRE(port > 0);
        std::size_t acked_this_round = 0;
        auto const kill_after = std::uniform_int_distribution<std::size_t>(5, 40)(random);
        std::atomic<bool> stop{false};
        std::vector<std::string> resend;
        {
            std::lock_guard lock(m);
            resend = acked_bodies;
        }
        std::vector<std::thread> loaders;
        for (int t = 0; t < connections; ++t) {
            loaders.emplace_back([&, t, port = port] {
                test::raw_connection c(port);
                for (int b = 0; !stop && b < 1000; ++b) {
                    // Every fourth batch is one acknowledged before, sent again.
                    std::string body = (b % 4 == 3 && !resend.empty())
                                           ? resend[static_cast<std::size_t>(b * connections + t) % resend.size()]
                                           : batch_of("r" + std::to_string(round) + "-t" + std::to_string(t) + "-b" + std::to_string(b),
                                                      events_per_batch);
                    if (!c.send(signed_post(body)))
                        return;
                    auto const res = c.receive(std::chrono::seconds{10});
                    if (res.status != 200)
                        return; // killed: the batch is not acknowledged, whatever was written
                    auto const sent = boost::json::parse(body);
                    std::lock_guard lock(m);
                    for (auto const& e : sent.as_array())
                        acknowledged[std::string(e.at("info").at("messageKey").as_string())] = 1;
                    acked_bodies.push_back(body);
                    ++acked_this_round;
                    cv.notify_all();
                }
            });
        }
        {
            std::unique_lock lock(m);
            cv.wait_for(lock, std::chrono::seconds{30}, [&] { return acked_this_round >= kill_after; });
        }
        receiver->send(SIGKILL); // while the loaders keep sending
        stop = true;
        for (auto& l : loaders)
            l.join();
        receiver->finish({}, std::chrono::seconds{10});
        CHECK(acked_this_round >= kill_after);
    }

    // One more start repairs a torn last line of a journal.
    auto [receiver, port] = start(where);
    REQUIRE(port > 0);
    receiver->send(SIGTERM);
    CHECK(receiver->finish({}, std::chrono::seconds{10}).exit_code == 0);
    MESSAGE(acknowledged.size() << " events acknowledged in " << rounds << " rounds");
    return acknowledged;
}

void check_exactly_once(std::map<std::string, int> const& acknowledged, std::map<std::string, int> const& written)
{
    std::size_t missing = 0, twice = 0;
    for (auto const& [key, one] : acknowledged)
        missing += written.count(key) ? 0 : 1;
    for (auto const& [key, n] : written)
        twice += n > 1 ? 1 : 0;
    CHECK(missing == 0);
    CHECK(twice == 0);
}

} // namespace

TEST_CASE("receiver crash test: SIGKILL at any moment loses no acknowledged event and writes none twice")
{
    char dir[] = "/tmp/sfmc-ens-crash-XXXXXX";
    REQUIRE(mkdtemp(dir));
    std::string const journal = std::string(dir) + "/events.jsonl";
    auto const acknowledged = acknowledged_under_kills({"--out", journal});
    std::ifstream in(journal, std::ios::binary);
    std::string const text((std::istreambuf_iterator<char>(in)), {});
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    std::map<std::string, int> written;
    std::size_t lines = 0;
    for (std::size_t start = 0; start < text.size();) {
        auto const end = text.find('\n', start);
        boost::system::error_code ec;
        auto const line = boost::json::parse(std::string_view(text).substr(start, end - start), ec);
        REQUIRE_FALSE(ec); // only whole lines
        ++written[std::string(line.at("messageKey").as_string())];
        ++lines;
        start = end + 1;
    }
    check_exactly_once(acknowledged, written);
    MESSAGE(lines << " lines written");
    std::remove(journal.c_str());
    rmdir(dir);
}

TEST_CASE("receiver crash test, status store: SIGKILL at any moment loses no acknowledged event and stores none twice")
{
    char dir[] = "/tmp/sfmc-ens-crash-XXXXXX";
    REQUIRE(mkdtemp(dir));
    std::string const db = std::string(dir) + "/store.db";
    auto const acknowledged = acknowledged_under_kills({"--store", "sqlite:" + db});
    // Read with SQLite itself, as a user of the schema would.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> handle(raw, &sqlite3_close);
    auto const rows = [&](char const* sql) {
        std::map<std::string, int> got;
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            got[reinterpret_cast<char const*>(sqlite3_column_text(st, 0))] = sqlite3_column_int(st, 1);
        sqlite3_finalize(st);
        return got;
    };
    auto const events = rows("SELECT message_key, count(*) FROM events GROUP BY message_key");
    check_exactly_once(acknowledged, events);
    MESSAGE(events.size() << " events stored");
    handle.reset();
    for (char const* suffix : {"", "-wal", "-shm"})
        std::remove((db + suffix).c_str());
    rmdir(dir);
}
