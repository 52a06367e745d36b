// sfmc-sms-status, end to end against the emulator: what its manual (docs/sfmc-sms-status.md) says.
#include <doctest/doctest.h>

#include "support/emulator.hpp"
#include "support/fixtures.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace {

using outcome = test::child::outcome;

// Runs the command with `args` and the environment `env` (no SFMC_* variable of ours leaks in).
outcome run(std::vector<std::string> args, std::string_view input = {}, std::vector<std::string> const& env = {})
{
    args.insert(args.begin(), SFMC_SMS_STATUS_COMMAND);
    test::child c(args, test::clean_environment(env));
    return c.finish(input, std::chrono::seconds{30});
}

std::vector<std::string> lines(std::string const& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto const end = text.find('\n', start);
        out.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
}

// The options that point the command at the emulator over HTTPS.
std::vector<std::string> at(test::emulator const& emu, std::vector<std::string> more = {})
{
    std::vector<std::string> args{"--rest-url", emu.https, "--cacert", emu.ca, "--token", emu.token};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

} // namespace

TEST_CASE("command: the seed's three messages, read by a person")
{
    test::emulator emu;
    auto const r = run(at(emu, {"bcX0qaEp0USGciEnUJTW0w", "fcdbb2f9-438b-4d52-a380-2eade2f46396", "9a-zUvWf3UKxLpwwIrqTmQ"}));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(lines(r.out) == std::vector<std::string>{
        "bcX0qaEp0USGciEnUJTW0w: sent, 2018-08-03T19:41:18.55Z (2018-08-03T13:41:18.55 UTC-6), contact Astro25",
        "fcdbb2f9-438b-4d52-a380-2eade2f46396: queued, 2018-08-16T16:44:41.2196Z (2018-08-16T10:44:41.2196 UTC-6)",
        "9a-zUvWf3UKxLpwwIrqTmQ: not_sent, 2018-07-24T12:26:58.463Z (2018-07-24T06:26:58.463 UTC-6), status code 16 "
        "(InvalidAttributeValue), contact ec25a8c8-6d4e-42f0-84c3-4ea23564cbe5",
    });
}

TEST_CASE("command: --json prints the manual's documented line, one object per key, nothing else")
{
    test::emulator emu;
    auto const r = run(at(emu, {"--json", "bcX0qaEp0USGciEnUJTW0w", "9a-zUvWf3UKxLpwwIrqTmQ"}));
    CHECK(r.exit_code == 0);
    auto const out = lines(r.out);
    REQUIRE(out.size() == 2);
    CHECK(out[0] == R"({"messageKey":"bcX0qaEp0USGciEnUJTW0w","status":"sent","eventCategoryType":"TransactionalSendEvents.SMSSent",)"
                    R"("requestId":"77431635-1b6b-44db-a16d-420361a43dc1","timestamp":"2018-08-03T13:41:18.55",)"
                    R"("timestampUtc":"2018-08-03T19:41:18.55Z","compositeId":"1F3631D4-5497-E811-80E4-1402EC6B9540.214435.228431.1.231481617",)"
                    R"("contactKey":"Astro25"})");
    CHECK(out[1].find(R"("statusCode":16,"statusName":"InvalidAttributeValue","statusMessage":"InvalidAttributeValue")") !=
          std::string::npos);
}

