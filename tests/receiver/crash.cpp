// sfmc-ens-receiver under SIGKILL: several rounds of a loader sending signed batches over
// many connections while the receiver is killed at a moment the loader does not choose;
// after each restart on the same journal (or status store), every acknowledged event is
// there exactly once, and the journal holds only whole lines.
#include <doctest/doctest.h>

#include "crash_load.hpp"

#include <sqlite3.h>

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <unistd.h>

using namespace test::crash;


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
