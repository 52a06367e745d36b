#ifndef SFMC_SMS_TESTS_RECEIVER_CRASH_LOAD_HPP
#define SFMC_SMS_TESTS_RECEIVER_CRASH_LOAD_HPP

// The crash tests' load: several rounds of a loader sending signed batches over many
// connections while a fault strikes at a moment the loader does not choose (SIGKILL of the
// receiver, or of its database); what was acknowledged, to be found exactly once.

#include <doctest/doctest.h>

#include "support/process.hpp"
#include "support/raw_http.hpp"

#include <sfmc/sms/ens/signature.hpp>

#include <boost/json.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <signal.h>

namespace test::crash {


constexpr char const* key_text = "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=";

inline std::string batch_of(std::string const& prefix, int events)
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

inline std::string signed_post(std::string const& body)
{
    auto const key = *sfmc::sms::ens::signature_key::make(key_text);
    return test::post("/", body, "Content-Type: application/json\r\nx-sfmc-ens-signature: " + sfmc::sms::ens::sign(body, key) + "\r\n");
}

// Starts the receiver with `where` (--out FILE, or --store URL) and returns it with its port.
inline std::pair<std::unique_ptr<test::child>, int> start(std::vector<std::string> const& where)
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

// The database's fault instead of the receiver's: `stop` it at once under load, `start` it again.
struct database_fault {
    std::function<void()> stop, start;
};

// Rounds of load, each ended by SIGKILL of the receiver (or, given `database`, by stopping its
// database: the one receiver then serves every round, without a restart) at a moment the
// loader does not choose, then a clean start and stop; returns the message key of every
// event acknowledged with 200.
inline std::map<std::string, int> acknowledged_under_kills(std::vector<std::string> const& where,
                                                           std::optional<database_fault> const& database = {})
{
    constexpr int rounds = 8, connections = 8, events_per_batch = 40;
    std::mt19937 random(20261127); // fixed: the same kill points every run
    std::map<std::string, int> acknowledged; // event message key -> 1
    std::vector<std::string> acked_bodies;   // resent in the next round: redeliveries
    std::mutex m;
    std::condition_variable cv;

    std::unique_ptr<test::child> receiver;
    int port = 0;
    for (int round = 0; round < rounds; ++round) {
        if (!receiver)
            std::tie(receiver, port) = start(where);
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
            loaders.emplace_back([&, t] {
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
        if (database)
            database->stop(); // while the loaders keep sending
        else
            receiver->send(SIGKILL);
        stop = true;
        for (auto& l : loaders)
            l.join();
        CHECK(acked_this_round >= kill_after);
        if (!database) {
            receiver->finish({}, std::chrono::seconds{10});
            receiver.reset();
            continue;
        }
        // The same receiver serves again by itself once the database is back (its probe
        // each second, its backoff at most 2 s): /healthz says so within seconds.
        database->start();
        int healthy = 0;
        for (auto const until = std::chrono::steady_clock::now() + std::chrono::seconds{30};
             healthy != 200 && std::chrono::steady_clock::now() < until;)
            healthy = test::exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status;
        REQUIRE(healthy == 200);
    }

    // One more start repairs a torn last line of a journal.
    if (!receiver)
        std::tie(receiver, port) = start(where);
    REQUIRE(port > 0);
    receiver->send(SIGTERM);
    CHECK(receiver->finish({}, std::chrono::seconds{10}).exit_code == 0);
    MESSAGE(acknowledged.size() << " events acknowledged in " << rounds << " rounds");
    return acknowledged;
}

inline void check_exactly_once(std::map<std::string, int> const& acknowledged, std::map<std::string, int> const& written)
{
    std::size_t missing = 0, twice = 0;
    for (auto const& [key, one] : acknowledged)
        missing += written.count(key) ? 0 : 1;
    for (auto const& [key, n] : written)
        twice += n > 1 ? 1 : 0;
    CHECK(missing == 0);
    CHECK(twice == 0);
}

} // namespace test::crash

#endif