TEST_CASE("command: every failure kind, in order, the others still printed, exit 1")
{
    boost::json::object messages;
    messages["bad"] = boost::json::array{test::reply(400, R"({"message":"Invalid request","errorcode":10000})")};
    messages["forbidden"] = boost::json::array{test::reply(403, R"({"message":"Insufficient privileges","errorcode":20002})")};
    messages["limited"] = boost::json::array{
        test::reply(429, R"({"message":"Rate limit exceeded","errorcode":50100,"retryAfter":5})", {{"Retry-After", "5"}})};
    messages["blocked"] = boost::json::array{test::reply(429, R"({"message":"Your requests are temporarily blocked.","errorcode":50200})")};
    messages["broken"] = boost::json::array{test::reply(500, "<html>oops</html>", {{"Content-Type", "text/html"}})};
    messages["moved"] = boost::json::array{test::reply(302, "", {{"Location", "/elsewhere"}})};
    messages["truncated"] = boost::json::array{test::reply(200, test::fixture("not_sent_as_published.json"))};
    test::emulator emu({{"messages", messages}});
    auto const r = run(at(emu, {"--json", "--retries", "0", "bad", "forbidden", "limited", "blocked", "broken", "moved", "truncated", "nope",
                                "bcX0qaEp0USGciEnUJTW0w", ""}));
    CHECK(r.exit_code == 1);
    auto const out = lines(r.out);
    REQUIRE(out.size() == 10);
    CHECK(out[0] == R"({"messageKey":"bad","error":{"kind":"bad_request","httpStatus":400,"errorcode":10000,"message":"Invalid request"}})");
    CHECK(out[1] == R"({"messageKey":"forbidden","error":{"kind":"forbidden","httpStatus":403,"errorcode":20002,"message":"Insufficient privileges"}})");
    CHECK(out[2] == R"({"messageKey":"limited","error":{"kind":"rate_limited","httpStatus":429,"errorcode":50100,"message":"Rate limit exceeded","retryAfter":5}})");
    CHECK(out[3] == R"({"messageKey":"blocked","error":{"kind":"blocked","httpStatus":429,"errorcode":50200,"message":"Your requests are temporarily blocked."}})");
    CHECK(out[4].starts_with(R"({"messageKey":"broken","error":{"kind":"server_error","httpStatus":500,"message":)"));
    CHECK(out[5].starts_with(R"({"messageKey":"moved","error":{"kind":"http_error","httpStatus":302,)"));
    CHECK(out[6].starts_with(R"({"messageKey":"truncated","error":{"kind":"bad_response","httpStatus":200,"message":"the response body is truncated)"));
    CHECK(out[7] == R"({"messageKey":"nope","error":{"kind":"not_found","httpStatus":404,"errorcode":30003,"message":"Not Found"}})");
    CHECK(out[8].starts_with(R"({"messageKey":"bcX0qaEp0USGciEnUJTW0w","status":"sent",)"));
    CHECK(out[9] == R"({"messageKey":"","error":{"kind":"invalid_key","message":"the message key is empty"}})");
    CHECK(emu.requests().size() == 9); // nothing was sent for the invalid key, the 302 was not followed
}

TEST_CASE("command: invalid keys are refused and nothing is sent for them")
{
    test::emulator emu;
    auto const r = run(at(emu, {"--json", std::string(101, 'k'), "\xC3\x28", "\xF0\x9F\x98\x80"}));
    CHECK(r.exit_code == 1);
    auto const out = lines(r.out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].find(R"("kind":"invalid_key","message":"the message key is longer than 100 characters")") != std::string::npos);
    CHECK(out[1] == "{\"messageKey\":\"\xEF\xBF\xBD(\",\"error\":{\"kind\":\"invalid_key\",\"message\":\"the message key is not valid UTF-8\"}}");
    CHECK(out[2].find(R"("kind":"not_found")") != std::string::npos); // a valid key, sent
    CHECK(emu.requests().size() == 1);
}

TEST_CASE("command: keys from standard input, CRLF or LF, mixed with arguments, -- lets a key start with '-'")
{
    test::emulator emu;
    auto const r = run(at(emu, {"--json", "fcdbb2f9-438b-4d52-a380-2eade2f46396", "-", "--", "-dash"}),
                       "bcX0qaEp0USGciEnUJTW0w\r\n9a-zUvWf3UKxLpwwIrqTmQ\n");
    auto const out = lines(r.out);
    REQUIRE(out.size() == 4);
    CHECK(out[0].find(R"("messageKey":"fcdbb2f9-438b-4d52-a380-2eade2f46396","status":"queued")") != std::string::npos);
    CHECK(out[1].find(R"("messageKey":"bcX0qaEp0USGciEnUJTW0w","status":"sent")") != std::string::npos);
    CHECK(out[2].find(R"("messageKey":"9a-zUvWf3UKxLpwwIrqTmQ","status":"not_sent")") != std::string::npos);
    CHECK(out[3].find(R"("messageKey":"-dash","error":{"kind":"not_found")") != std::string::npos);
    CHECK(emu.requests()[3].target == "/messaging/v1/sms/messages/-dash");
}

