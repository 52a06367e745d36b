// Receivers sharing one PostgreSQL store, on a server of the tests' own: the same batches
// taken by three receivers at once, SIGKILL of a receiver and of the database under load, and
// the command reading while the receivers write. Every event acknowledged is stored exactly once.
#include <doctest/doctest.h>

#include "crash_load.hpp"
#include "support/postgres_server.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace test::crash;

namespace {

// `sql`'s rows as (text of column 0, integer of column 1), read with libpq as a user would.
std::map<std::string, int> rows(std::string const& url, char const* sql)
{
    std::unique_ptr<PGconn, void (*)(PGconn*)> c(PQconnectdb(url.c_str()), PQfinish);
    REQUIRE(PQstatus(c.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(c.get(), sql), PQclear);
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    std::map<std::string, int> got;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        got[PQgetvalue(r.get(), i, 0)] = std::atoi(PQgetvalue(r.get(), i, 1));
    return got;
}

std::map<std::string, int> stored_per_key(std::string const& url)
{
    return rows(url, "SELECT message_key, count(*) FROM events GROUP BY message_key");
}

long metric(int port, std::string const& name)
{
    auto const body = test::exchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    auto const at = body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::atol(body.c_str() + at + name.size() + 2);
}

} // namespace

TEST_CASE("receivers on PostgreSQL: three receivers take the same batches at once, redeliveries mixed in: each event stored once")
{
    auto const url = test::shared_postgres()->new_database();
    std::vector<std::unique_ptr<test::child>> receivers;
    std::vector<int> ports;
    for (int i = 0; i < 3; ++i) {
        auto [r, port] = start({"--store", url});
        REQUIRE(port > 0);
        receivers.push_back(std::move(r));
        ports.push_back(port);
    }
    // 30 batches of 40 events, each sent to the three receivers at once; every third batch
    // sent once more, later, to one of them (ENS's redelivery to whichever answers).
    constexpr int batches = 30, per_batch = 40;
    std::vector<std::string> bodies;
    for (int b = 0; b < batches; ++b)
        bodies.push_back(batch_of("shared-b" + std::to_string(b), per_batch));
    std::atomic<int> refused{0};
    std::vector<std::thread> senders;
    for (std::size_t r = 0; r < ports.size(); ++r)
        senders.emplace_back([&, r] {
            test::raw_connection c(ports[r]);
            for (int b = 0; b < batches; ++b) {
                if (!c.send(signed_post(bodies[static_cast<std::size_t>(b)])) || c.receive().status != 200)
                    ++refused;
                if (b % 3 == 2 && static_cast<std::size_t>(b / 3) % ports.size() == r &&
                    (!c.send(signed_post(bodies[static_cast<std::size_t>(b - 2)])) || c.receive().status != 200))
                    ++refused;
            }
        });
    for (auto& s : senders)
        s.join();
    CHECK(refused == 0);
    auto const stored = stored_per_key(url);
    CHECK(stored.size() == static_cast<std::size_t>(batches * per_batch));
    std::size_t twice = 0;
    for (auto const& [key, n] : stored)
        twice += n == 1 ? 0 : 1;
    CHECK(twice == 0);
    // Sent: 3 copies of each event, and 10 batches once more; stored once: the rest are duplicates.
    long duplicates = 0, events = 0;
    for (auto const port : ports) {
        duplicates += metric(port, "sfmc_ens_duplicates_total");
        events += metric(port, "sfmc_ens_events_total");
    }
    CHECK(events == batches * per_batch);
    CHECK(duplicates == 2 * batches * per_batch + (batches / 3) * per_batch);
    for (auto& r : receivers) {
        r->send(SIGTERM);
        CHECK(r->finish({}, std::chrono::seconds{20}).exit_code == 0);
    }
}

TEST_CASE("receivers on PostgreSQL, crash test: SIGKILL of the receiver at any moment loses no acknowledged event and stores none twice")
{
    auto const url = test::shared_postgres()->new_database();
    auto const acknowledged = acknowledged_under_kills({"--store", url});
    auto const stored = stored_per_key(url);
    check_exactly_once(acknowledged, stored);
    MESSAGE(stored.size() << " events stored");
}

TEST_CASE("receivers on PostgreSQL, crash test: the database stopped at once under load and started again, "
          "nothing acknowledged lost, none twice, the receiver serves again without a restart")
{
    auto& server = *test::shared_postgres();
    auto const url = server.new_database();
    auto const acknowledged =
        acknowledged_under_kills({"--store", url}, database_fault{[&] { server.stop("immediate"); }, [&] { server.start(); }});
    auto const stored = stored_per_key(url);
    check_exactly_once(acknowledged, stored);
    MESSAGE(stored.size() << " events stored");
}

TEST_CASE("receivers on PostgreSQL: the command reads the shared store while receivers write, and never prints the password")
{
    auto& server = *test::shared_postgres();
    auto const url = server.new_database();
    auto [writer, port] = start({"--store", url});
    REQUIRE(port > 0);
    REQUIRE(test::exchange(port, signed_post(batch_of("read", 5))).status == 200);
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread load([&, port = port] {
        test::raw_connection c(port);
        for (int b = 0; !stop && b < 2000; ++b)
            if (c.send(signed_post(batch_of("busy-" + std::to_string(b), 40))) && c.receive().status == 200)
                ++written;
    });
    for (int round = 0; round < 3; ++round) {
        test::child command({SFMC_SMS_STATUS_COMMAND, "--store", url, "--store-only", "--json", "read-0", "read-4", "nobody"},
                            test::clean_environment());
        auto const answered = command.finish({}, std::chrono::seconds{30});
        CHECK(answered.exit_code == 1); // "nobody" is not in the store
        CHECK(answered.out.find(R"({"messageKey":"read-0","source":"store","channel":"sms","status":"delivered")") == 0);
        CHECK(answered.out.find(R"("messageKey":"read-4","source":"store")") != std::string::npos);
        CHECK(answered.out.find(R"({"messageKey":"nobody","source":"store","error":{"kind":"not_found")") != std::string::npos);
        test::child listing({SFMC_SMS_STATUS_COMMAND, "--store", url, "--list", "--status", "delivered", "--limit", "3"},
                            test::clean_environment());
        auto const listed = listing.finish({}, std::chrono::seconds{30});
        CHECK(listed.exit_code == 0);
        CHECK(std::count(listed.out.begin(), listed.out.end(), '\n') == 3);
        for (auto const& text : {answered.out, answered.err, listed.out, listed.err})
            CHECK(text.find(server.password()) == std::string::npos);
    }
    // A wrong password: exit 2 with the reason, the URL shown without it.
    auto bad = url;
    bad.replace(bad.find("sfmc:") + 5, 2, "Xy");
    test::child refused({SFMC_SMS_STATUS_COMMAND, "--store", bad, "read-0"}, test::clean_environment());
    auto const no = refused.finish({}, std::chrono::seconds{30});
    CHECK(no.exit_code == 2);
    CHECK(no.err.find("password authentication failed") != std::string::npos);
    CHECK(no.err.find(server.password().substr(5)) == std::string::npos);
    stop = true;
    load.join();
    CHECK(written > 0);
    writer->send(SIGTERM);
    auto const stopped = writer->finish({}, std::chrono::seconds{20});
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find(server.password()) == std::string::npos);
}
