// sfmc-sms-status beyond one key, end to end against the emulator: the NotSent sweep with its
// cursor, the queue metrics and the email channel, as the manual (docs/sfmc-sms-status.md) says.
#include <doctest/doctest.h>

#include "support/emulator.hpp"
#include "support/stalled_server.hpp"

#include <boost/json/parse.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using outcome = test::child::outcome;

outcome run(std::vector<std::string> args)
{
    args.insert(args.begin(), SFMC_SMS_STATUS_COMMAND);
    test::child c(args, test::clean_environment());
    return c.finish({}, std::chrono::seconds{30});
}

std::vector<std::string> lines(std::string const& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::vector<std::string> at(test::emulator const& emu, std::vector<std::string> more)
{
    std::vector<std::string> args{"--rest-url", emu.http, "--token", emu.token, "--json"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The eventId of each NotSent line (JSON), in order; a line that is not an entry stops it.
std::vector<std::int64_t> event_ids(std::vector<std::string> const& json_lines)
{
    std::vector<std::int64_t> ids;
    for (auto const& line : json_lines) {
        boost::system::error_code ec;
        auto const v = boost::json::parse(line, ec);
        auto const* o = v.if_object();
        auto const* id = o ? o->if_contains("eventId") : nullptr;
        if (ec || !id || !id->is_int64())
            break;
        ids.push_back(id->as_int64());
    }
    return ids;
}

bool strictly_rising(std::vector<std::int64_t> const& ids)
{
    for (std::size_t i = 1; i < ids.size(); ++i)
        if (ids[i] <= ids[i - 1])
            return false;
    return true;
}

// The NotSent requests the emulator received, their targets in order.
std::vector<std::string> not_sent_targets(test::emulator const& emu)
{
    std::vector<std::string> out;
    for (auto const& r : emu.requests())
        if (r.target.find("type=notSent") != std::string::npos)
            out.push_back(r.target);
    return out;
}

std::string read_file(std::string const& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct temporary_path {
    std::string path = "/tmp/sfmc-cursor-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++);
    ~temporary_path()
    {
        std::remove(path.c_str());
        std::remove((path + ".lock").c_str());
    }
    static int& counter()
    {
        static int n = 0;
        return n;
    }
};

} // namespace

TEST_CASE("command --not-sent: the documented entry, printed as the manual's line, caught up, exit 0")
{
    test::emulator emu;
    auto const r = run(at(emu, {"--not-sent"}));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(lines(r.out) == std::vector<std::string>{
        R"({"eventId":35760,"messageKey":"2iQNfGHj2UqTalK9x2gPow","status":"not_sent","eventCategoryType":"TransactionalSendEvents.SMSNotSent",)"
        R"("timestamp":"2018-12-17T13:05:40.947","timestampUtc":"2018-12-17T19:05:40.947Z","definitionKey":"account-reset",)"
        R"("contactKey":"example1","statusCode":24,"statusName":"ListDetectiveExclusion","statusMessage":"Error Message"})"});
    CHECK(not_sent_targets(emu) == std::vector<std::string>{"/messaging/v1/sms/messages/?type=notSent&$pageSize=100"});

    auto const human = run({"--rest-url", emu.http, "--token", emu.token, "--not-sent"});
    CHECK(lines(human.out) == std::vector<std::string>{
        "35760 2iQNfGHj2UqTalK9x2gPow: not_sent, 2018-12-17T19:05:40.947Z (2018-12-17T13:05:40.947 UTC-6), status code 24 "
        "(ListDetectiveExclusion), definition account-reset, contact example1"});
}

TEST_CASE("command --not-sent: a log that grows while the sweep runs is read to its end, each entry once")
{
    // 8 entries at first; each page served adds one.
    test::emulator emu({}, {"--not-sent", "7", "--not-sent-growth", "1"});
    auto const r = run(at(emu, {"--not-sent", "--page-size", "3"}));
    CHECK(r.exit_code == 0);
    auto const ids = event_ids(lines(r.out));
    CHECK(ids.size() == 11); // pages of 3, 3, 3, then 2 of the 3 added meanwhile: a short page
    CHECK(strictly_rising(ids));
    auto const targets = not_sent_targets(emu);
    REQUIRE(targets.size() == 4);
    CHECK(targets[0] == "/messaging/v1/sms/messages/?type=notSent&$pageSize=3");
    // Each request starts after the last entry printed, never after the page's lastEventID.
    CHECK(targets[1] == "/messaging/v1/sms/messages/?type=notSent&$pageSize=3&lastEventId=" + std::to_string(ids[2]));
    CHECK(targets[3] == "/messaging/v1/sms/messages/?type=notSent&$pageSize=3&lastEventId=" + std::to_string(ids[8]));
}

TEST_CASE("command --not-sent --cursor-file: two runs print each entry exactly once, the file holds the last one printed")
{
    test::emulator emu({}, {"--not-sent", "4", "--not-sent-growth", "1"});
    temporary_path cursor;
    auto const first = run(at(emu, {"--not-sent", "--page-size", "2", "--cursor-file", cursor.path}));
    CHECK(first.exit_code == 0);
    auto const first_ids = event_ids(lines(first.out));
    REQUIRE_FALSE(first_ids.empty());
    CHECK(read_file(cursor.path) == std::to_string(first_ids.back()) + "\n");
    // --after is older than the cursor: the cursor wins.
    auto const second = run(at(emu, {"--not-sent", "--page-size", "2", "--cursor-file", cursor.path, "--after", "1"}));
    CHECK(second.exit_code == 0);
    auto const second_ids = event_ids(lines(second.out));
    REQUIRE_FALSE(second_ids.empty()); // the first run's last page added one
    auto all = first_ids;
    all.insert(all.end(), second_ids.begin(), second_ids.end());
    CHECK(strictly_rising(all));
    CHECK(all.size() == 10); // 5 at first, and one more after each of the 5 pages served before the last
    CHECK(read_file(cursor.path) == std::to_string(all.back()) + "\n");
    // Nothing new: nothing printed, the cursor stays.
    auto const third = run(at(emu, {"--not-sent", "--cursor-file", cursor.path}));
    CHECK(third.exit_code == 0);
    CHECK(event_ids(lines(third.out)).size() == 1); // the page the second run's last request added
}

TEST_CASE("command --not-sent: a 429 in the middle is waited out, 50200 stops the run, its error the last line")
{
    boost::json::object pass{{"pass", true}};
    boost::json::object script{{"not_sent", boost::json::array{pass, test::reply(429, R"({"message":"Rate limit exceeded","errorcode":50100})",
                                                                                 {{"Retry-After", "0"}}),
                                                               pass}}};
    test::emulator emu(script, {"--not-sent", "3"});
    auto const r = run(at(emu, {"--not-sent", "--page-size", "2"}));
    CHECK(r.exit_code == 0);
    CHECK(event_ids(lines(r.out)).size() == 4);
    auto const targets = not_sent_targets(emu);
    REQUIRE(targets.size() == 4); // the page refused with 429 is asked for again, then one more
    CHECK(targets[1] == targets[2]);

    boost::json::object blocked{{"not_sent", boost::json::array{pass, test::reply(429, R"({"message":"Too many concurrent requests","errorcode":50200})",
                                                                                   {{"Retry-After", "0"}})}}};
    test::emulator stopped(blocked, {"--not-sent", "3"});
    temporary_path cursor;
    auto const s = run(at(stopped, {"--not-sent", "--page-size", "2", "--cursor-file", cursor.path}));
    CHECK(s.exit_code == 1);
    auto const out = lines(s.out);
    auto const ids = event_ids(out);
    REQUIRE(ids.size() == 2);
    REQUIRE(out.size() == 3);
    CHECK(out[2] == R"({"afterEventId":)" + std::to_string(ids[1]) +
                        R"(,"error":{"kind":"blocked","httpStatus":429,"errorcode":50200,"message":"Too many concurrent requests","retryAfter":0}})");
    CHECK(not_sent_targets(stopped).size() == 2); // 50200 is never retried
    CHECK(read_file(cursor.path) == std::to_string(ids[1]) + "\n");
    // For people: the same failure, after the event id the request started after.
    auto const human = run({"--rest-url", stopped.http, "--token", stopped.token, "--not-sent", "--after", "35762"});
    CHECK(human.exit_code == 1);
    CHECK(human.out == "after event id 35762: error blocked, HTTP 429, errorcode 50200: Too many concurrent requests (retry after 0 s)\n");

    // A failure before any entry: the request started at the API's starting point.
    boost::json::object down{{"not_sent", boost::json::array{test::reply(503, R"({"message":"Service Unavailable"})", {{"Retry-After", "0"}})}}};
    test::emulator unavailable(down);
    auto const u = run(at(unavailable, {"--not-sent", "--retries", "1"}));
    CHECK(u.exit_code == 1);
    CHECK(lines(u.out) == std::vector<std::string>{
        R"({"afterEventId":null,"error":{"kind":"server_error","httpStatus":503,"message":"Service Unavailable","retryAfter":0}})"});
}

TEST_CASE("command --not-sent: standard output that cannot be written stops the run, exit 1, the cursor file unchanged")
{
    test::emulator emu({}, {"--not-sent", "3"});
    temporary_path cursor;
    std::ofstream(cursor.path) << "35760\n";
    std::vector<std::string> args{"/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full", SFMC_SMS_STATUS_COMMAND};
    for (auto const& a : at(emu, {"--not-sent", "--cursor-file", cursor.path}))
        args.push_back(a);
    test::child c(args, test::clean_environment());
    auto const r = c.finish({}, std::chrono::seconds{30});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("standard output cannot be written") != std::string::npos);
    CHECK(read_file(cursor.path) == "35760\n");
}

TEST_CASE("command --queue: the metrics as the manual shows them, an unknown or invalid definition fails")
{
    test::emulator emu;
    auto const r = run(at(emu, {"--queue", "order-updates"}));
    CHECK(r.exit_code == 0);
    CHECK(lines(r.out) == std::vector<std::string>{R"({"definitionKey":"order-updates","count":22,"ageSeconds":45})"});
    auto const human = run({"--rest-url", emu.http, "--token", emu.token, "--queue", "order-updates"});
    CHECK(human.out == "order-updates: 22 waiting, the oldest for 45 s\n");
    auto const missing = run(at(emu, {"--queue", "no such/definition"}));
    CHECK(missing.exit_code == 1);
    CHECK(lines(missing.out) == std::vector<std::string>{
        R"({"definitionKey":"no such/definition","error":{"kind":"not_found","httpStatus":404,"errorcode":30003,"message":"Definition not found"}})"});
    auto const missing_human = run({"--rest-url", emu.http, "--token", emu.token, "--queue", "no such/definition"});
    CHECK(missing_human.exit_code == 1);
    CHECK(missing_human.out == "no such/definition: error not_found, HTTP 404, errorcode 30003: Definition not found\n");
    auto const before = emu.requests().size();
    auto const invalid = run(at(emu, {"--queue", std::string(101, 'd')}));
    CHECK(invalid.exit_code == 1);
    CHECK(lines(invalid.out)[0].find(R"("error":{"kind":"invalid_key")") != std::string::npos);
    CHECK(emu.requests().size() == before);
    auto const requests = emu.requests();
    REQUIRE(requests.size() == 4);
    CHECK(requests[2].target == "/messaging/v1/sms/definitions/no%20such%2Fdefinition/queue");
}

TEST_CASE("command --channel email: the lookup, the sweep and the queue go to the email routes")
{
    test::emulator emu;
    auto const lookup = run(at(emu, {"--channel", "email", "mail-sent-1"}));
    CHECK(lookup.exit_code == 0);
    CHECK(lookup.out.find(R"("status":"sent","eventCategoryType":"TransactionalSendEvents.EmailSent")") != std::string::npos);
    CHECK(lookup.out.find(R"("to":"astro@example.com")") != std::string::npos);
    auto const sweep = run(at(emu, {"--channel", "email", "--not-sent"}));
    CHECK(sweep.exit_code == 0);
    // Email and SMS share the NotSent code table: 5 has its name on email too.
    CHECK(lines(sweep.out) == std::vector<std::string>{
        R"({"eventId":35761,"messageKey":"mail-2iQNfGHj2UqT","status":"not_sent","eventCategoryType":"TransactionalSendEvents.EmailNotSent",)"
        R"("timestamp":"2018-12-17T13:05:41.1","timestampUtc":"2018-12-17T19:05:41.1Z","definitionKey":"welcome-mail",)"
        R"("contactKey":"example1","to":"ann@example.com","statusCode":5,"statusName":"InvalidEmailAddress","statusMessage":"Invalid email address"})"});
    auto const queue = run(at(emu, {"--channel", "email", "--queue", "welcome-mail"}));
    CHECK(queue.out == "{\"definitionKey\":\"welcome-mail\",\"count\":3,\"ageSeconds\":120}\n");
    auto const requests = emu.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].target == "/messaging/v1/email/messages/mail-sent-1");
    CHECK(requests[1].target == "/messaging/v1/email/messages/?type=notSent&$pageSize=100");
    CHECK(requests[2].target == "/messaging/v1/email/definitions/welcome-mail/queue");
    auto const human = run({"--rest-url", emu.http, "--token", emu.token, "--channel", "email", "--not-sent"});
    CHECK(human.out.find("status code 5 (InvalidEmailAddress)") != std::string::npos);
}

