// Load for an ENS receiver: N connections on loopback, each sending signed batches of 1000
// realistic events one after another (each waits for its answer, as ENS does per connection),
// every event distinct. Prints one JSON line: events per second, the acknowledgement time's
// p50 and p99, and the receiver's CPU time and peak memory (read from /proc for its pid).
//   receiver_load PORT PID CONNECTIONS BATCHES_PER_CONNECTION KEY [SEED]
// With SEED, each event's message key is 22 random characters (as Marketing Cloud's are),
// drawn from SEED: runs with different seeds send different messages.
#include <sfmc/sms/ens/signature.hpp>

#include "../tests/support/raw_http.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

// 22 characters of base64url, as Marketing Cloud's message keys.
std::string random_key(std::mt19937_64& random)
{
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string key(22, 'A');
    for (auto& c : key)
        c = alphabet[random() % 64];
    return key;
}

// Batch `number` of `connection`: its events' times follow one another, 1 ms apart, and each
// batch's follow the last one's in the order they are sent, as ENS's do (it sends events soon
// after they happen). So a store's time-ordered indexes grow at their right edge, as they would.
std::string batch(int connection, int connections, int number, int events, std::mt19937_64* random)
{
    std::int64_t const first_ms = 1600698608530 + (std::int64_t{number} * connections + connection) * events;
    char const* const types[] = {"SmsSent", "SmsDelivered", "SmsTransient", "SmsBounced", "SmsNotSent"};
    char const* const codes[] = {"", "4000", "3001", "4500", "47"};
    std::string body = "[";
    for (int i = 0; i < events; ++i) {
        auto const id = std::to_string(connection) + "-" + std::to_string(number) + "-" + std::to_string(i);
        boost::json::object info{{"messageKey", random ? random_key(*random) : "order-" + id}, {"to", "15555550100"},
                                 {"subscriberKey", "subscriber-" + id}};
        if (i % 5 != 0) {
            info["statusCode"] = codes[i % 5];
            info[i % 5 == 4 ? "reason" : "statusMessage"] = "Status of message " + id;
        }
        boost::json::object e{{"eventCategoryType", std::string("TransactionalSendEvents.") + types[i % 5]},
                              {"timestampUTC", first_ms + i},
                              {"compositeId", "466651f2-9c28-e911-a261-78e3b50b4f00.2001070.44609.4153." + id},
                              {"composite", {{"jobId", "2001070"}, {"batchId", "4153"}, {"subscriberId", id}}},
                              {"definitionKey", "order-updates"},
                              {"mid", 1447640},
                              {"eid", 1447640},
                              {"info", std::move(info)}};
        if (i)
            body += ',';
        body += boost::json::serialize(e);
    }
    return body + "]";
}

// utime + stime of `pid`, in seconds.
double cpu_seconds(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i)
        fields >> skip;
    double user = 0, system = 0;
    fields >> user >> system;
    return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Peak resident memory of `pid` (VmHWM), in MiB.
double peak_mib(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("VmHWM:"))
            return std::stod(line.substr(6)) / 1024;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 6 && argc != 7) {
        std::cerr << "usage: receiver_load PORT PID CONNECTIONS BATCHES_PER_CONNECTION KEY [SEED]\n";
        return 2;
    }
    std::optional<std::mt19937_64> random;
    if (argc == 7)
        random.emplace(std::strtoull(argv[6], nullptr, 10));
    int const port = std::atoi(argv[1]), pid = std::atoi(argv[2]), connections = std::atoi(argv[3]),
              batches = std::atoi(argv[4]);
    auto const key = sfmc::sms::ens::signature_key::make(argv[5]);
    if (!key)
        return 2;
    constexpr int events = 1000;
    // Every request made before the clock starts: the load measures the receiver, not us.
    std::vector<std::vector<std::string>> requests(static_cast<std::size_t>(connections));
    for (int c = 0; c < connections; ++c)
        for (int b = 0; b < batches; ++b) {
            auto const body = batch(c, connections, b, events, random ? &*random : nullptr);
            requests[static_cast<std::size_t>(c)].push_back(test::post(
                "/", body, "Content-Type: application/json\r\nx-sfmc-ens-signature: " + sfmc::sms::ens::sign(body, *key) + "\r\n"));
        }
    std::mutex m;
    std::vector<double> latencies_ms;
    std::atomic<int> failures{0};
    auto const cpu_before = cpu_seconds(pid);
    auto const started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c)
        threads.emplace_back([&, c] {
            test::raw_connection conn(port);
            std::vector<double> mine;
            for (auto const& request : requests[static_cast<std::size_t>(c)]) {
                auto const t0 = std::chrono::steady_clock::now();
                auto const answer = conn.send(request) ? conn.receive(std::chrono::seconds{60}).status : 0;
                if (answer != 200) {
                    if (failures++ == 0)
                        std::fprintf(stderr, "receiver_load: answered %d\n", answer);
                    return;
                }
                mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
            std::lock_guard lock(m);
            latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
        });
    for (auto& t : threads)
        t.join();
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto const cpu = cpu_seconds(pid) - cpu_before;
    std::sort(latencies_ms.begin(), latencies_ms.end());
    auto const at = [&](double q) {
        return latencies_ms.empty() ? 0.0 : latencies_ms[std::min(latencies_ms.size() - 1, static_cast<std::size_t>(q * latencies_ms.size()))];
    };
    auto const acked = static_cast<double>(latencies_ms.size()) * events;
    std::printf("{\"events_per_second\":%.0f,\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"cpu_seconds\":%.2f,\"peak_mib\":%.1f,"
                "\"batches\":%zu,\"failures\":%d,\"seconds\":%.2f}\n",
                acked / seconds, at(0.50), at(0.99), cpu, peak_mib(pid), latencies_ms.size(), failures.load(), seconds);
    return failures == 0 ? 0 : 1;
}