TEST_CASE("command: hostile keys are sent as one segment, and printed so they cannot forge a line")
{
    test::emulator emu;
    auto const r = run(at(emu, {"a/b?c#d", "line\r\nbcX0qaEp0USGciEnUJTW0w: sent", ".."}));
    auto const out = lines(r.out);
    REQUIRE(out.size() == 3);
    CHECK(out[0] == "a/b?c#d: error not_found, HTTP 404, errorcode 30003: Not Found");
    CHECK(out[1] == "line\\x0d\\x0abcX0qaEp0USGciEnUJTW0w: sent: error not_found, HTTP 404, errorcode 30003: Not Found");
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].target == "/messaging/v1/sms/messages/a%2Fb%3Fc%23d");
    CHECK(seen[1].target == "/messaging/v1/sms/messages/line%0D%0AbcX0qaEp0USGciEnUJTW0w%3A%20sent");
    CHECK(seen[2].target == "/messaging/v1/sms/messages/%2E%2E");
}

TEST_CASE("command: the environment gives what the options do not")
{
    test::emulator emu;
    auto const r = run({"--json", "bcX0qaEp0USGciEnUJTW0w"}, {},
                       {"SFMC_REST_URL=" + emu.https, "SFMC_CACERT=" + emu.ca, "SFMC_ACCESS_TOKEN=" + emu.token});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(R"("status":"sent")") != std::string::npos);
    // --rest-url wins over the subdomain, and options over the environment.
    auto const both = run(at(emu, {"--subdomain", "mcnowhere", "bcX0qaEp0USGciEnUJTW0w"}), {}, {"SFMC_ACCESS_TOKEN=wrong"});
    CHECK(both.exit_code == 0);
}

TEST_CASE("command: credentials on the command line win as a set over any in the environment")
{
    test::emulator emu;
    // Client credentials in the environment, a token on the command line: the token alone.
    auto const r = run(at(emu, {"bcX0qaEp0USGciEnUJTW0w"}), {},
                       {"SFMC_CLIENT_ID=" + emu.client_id, "SFMC_CLIENT_SECRET=" + emu.client_secret});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].target == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    // Only a client id in the environment, a token given: no "go together" usage error.
    auto const half = run(at(emu, {"bcX0qaEp0USGciEnUJTW0w"}), {}, {"SFMC_CLIENT_ID=someone"});
    CHECK(half.exit_code == 0);
}

TEST_CASE("command: transport failures: TLS without the CA, a refused port, a hang past --timeout")
{
    test::emulator emu(test::script_for("slow", {test::reply(200, "{}", {}, 20.0)}));
    auto const untrusted = run({"--json", "--retries", "0", "--rest-url", emu.https, "--token", emu.token, "bcX0qaEp0USGciEnUJTW0w"});
    CHECK(untrusted.exit_code == 1);
    CHECK(untrusted.out.find(R"("kind":"transport")") != std::string::npos);

    auto const refused = run({"--json", "--retries", "0", "--rest-url",
                              "http://127.0.0.1:" + std::to_string(test::emulator::closed_port()), "--token", "t", "k"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find(R"("kind":"transport")") != std::string::npos);

    auto const start = std::chrono::steady_clock::now();
    auto const slow = run(at(emu, {"--json", "--retries", "0", "--timeout", "0.3", "slow"}));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{10});
    CHECK(slow.exit_code == 1);
    CHECK(slow.out.find(R"("kind":"transport")") != std::string::npos);
    CHECK(slow.out.find("Timeout") != std::string::npos);
}

TEST_CASE("command: usage errors exit 2 and send nothing")
{
    test::emulator emu;
    std::vector<std::vector<std::string>> const cases = {
        {"--rest-url", emu.https, "--token", emu.token},                                  // no key
        {"--rest-url", emu.https, "k"},                                                   // no credentials
        {"--token", emu.token, "k"},                                                      // nowhere to send
        {"--rest-url", emu.https, "--token", emu.token, "--bogus", "k"},                  // unknown option
        {"--rest-url", emu.https, "--token"},                                             // option without value
        {"--rest-url", "http://example.com", "--token", emu.token, "k"},                  // clear text off loopback
        {"--rest-url", "https://user:pw@example.com", "--token", emu.token, "k"},         // userinfo
        {"--subdomain", "mc.evil.com", "--token", emu.token, "k"},                        // not one label
        {"--rest-url", emu.https, "--token", "has space", "k"},                           // unusable token
        {"--rest-url", emu.https, "--token", emu.token, "--timeout", "0", "k"},           // bad timeout
        {"--rest-url", emu.https, "--token", emu.token, "--timeout", "abc", "k"},         // bad timeout
        {"--rest-url", emu.https, "--client-id", "id", "k"},                              // no secret
        {"--rest-url", emu.https, "--client-id", "id", "--client-secret", "s", "k"},      // no auth endpoint
        {"--auth-url", "http://10.1.1.1", "--client-id", "id", "--client-secret", "s", "k"}, // clear text
        {"--rest-url", emu.https, "--token", emu.token, "--retries", "-1", "k"},          // bad retries
        {"--rest-url", emu.https, "--token", emu.token, "--retries", "1.5", "k"},         // bad retries
        {"--rest-url", emu.https, "--token", emu.token, "--max-wait", "x", "k"},          // bad max-wait
    };
    for (auto const& args : cases) {
        auto const r = run(args);
        CAPTURE(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.starts_with("sfmc-sms-status: "));
    }
    CHECK(emu.requests().empty());
}