TEST_CASE("command beyond one key: usage errors exit 2 and send nothing")
{
    test::emulator emu;
    temporary_path garbage;
    std::ofstream(garbage.path) << "35760 and more\n";
    for (auto const& args : std::vector<std::vector<std::string>>{
             {"--not-sent", "k1"},
             {"--queue", "d", "k1"},
             {"--not-sent", "--queue", "d"},
             {"--after", "5", "k1"},
             {"--page-size", "5", "k1"},
             {"--cursor-file", garbage.path, "k1"},
             {"--not-sent", "--after", "12x"},
             {"--not-sent", "--after", "-1"},
             {"--not-sent", "--page-size", "0"},
             {"--not-sent", "--page-size", "1001"},
             {"--not-sent", "--cursor-file", garbage.path},
             {"--channel", "fax", "k1"},
         }) {
        auto const r = run(at(emu, args));
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
    }
    CHECK(emu.requests().empty());
}

TEST_CASE("command --not-sent --cursor-file: a second run on the same file while one runs exits 1, the file unchanged")
{
    // A server that takes the first run's connection and never answers: that run is in
    // progress, holding the cursor file, until its --timeout.
    test::stalled_server stalled;
    auto const& url = stalled.url;
    temporary_path cursor;
    std::ofstream(cursor.path) << "35760\n";
    std::vector<std::string> const args{SFMC_SMS_STATUS_COMMAND, "--rest-url", url, "--token", "t", "--not-sent",
                                        "--retries", "0", "--timeout", "5", "--cursor-file", cursor.path};
    test::child first(args, test::clean_environment());
    REQUIRE(stalled.take_one(std::chrono::seconds{10})); // the first run has read the cursor and is asking
    auto const second = run({"--rest-url", url, "--token", "t", "--not-sent", "--cursor-file", cursor.path});
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("another run is using it") != std::string::npos);
    CHECK(second.out.empty());
    CHECK(read_file(cursor.path) == "35760\n");
    CHECK(first.finish({}, std::chrono::seconds{30}).exit_code == 1);
    CHECK(read_file(cursor.path) == "35760\n");
    // Once it has ended, the file is free.
    test::emulator emu;
    auto const third = run(at(emu, {"--not-sent", "--cursor-file", cursor.path}));
    CHECK(third.exit_code == 0);
}

TEST_CASE("command --not-sent: a closed pipe is exit 1 with the cursor file unchanged, not a death by SIGPIPE")
{
    test::emulator emu({}, {"--not-sent", "3"});
    temporary_path cursor;
    std::ofstream(cursor.path) << "35760\n";
    // The pipe's reading end is closed before the command starts: its first write fails.
    std::vector<std::string> args{"python3", "-c",
                                  "import os, subprocess, sys\n"
                                  "r, w = os.pipe()\n"
                                  "os.close(r)\n"
                                  "print(subprocess.run(sys.argv[1:], stdout=w).returncode)",
                                  SFMC_SMS_STATUS_COMMAND};
    for (auto const& a : at(emu, {"--not-sent", "--cursor-file", cursor.path}))
        args.push_back(a);
    test::child c(args, test::clean_environment());
    auto const r = c.finish({}, std::chrono::seconds{30});
    CHECK(r.out == "1\n"); // -13 when killed by SIGPIPE
    CHECK(r.err.find("standard output cannot be written") != std::string::npos);
    CHECK(read_file(cursor.path) == "35760\n");
}