TEST_CASE("command: secrets never appear in any output")
{
    std::string const secret = "s3cr3t-T0KEN-value";
    test::emulator emu;
    std::vector<std::vector<std::string>> const cases = {
        {"--rest-url", emu.https, "--cacert", emu.ca, "--token", secret, "bcX0qaEp0USGciEnUJTW0w"}, // 401
        {"--json", "--rest-url", emu.https, "--cacert", emu.ca, "--token", secret, "k"},
        {"--rest-url", emu.https, "--tokn=" + secret, "k"},
        {"--rest-url", "http://example.com", "--token", secret, "k"},
        {"--rest-url", emu.https, "--token", secret},
        {"--rest-url", emu.https, "--token", secret, "--client-secret", secret, "k"},
    };
    for (auto const& args : cases) {
        auto const r = run(args);
        CHECK(r.exit_code != 0);
        CHECK(r.out.find(secret) == std::string::npos);
        CHECK(r.err.find(secret) == std::string::npos);
    }
    auto const unauthorized = run(cases[1]);
    CHECK(unauthorized.out.find(R"("kind":"unauthorized","httpStatus":401)") != std::string::npos);
}

TEST_CASE("command: --help and --version")
{
    auto const help = run({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.starts_with("usage: sfmc-sms-status [OPTIONS] MESSAGE_KEY..."));
    auto const version = run({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "sfmc-sms-status " SFMC_SMS_VERSION_STRING "\n");
}

namespace {

// The options that fetch a token from the emulator with its client credentials.
std::vector<std::string> with_credentials(test::emulator const& emu, std::vector<std::string> more = {})
{
    std::vector<std::string> args{"--auth-url", emu.https, "--cacert", emu.ca, "--client-id", emu.client_id,
                                  "--client-secret", emu.client_secret};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

std::size_t count(std::vector<test::recorded_request> const& seen, std::string_view method)
{
    return static_cast<std::size_t>(std::count_if(seen.begin(), seen.end(), [&](auto const& r) { return r.method == method; }));
}

} // namespace

TEST_CASE("command: client credentials: one token request for every key, the REST base from the token")
{
    test::emulator emu;
    auto const r = run(with_credentials(emu, {"--json", "--account-id", "12345", "bcX0qaEp0USGciEnUJTW0w",
                                              "fcdbb2f9-438b-4d52-a380-2eade2f46396", "9a-zUvWf3UKxLpwwIrqTmQ"}));
    CHECK(r.exit_code == 0);
    CHECK(lines(r.out).size() == 3);
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].method == "POST");
    CHECK(seen[0].target == "/v2/token");
    CHECK(seen[0].body == R"({"grant_type":"client_credentials","client_id":")" + emu.client_id + R"(","client_secret":")" +
                              emu.client_secret + R"(","account_id":"12345"})");
    CHECK(count(seen, "GET") == 3);
    CHECK(seen[1].header("Authorization").starts_with("Bearer emulated-token-1-"));
    for (auto const* output : {&r.out, &r.err}) {
        CHECK(output->find(emu.client_secret) == std::string::npos);
        CHECK(output->find("emulated-token") == std::string::npos);
    }
}

TEST_CASE("command: the environment gives client credentials too")
{
    test::emulator emu;
    auto const r = run({"--json", "bcX0qaEp0USGciEnUJTW0w"}, {},
                       {"SFMC_AUTH_URL=" + emu.https, "SFMC_CACERT=" + emu.ca, "SFMC_CLIENT_ID=" + emu.client_id,
                        "SFMC_CLIENT_SECRET=" + emu.client_secret, "SFMC_ACCOUNT_ID=777"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(R"("status":"sent")") != std::string::npos);
    CHECK(emu.requests()[0].body.find(R"("account_id":"777")") != std::string::npos);
}

TEST_CASE("command: a 401 refreshes the token once, and the lookup is sent once more")
{
    test::emulator emu(test::script_for("expired", {test::reply(401, R"({"message":"Not Authorized","errorcode":0})"),
                                                    test::reply(200, test::fixture("queued.json"))}));
    auto const r = run(with_credentials(emu, {"--json", "expired"}));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(R"("status":"queued")") != std::string::npos);
    auto const seen = emu.requests();
    REQUIRE(seen.size() == 4);
    CHECK(count(seen, "POST") == 2);
    CHECK(seen[1].header("Authorization") != seen[3].header("Authorization")); // a new token
}

TEST_CASE("command: a refused token request is auth_failed with the server's error_description, asked once")
{
    test::emulator emu;
    auto args = with_credentials(emu, {"--json", "a", "b", "c"});
    args[7] = "wrong-secret";
    auto const r = run(args);
    CHECK(r.exit_code == 1);
    auto const out = lines(r.out);
    REQUIRE(out.size() == 3);
    for (auto const& line : out)
        CHECK(line.find(R"("error":{"kind":"auth_failed","httpStatus":401,"message":"Invalid client ID. Use the client ID in Marketing Cloud Installed Packages."})") !=
              std::string::npos);
    CHECK(emu.requests().size() == 1); // one token request, no lookup sent
    CHECK(r.out.find("wrong-secret") == std::string::npos);
    CHECK(r.err.find("wrong-secret") == std::string::npos);
}

TEST_CASE("command: 429 then 200 is retried as Retry-After says, 50200 is not, --retries 0 does not")
{
    boost::json::object messages;
    messages["busy"] = boost::json::array{test::reply(429, R"({"message":"Rate limit exceeded","errorcode":50100})", {{"Retry-After", "0"}}),
                                          test::reply(200, test::fixture("queued.json"))};
    messages["blocked"] = boost::json::array{test::reply(429, R"({"message":"Your requests are temporarily blocked.","errorcode":50200})"),
                                             test::reply(200, test::fixture("queued.json"))};
    messages["unavailable"] = boost::json::array{test::reply(503, R"({"message":"Service Unavailable","errorcode":50300})", {{"Retry-After", "0"}}),
                                                 test::reply(200, test::fixture("queued.json"))};
    test::emulator emu({{"messages", messages}});
    auto const r = run(at(emu, {"--json", "busy", "blocked", "unavailable"}));
    auto const out = lines(r.out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].find(R"("status":"queued")") != std::string::npos);
    CHECK(out[1].find(R"("kind":"blocked","httpStatus":429,"errorcode":50200)") != std::string::npos);
    CHECK(out[2].find(R"("status":"queued")") != std::string::npos);
    CHECK(emu.requests().size() == 5);

    test::emulator again({{"messages", messages}});
    auto const once = run(at(again, {"--json", "--retries", "0", "busy"}));
    CHECK(once.out.find(R"("kind":"rate_limited")") != std::string::npos);
    CHECK(again.requests().size() == 1);
}

TEST_CASE("command: a wait past --max-wait gives up at once, with the delay asked for")
{
    test::emulator emu(test::script_for("slow-down", {test::reply(429, R"({"message":"Rate limit exceeded","errorcode":50100})",
                                                                  {{"Retry-After", "30"}})}));
    auto const start = std::chrono::steady_clock::now();
    auto const r = run(at(emu, {"--json", "--max-wait", "5", "slow-down"}));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{10});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(R"("kind":"rate_limited","httpStatus":429,"errorcode":50100,"message":"Rate limit exceeded","retryAfter":30)") !=
          std::string::npos);
    CHECK(emu.requests().size() == 1);
}

TEST_CASE("command: a transport failure is retried")
{
    // The first answer comes after the timeout; the retry (after a 2 to 3 s backoff) is answered.
    test::emulator emu(test::script_for("flaky", {test::reply(200, "{}", {}, 20.0), test::reply(200, test::fixture("queued.json"))}));
    auto const r = run(at(emu, {"--json", "--timeout", "0.5", "--retries", "1", "flaky"}));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(R"("status":"queued")") != std::string::npos);
    CHECK(emu.requests().size() == 2);
}
