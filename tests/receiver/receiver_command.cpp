// sfmc-ens-receiver, end to end: what its manual (docs/sfmc-ens-receiver.md) says it does.
#include <doctest/doctest.h>

#include "support/emulator.hpp"
#include "support/emulator_control.hpp"
#include "support/raw_http.hpp"
#include "support/stalled_server.hpp"

#include <sfmc/sms/adapters/beast_transport.hpp>
#include <sfmc/sms/client.hpp>
#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>
#include <sfmc/sms/ens/sqlite_store.hpp>
#ifdef SFMC_TEST_POSTGRES_BIN
#include <sfmc/sms/ens/postgresql_store.hpp>

#include "support/postgres_server.hpp"
#endif

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using outcome = test::child::outcome;
constexpr char const* key_text = "V27FXfqI3DnhfQW1bhFDeJixpt8eDAY5R24UJI3cK6M=";

// A folder of its own for a test's journal, removed with it.
struct scratch {
    std::string dir;
    scratch()
    {
        char t[] = "/tmp/sfmc-ens-receiver-test-XXXXXX";
        if (!mkdtemp(t))
            std::abort();
        dir = t;
    }
    ~scratch() { std::system(("rm -rf " + dir).c_str()); }
    std::string file(std::string const& name) const { return dir + "/" + name; }
};

std::vector<std::string> lines_of(std::string const& path)
{
    std::vector<std::string> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::string read_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The receiver, started for one test; its ready line gives the port.
class receiver {
public:
    // `wrapped`: `args` start with a program that execs the receiver (a shell setting limits).
    explicit receiver(std::vector<std::string> args, std::vector<std::string> env = {}, bool wrapped = false)
    {
        if (!wrapped)
            args.insert(args.begin(), SFMC_ENS_RECEIVER_COMMAND);
        process_.emplace(args, test::clean_environment(env));
        ready = process_->read_error_line(std::chrono::seconds{10});
        // "... journal FILE: N events remembered ..." comes first with --out
        if (ready.find("listening on") == std::string::npos) {
            startup = ready;
            ready = process_->read_error_line(std::chrono::seconds{10});
        }
        auto const colon = ready.rfind(':');
        if (ready.find("listening on") != std::string::npos && colon != std::string::npos)
            port = std::atoi(ready.c_str() + colon + 1);
    }

    // The next line on standard error that holds `text` (empty after `limit`).
    std::string wait_for(std::string_view text, std::chrono::milliseconds limit = std::chrono::seconds{20})
    {
        auto const deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            auto line = process_->read_error_line(
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
            if (line.empty())
                return {};
            seen += line;
            if (line.find(text) != std::string::npos)
                return line;
        }
        return {};
    }

    void send(int signal) { process_->send(signal); }

    // SIGTERM, then what it wrote and how it exited.
    outcome stop(int signal = SIGTERM)
    {
        process_->send(signal);
        auto o = process_->finish({}, std::chrono::seconds{20});
        o.err = seen + o.err;
        return o;
    }

    std::string ready, startup, seen;
    int port = 0;

private:
    std::optional<test::child> process_;
};

outcome run(std::vector<std::string> args, std::vector<std::string> env = {})
{
    args.insert(args.begin(), SFMC_ENS_RECEIVER_COMMAND);
    test::child c(args, test::clean_environment(env));
    return c.finish({}, std::chrono::seconds{20});
}

sfmc::sms::ens::signature_key the_key() { return *sfmc::sms::ens::signature_key::make(key_text); }

std::string signed_post(std::string_view body, std::string_view path = "/")
{
    return test::post(path, body,
                      "Content-Type: application/json\r\nx-sfmc-ens-signature: " + sfmc::sms::ens::sign(body, the_key()) + "\r\n");
}

std::string const two_events =
    R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1600698608530,)"
    R"("info":{"messageKey":"9a-zUvWf3UKxLpwwIrqTmQ","to":"15555551234","subscriberKey":"Astro25","statusCode":"4000","statusMessage":"Delivered"}},)"
    R"({"eventCategoryType":"TransactionalSendEvents.SmsNotSent","Info":{"messageKey":"k2","statusCode":47,"reason":"Opted out"}}])";

} // namespace

TEST_CASE("receiver: usage errors exit 2 and never repeat a key")
{
    CHECK(run({}).exit_code == 2); // no key: it would accept unsigned batches
    CHECK(run({}).err.find("no signature key") != std::string::npos);
    for (auto const& args : std::vector<std::vector<std::string>>{
             {"--signature-key", key_text, "--listen", "localhost"},
             {"--signature-key", key_text, "--listen", "127.0.0.1:70000"},
             {"--signature-key", key_text, "--listen", "::1:80"},
             {"--signature-key", key_text, "--key-bytes", "hex"},
             {"--signature-key", key_text, "--max-body", "0"},
             {"--signature-key", key_text, "--path", "no-slash"},
             {"--signature-key", key_text, "--tls-cert", "cert.pem"},
             {"--signature-key", key_text, "--bogus"},
             {"--signature-key", key_text, "--auto-verify"}, // no credentials for the handshake
             {"--signature-key", "secret with spaces"},
             {"--signature-key-file", "/nonexistent/keys"},
         }) {
        auto const r = run(args);
        CAPTURE(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("secret with spaces") == std::string::npos);
        CHECK(r.err.find(key_text) == std::string::npos);
    }
    auto const help = run({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--signature-key") != std::string::npos);
}

TEST_CASE("receiver: could not start exits 1: address in use, journal not writable, TLS files unreadable")
{
    receiver first({"--signature-key", key_text, "--listen", "127.0.0.1:0"});
    REQUIRE(first.port > 0);
    auto const in_use = run({"--signature-key", key_text, "--listen", "127.0.0.1:" + std::to_string(first.port)});
    CHECK(in_use.exit_code == 1);
    CHECK(in_use.err.find("cannot listen") != std::string::npos);
    auto const journal = run({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", "/nonexistent/dir/events.jsonl"});
    CHECK(journal.exit_code == 1);
    CHECK(journal.err.find("cannot open the journal") != std::string::npos);
    auto const tls = run({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent/cert.pem",
                          "--tls-key", "/nonexistent/key.pem"});
    CHECK(tls.exit_code == 1);
    CHECK(tls.err.find("--tls-cert") != std::string::npos);
}

TEST_CASE("receiver: every answer of the manual's table, nothing written for a bad request")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--path", "/ens", "--out", journal,
                "--max-body", "4096"});
    REQUIRE(r.port > 0);
    CHECK(r.ready.find("sfmc-ens-receiver: listening on http://127.0.0.1:") == 0);
    CHECK(r.ready.find("/ens\n") != std::string::npos);

    auto const get = [&](std::string_view target) {
        return test::exchange(r.port, "GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    };
    CHECK(get("/healthz").status == 200);
    CHECK(get("/healthz").body == "ok\n");
    CHECK(get("/elsewhere").status == 404);
    auto const wrong_method = get("/ens");
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.head.find("Allow: POST") != std::string::npos);

    CHECK(test::exchange(r.port, test::post("/ens", two_events)).status == 401); // unsigned
    CHECK(test::exchange(r.port, test::post("/ens", two_events, "Content-Type: application/json\r\n"
                                                                "x-sfmc-ens-signature: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n"))
              .status == 401);
    auto changed = two_events;
    changed[changed.find("4000") + 3] = '1';
    auto const tampered = signed_post(two_events, "/ens");
    CHECK(test::exchange(r.port, tampered.substr(0, tampered.size() - two_events.size()) + changed).status == 401);
    CHECK(test::exchange(r.port, test::post("/ens", two_events, "Content-Type: text/plain\r\n")).status == 415);
    CHECK(test::exchange(r.port, signed_post(std::string(5000, ' ') + "[]", "/ens")).status == 413);
    for (std::string const& bad : std::vector<std::string>{"not json", R"({"an":"object"})", "[1,2]", "[{\"a\":\"\xC3\x28\"}]",
                                                           std::string(1000, '[') + std::string(1000, ']')}) {
        CAPTURE(bad);
        CHECK(test::exchange(r.port, signed_post(bad, "/ens")).status == 400);
    }
    CHECK(read_file(journal).empty());

    auto const accepted = test::exchange(r.port, signed_post(two_events, "/ens"));
    CHECK(accepted.status == 200);
    CHECK(accepted.body.empty());
    auto const lines = lines_of(journal);
    REQUIRE(lines.size() == 2);
    auto const first = boost::json::parse(lines[0]).as_object();
    CHECK(first.at("status") == "delivered");
    CHECK(first.at("channel") == "sms");
    CHECK(first.at("eventCategoryType") == "TransactionalSendEvents.SmsDelivered");
    CHECK(first.at("messageKey") == "9a-zUvWf3UKxLpwwIrqTmQ");
    CHECK(first.at("timestampUtc") == "2020-09-21T14:30:08.530Z");
    CHECK(first.at("to") == "15555551234");
    CHECK(first.at("subscriberKey") == "Astro25");
    CHECK(first.at("statusCode") == "4000");
    CHECK(first.at("statusName") == "Delivered");
    CHECK(first.at("statusMessage") == "Delivered");
    CHECK(first.at("final") == true);
    CHECK(first.at("event") == boost::json::parse(two_events).as_array()[0]);
    auto const second = boost::json::parse(lines[1]).as_object();
    CHECK(second.at("status") == "not_sent");
    CHECK(second.at("statusCode") == "47"); // a number in, a string out
    CHECK_FALSE(second.contains("statusName")); // 47 is in no documented table
    CHECK(second.at("statusMessage") == "Opted out");
    CHECK_FALSE(second.contains("timestampUtc"));

    // The same batch again: acknowledged, nothing written twice.
    CHECK(test::exchange(r.port, signed_post(two_events, "/ens")).status == 200);
    CHECK(lines_of(journal).size() == 2);

    auto const metrics = get("/metrics").body;
    for (std::string_view line : {"sfmc_ens_batches_total{outcome=\"accepted\"} 2", "sfmc_ens_batches_total{outcome=\"unsigned\"} 1",
                                  "sfmc_ens_batches_total{outcome=\"bad_signature\"} 2",
                                  "sfmc_ens_batches_total{outcome=\"malformed\"} 5",
                                  "sfmc_ens_batches_total{outcome=\"too_large\"} 1", "sfmc_ens_events_total 2",
                                  "sfmc_ens_duplicates_total 2"}) {
        CAPTURE(line);
        CHECK(metrics.find(line) != std::string::npos);
    }
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find(key_text) == std::string::npos);
}

TEST_CASE("receiver: the verification request is answered and its values shown for a person to use")
{
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0"});
    auto const probe = test::exchange(
        r.port, test::post("/", R"({"callbackId":"65b885ab-c2b4-46fe-85d0-d6cb8be8057d","verificationKey":"CZwJw4XATH6LK1fPWFeMDkIyVbro6T3ijXK8CrzQe2s="})"));
    CHECK(probe.status == 200);
    auto const said = r.wait_for("verification request");
    CHECK(said.find("65b885ab-c2b4-46fe-85d0-d6cb8be8057d") != std::string::npos);
    CHECK(said.find("CZwJw4XATH6LK1fPWFeMDkIyVbro6T3ijXK8CrzQe2s=") != std::string::npos);
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: a restart removes a torn last line and remembers what it journaled")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    {
        receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
        REQUIRE(test::exchange(r.port, signed_post(two_events)).status == 200);
        CHECK(r.stop().exit_code == 0);
    }
    auto const whole = read_file(journal);
    { // a crash in the middle of a line
        std::ofstream out(journal, std::ios::app | std::ios::binary);
        out << R"({"status":"sent","channel":"sms","eventCat)";
    }
    receiver again({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    CHECK(again.startup.find("2 events remembered") != std::string::npos);
    CHECK(again.startup.find("torn last line") != std::string::npos);
    CHECK(read_file(journal) == whole);
    CHECK(test::exchange(again.port, signed_post(two_events)).status == 200); // redelivered: not written
    CHECK(read_file(journal) == whole);
    CHECK(again.stop().exit_code == 0);
}

TEST_CASE("receiver: slow and hostile clients do not stop it serving others")
{
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0"});
    test::raw_connection slow(r.port);
    REQUIRE(slow.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Le")); // and then nothing
    test::raw_connection flood(r.port);
    std::string headers = "GET /healthz HTTP/1.1\r\n";
    for (int i = 0; i < 2000; ++i)
        headers += "X-Flood-" + std::to_string(i) + ": " + std::string(20, 'x') + "\r\n";
    flood.send(headers + "\r\n");
    CHECK(flood.receive(std::chrono::seconds{5}).status != 200); // refused, never served
    CHECK(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 200);
    CHECK(test::exchange(r.port, signed_post("[" + std::string(100'000, '[') + std::string(100'000, ']') + "]")).status == 400);
    CHECK(test::exchange(r.port, signed_post(two_events)).status == 200);
    // A connection that sends nothing is closed in the end (10 s for a request's head).
    test::raw_connection idle(r.port);
    CHECK(idle.closed_by_peer(std::chrono::seconds{15}));
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: keep-alive serves several batches on one connection, SIGINT stops it cleanly")
{
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0"});
    test::raw_connection c(r.port);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(c.send(signed_post(two_events)));
        CHECK(c.receive().status == 200);
    }
    auto const stopped = r.stop(SIGINT);
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find("stopped") != std::string::npos);
    // Without --out the journal is standard output: the first batch's two lines, then nothing twice.
    CHECK(std::count(stopped.out.begin(), stopped.out.end(), '\n') == 2);
}

namespace {
// What a store holds of (sms, key): its current status word and how many events, or "none".
// The current status of `key` in the store at `url` (sqlite:PATH, or postgresql://), and its events.
std::string stored(std::string const& url, std::string const& key)
{
    std::variant<std::unique_ptr<sfmc::sms::ens::status_store>, std::string> opened = std::string("no engine");
    auto const take = [&](auto got) {
        if (auto* why = std::get_if<std::string>(&got))
            opened = std::move(*why);
        else
            opened = std::unique_ptr<sfmc::sms::ens::status_store>(std::move(std::get<0>(got)));
    };
#ifdef SFMC_TEST_POSTGRES_BIN
    if (url.starts_with("postgresql://"))
        take(sfmc::sms::ens::postgresql_store::open(url, false));
#endif
    if (url.starts_with("sqlite:"))
        take(sfmc::sms::ens::sqlite_store::open(url.substr(7), false));
    if (std::holds_alternative<std::string>(opened))
        return std::get<std::string>(opened);
    auto got = std::get<0>(opened)->current(sfmc::sms::channel::sms, key);
    if (std::holds_alternative<std::string>(got))
        return std::get<std::string>(got);
    auto const& m = std::get<0>(got);
    return m ? std::string(to_string(m->decided.status)) + " " + std::to_string(m->events) : "none";
}
} // namespace

namespace {
// A callback of the emulator's, verified by a receiver started with a stand-in key and
// --auto-verify (`where`: --out or --store), then stopped; and the port it listened on, which
// the emulator reaches for the callback's host. The callback takes every SMS event.
struct verified_callback {
    sfmc::sms::ens::callback cb;
    int port = 0;

    verified_callback(test::emulator const& emu, sfmc::sms::client<sfmc::sms::beast_transport>& c, std::vector<std::string> const& where)
    {
        namespace ens = sfmc::sms::ens;
        // Before the callback exists there is no key yet: the receiver starts with a stand-in one.
        std::vector<std::string> args{"--signature-key", "stand-in", "--listen", "127.0.0.1:0", "--auto-verify",
                                      "--rest-url", emu.http, "--token", emu.token};
        args.insert(args.end(), where.begin(), where.end());
        receiver first(args);
        port = first.port;
        REQUIRE(port > 0);
        REQUIRE(c.run(test::emulator_control{"/__emulator/ens/hosts",
                                             R"({"hooks.example.com":"http://127.0.0.1:)" + std::to_string(port) + R"("})"}));
        auto const made = c.run(ens::create_callbacks{{{.name = "status", .url = "https://hooks.example.com/", .max_batch_size = 100}}});
        REQUIRE(made.has_value());
        cb = made->front();
        CHECK(first.wait_for("callback " + cb.id + " verified").size() > 0);
        CHECK(c.run(ens::get_callback{cb.id})->status == "verified");
        auto const stopped = first.stop();
        CHECK(stopped.exit_code == 0);
        CHECK(stopped.err.find(emu.token) == std::string::npos);
        ens::new_subscription sms{.callback_id = cb.id,
                                  .name = "sms status",
                                  .event_types = ens::sms_event_types(),
                                  .filters = {}};
        REQUIRE(c.run(ens::create_subscriptions{{sms}}).has_value());
    }

    // The receiver's arguments with the callback's key, on the same address.
    std::vector<std::string> with_key(std::vector<std::string> const& where) const
    {
        std::vector<std::string> args{"--signature-key", std::string(cb.signature_key->reveal()), "--listen",
                                      "127.0.0.1:" + std::to_string(port)};
        args.insert(args.end(), where.begin(), where.end());
        return args;
    }

    // POST /__emulator/ens/deliver for the callback; `extra` adds members (",\"count\":5").
    auto deliver(sfmc::sms::client<sfmc::sms::beast_transport>& c, std::string const& extra) const
    {
        return c.run(test::emulator_control{"/__emulator/ens/deliver", R"({"callbackId":")" + cb.id + '"' + extra + "}"});
    }
};
} // namespace

TEST_CASE("receiver end to end: the emulator's callback, the handshake by --auto-verify, delivery, redelivery, a new key")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    test::emulator emu({}, {"--no-https"});
    sfmc::sms::beast_transport http;
    sfmc::sms::client c(http, *sfmc::sms::endpoint::from_url(emu.http), *sfmc::sms::access_token::make(emu.token));
    namespace ens = sfmc::sms::ens;
    verified_callback v(emu, c, {"--out", journal});
    auto const& cb = v.cb;
    auto const port = v.port;
    receiver r(v.with_key({"--out", journal}));
    REQUIRE(r.port == port);
    auto const deliver = [&](std::string const& extra) { return v.deliver(c, extra); };
    auto const all = deliver(R"(,"count":250)");
    REQUIRE(all);
    for (auto const& b : all->at("batches").as_array())
        CHECK(b.at("acknowledged") == true);
    CHECK(lines_of(journal).size() == 250);

    // Every answer too late for ENS: each batch comes three times, and is written once.
    auto const late = deliver(R"(,"count":100,"answerTimeout":0)");
    REQUIRE(late);
    CHECK(late->at("batches").at(0).at("attempts").as_array().size() == 3);
    CHECK(lines_of(journal).size() == 350);
    auto const metrics = test::exchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_duplicates_total 200") != std::string::npos);

    // A new key: until the receiver has it, batches are refused (401), tried three times, never written.
    REQUIRE(c.run(ens::regenerate_signature_key{cb.id}));
    auto const refused = deliver(R"(,"count":5)");
    REQUIRE(refused);
    auto const& tries = refused->at("batches").at(0).at("attempts").as_array();
    CHECK(tries.size() == 3);
    CHECK(tries[0].at("status") == 401);
    CHECK(refused->at("batches").at(0).at("acknowledged") == false);
    CHECK(lines_of(journal).size() == 350);

    // Each line once: every event different from every other.
    std::set<std::string> events;
    for (auto const& line : lines_of(journal))
        events.insert(boost::json::serialize(boost::json::parse(line).at("event")));
    CHECK(events.size() == 350);
    auto const done = r.stop();
    CHECK(done.exit_code == 0);
    CHECK(done.err.find(cb.signature_key->reveal()) == std::string::npos);
}

#ifdef SFMC_SMS_STATUS_COMMAND
// The emulator delivers to a receiver with --store `store`, again after a restart; the
// command answers the stored keys from the store while the receiver runs; neither prints
// `secret` (the store's password).
void store_end_to_end(std::string const& store, std::string const& secret = {})
{
    test::emulator emu({}, {"--no-https"});
    sfmc::sms::beast_transport http;
    sfmc::sms::client c(http, *sfmc::sms::endpoint::from_url(emu.http), *sfmc::sms::access_token::make(emu.token));
    verified_callback v(emu, c, {"--store", store});
    // A message sent then delivered, and another bounced; the same bytes ENS would send again.
    std::string const events =
        R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","timestampUTC":1764590400000,"info":{"messageKey":"kept-1","to":"15555550100"}},)"
        R"({"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1764590405000,)"
        R"("info":{"messageKey":"kept-1","to":"15555550100","statusCode":"4000","statusMessage":"Delivered"}},)"
        R"({"eventCategoryType":"TransactionalSendEvents.SmsBounced","timestampUTC":1764590406000,"info":{"messageKey":"kept-2","statusCode":"4500"}}])";
    {
        receiver r(v.with_key({"--store", store}));
        REQUIRE(r.port == v.port);
        auto const first = v.deliver(c, R"(,"events":)" + events);
        REQUIRE(first);
        CHECK(first->at("batches").at(0).at("acknowledged") == true);
        CHECK(r.stop().exit_code == 0);
    }
    receiver again(v.with_key({"--store", store}));
    REQUIRE(again.port == v.port);
    auto const redelivered = v.deliver(c, R"(,"events":)" + events + R"(,"answerTimeout":0)"); // three times each
    REQUIRE(redelivered);
    CHECK(redelivered->at("batches").at(0).at("attempts").as_array().size() == 3);
    auto const metrics = test::exchange(v.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_events_total 0") != std::string::npos);
    CHECK(metrics.find("sfmc_ens_duplicates_total 9") != std::string::npos);
    CHECK(stored(store, "kept-1") == "delivered 2");
    CHECK(stored(store, "kept-2") == "bounced 1");

    // The command, from another process while the receiver runs: the stored keys from the
    // store (no lookup reaches the emulator), the unknown one through the API.
    auto const before = emu.requests().size();
    test::child command({SFMC_SMS_STATUS_COMMAND, "--rest-url", emu.http, "--token", emu.token, "--store", store, "--json",
                         "kept-1", "kept-2", "bcX0qaEp0USGciEnUJTW0w"},
                        test::clean_environment());
    auto const answered = command.finish({}, std::chrono::seconds{30});
    CHECK_MESSAGE(answered.exit_code == 0, answered.out << answered.err);
    std::vector<boost::json::object> lines;
    std::istringstream out(answered.out);
    for (std::string line; std::getline(out, line);)
        lines.push_back(boost::json::parse(line).as_object());
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].at("source") == "store");
    CHECK(lines[0].at("status") == "delivered");
    CHECK(lines[0].at("statusCode") == "4000");
    CHECK(lines[1].at("source") == "store");
    CHECK(lines[1].at("status") == "bounced");
    CHECK(lines[2].at("source") == "api");
    CHECK(lines[2].at("status") == "sent");
    auto const seen = emu.requests();
    REQUIRE(seen.size() == before + 1);
    CHECK(seen.back().target == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    auto const stopped = again.stop();
    CHECK(stopped.exit_code == 0);
    if (!secret.empty())
        for (auto const& text : {answered.out, answered.err, stopped.out, stopped.err, again.startup, again.ready})
            CHECK(text.find(secret) == std::string::npos);
}

TEST_CASE("store end to end: ENS's events stored once across a restart, and sfmc-sms-status answers from them without the API")
{
    scratch dir;
    store_end_to_end("sqlite:" + dir.file("store.db"));
}

#ifdef SFMC_TEST_POSTGRES_BIN
TEST_CASE("store end to end on PostgreSQL: ENS's events stored once across a restart, and sfmc-sms-status answers from them")
{
    store_end_to_end(test::shared_postgres()->new_database(), test::shared_postgres()->password());
}
#endif
#endif

TEST_CASE("receiver: with --reuse-port, several receivers share one port, each with its own journal")
{
    scratch dir;
    receiver first({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--reuse-port", "--out", dir.file("a.jsonl")});
    REQUIRE(first.port > 0);
    receiver second({"--signature-key", key_text, "--listen", "127.0.0.1:" + std::to_string(first.port), "--reuse-port",
                     "--out", dir.file("b.jsonl")});
    CHECK(second.port == first.port);
    for (int i = 0; i < 20; ++i) // each on a new connection, wherever the kernel sends it
        CHECK(test::exchange(first.port, signed_post(two_events)).status == 200);
    // Each receiver deduplicates what it saw: the batch is in one journal or in both, once in each.
    auto const a = lines_of(dir.file("a.jsonl")).size(), b = lines_of(dir.file("b.jsonl")).size();
    CHECK((a == 0 || a == 2));
    CHECK((b == 0 || b == 2));
    CHECK(a + b >= 2);
    CHECK(first.stop().exit_code == 0);
    CHECK(second.stop().exit_code == 0);
}

namespace {
// True when this machine has ::1 to listen on.
bool ipv6_loopback()
{
    int const s = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return false;
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    bool const ok = bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(s);
    return ok;
}

// POSTs `body` with its signature to `url` (http or https, IPv4 or IPv6) through Python's
// standard library, trusting `ca` for https; prints the status.
int post_with_python(std::string const& url, std::string const& body, std::string const& ca = {})
{
    std::string const script = R"(
import http.client, ssl, sys, urllib.parse
url, body, signature, ca = sys.argv[1:5]
u = urllib.parse.urlsplit(url)
if u.scheme == "https":
    c = http.client.HTTPSConnection(u.hostname, u.port, timeout=10, context=ssl.create_default_context(cafile=ca))
else:
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
c.request("POST", u.path, body=body.encode(), headers={"Content-Type": "application/json", "x-sfmc-ens-signature": signature})
print(c.getresponse().status)
)";
    test::child c({"python3", "-c", script, url, body, sfmc::sms::ens::sign(body, the_key()), ca}, test::clean_environment());
    auto const o = c.finish({}, std::chrono::seconds{20});
    return std::atoi(o.out.c_str());
}
} // namespace

TEST_CASE("receiver: HTTPS with --tls-cert and --tls-key, and IPv6")
{
    scratch dir;
    auto const cert = dir.file("cert.pem"), key = dir.file("key.pem");
    auto const made = std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost "
                                   "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert + " 2>/dev/null").c_str());
    REQUIRE(made == 0);
    receiver tls({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key,
                  "--out", dir.file("tls.jsonl")});
    REQUIRE(tls.port > 0);
    CHECK(tls.ready.find("listening on https://127.0.0.1:") != std::string::npos);
    CHECK(post_with_python("https://127.0.0.1:" + std::to_string(tls.port) + "/", two_events, cert) == 200);
    CHECK(lines_of(dir.file("tls.jsonl")).size() == 2);
    // Plain HTTP to the TLS port is not served.
    CHECK(test::exchange(tls.port, signed_post(two_events)).status == 0);
    CHECK(tls.stop().exit_code == 0);

    if (!ipv6_loopback()) {
        MESSAGE("no IPv6 loopback on this machine: the IPv6 half is skipped");
        return;
    }
    receiver v6({"--signature-key", key_text, "--listen", "[::1]:0"});
    REQUIRE(v6.port > 0);
    CHECK(v6.ready.find("listening on http://[::1]:") != std::string::npos);
    CHECK(post_with_python("http://[::1]:" + std::to_string(v6.port) + "/", two_events) == 200);
    CHECK(v6.stop().exit_code == 0);
}

TEST_CASE("receiver: hundreds of stalled connections do not keep ENS out")
{
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0"});
    std::vector<std::unique_ptr<test::raw_connection>> held;
    for (int i = 0; i < 300; ++i) {
        held.push_back(std::make_unique<test::raw_connection>(r.port));
        // One request each, so that every connection is surely being served.
        REQUIRE(held.back()->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        REQUIRE(held.back()->receive().status == 200);
    }
    CHECK(test::exchange(r.port, signed_post(two_events)).status == 200);
    held.clear();
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: bodies in flight hold a bounded budget, past it a request is answered 503, never dropped")
{
    // --max-body above 256 MiB: the budget is --max-body, which one announced body takes whole.
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--max-body", "314572800"});
    test::raw_connection hog(r.port);
    REQUIRE(hog.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n["));
    // Its head has arrived once a request after it on another connection is answered 503: on
    // a loaded machine that may take a while, so tries are bounded by time as well as count.
    int status = 0;
    test::raw_response refused;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
    for (int tries = 0; tries < 10000 && status != 503 && std::chrono::steady_clock::now() < deadline; ++tries) {
        refused = test::exchange(r.port, signed_post(two_events));
        status = refused.status;
    }
    CHECK(status == 503);
    CHECK(refused.head.find("Retry-After: 1") != std::string::npos);
    // The hog goes: its share comes back, and a batch is taken again.
    hog.close();
    status = 0;
    for (int tries = 0; tries < 10000 && status != 200 && std::chrono::steady_clock::now() < deadline + std::chrono::seconds{20}; ++tries)
        status = test::exchange(r.port, signed_post(two_events)).status;
    CHECK(status == 200);
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: SIGHUP reopens --out after a rotation and reads the key file again")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    auto const keys = dir.file("keys");
    std::string const new_key = "bmV3LWtleS1hZnRlci1lbnMtcmVnZW5lcmF0ZQ==";
    std::ofstream(keys) << key_text << "\n";
    receiver r({"--signature-key-file", keys, "--listen", "127.0.0.1:0", "--out", journal});
    REQUIRE(test::exchange(r.port, signed_post(two_events)).status == 200);
    REQUIRE(std::rename(journal.c_str(), (journal + ".1").c_str()) == 0); // logrotate
    std::ofstream(keys) << new_key << "\n";                              // ens-regenerate
    r.send(SIGHUP);
    CHECK_FALSE(r.wait_for("SIGHUP: journal " + journal + " reopened").empty());
    CHECK_FALSE(r.wait_for("SIGHUP: 1 key read from").empty());
    auto const signed_with_new = [&](std::string const& body) {
        return test::post("/", body, "Content-Type: application/json\r\nx-sfmc-ens-signature: " +
                                         sfmc::sms::ens::sign(body, *sfmc::sms::ens::signature_key::make(new_key)) + "\r\n");
    };
    CHECK(test::exchange(r.port, signed_post(two_events)).status == 401); // the old key stopped
    std::string const third = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k3"}}])";
    CHECK(test::exchange(r.port, signed_with_new(third)).status == 200);
    CHECK(test::exchange(r.port, signed_with_new(two_events)).status == 200); // redelivered: remembered, not written
    CHECK(lines_of(journal + ".1").size() == 2);
    auto const now = lines_of(journal);
    REQUIRE(now.size() == 1);
    CHECK(now[0].find(R"("messageKey":"k3")") != std::string::npos);
    // A key file that cannot be read, a FILE that cannot be reopened: it goes on as it was.
    std::remove(keys.c_str());
    REQUIRE(std::rename(dir.dir.c_str(), (dir.dir + "-moved").c_str()) == 0);
    r.send(SIGHUP);
    CHECK_FALSE(r.wait_for("still writing to the file opened before").empty());
    CHECK_FALSE(r.wait_for("the keys are unchanged").empty());
    std::string const fourth = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k4"}}])";
    CHECK(test::exchange(r.port, signed_with_new(fourth)).status == 200);
    REQUIRE(std::rename((dir.dir + "-moved").c_str(), dir.dir.c_str()) == 0);
    CHECK(lines_of(journal).size() == 2);
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find(new_key) == std::string::npos);
    CHECK(stopped.err.find(key_text) == std::string::npos);
}

TEST_CASE("receiver: a second SIGTERM during the stop ends it at once, exit 1, the journal whole")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    REQUIRE(test::exchange(r.port, signed_post(two_events)).status == 200);
    // A batch in progress (its head arrived, its body not yet): a clean stop would wait for it.
    test::raw_connection slow(r.port);
    REQUIRE(slow.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{"));
    REQUIRE(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 200); // the head was read
    r.send(SIGTERM);
    CHECK_FALSE(r.wait_for("stopping: finishing the batches in progress").empty());
    auto const stopped = r.stop(SIGTERM);
    CHECK(stopped.exit_code == 1);
    CHECK(stopped.err.find("stopping at once") != std::string::npos);
    auto const text = read_file(journal);
    CHECK(lines_of(journal).size() == 2);
    CHECK(text.ends_with("\n"));
}

TEST_CASE("receiver: verification requests start a bounded number of handshakes, and their reports cannot be forged")
{
    // An API that takes connections and never answers: every handshake stays in flight.
    test::stalled_server stalled;
    auto const& api = stalled.url;
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--auto-verify", "--rest-url", api, "--token", "t"});
    auto const probe = [&](std::string const& id) {
        return test::exchange(r.port, test::post("/", R"({"callbackId":")" + id + R"(","verificationKey":"k"})")).status;
    };
    for (int i = 0; i < 6; ++i)
        CHECK(probe("cb-" + std::to_string(i)) == 200);
    CHECK(probe("cb-0") == 200);
    // A callbackId with a line break in it, as JSON allows: escaped, not a line of its own.
    CHECK(probe(R"(evil\nsfmc-ens-receiver: callback forged verified)") == 200);
    for (int i = 0; i < 4; ++i)
        CHECK_FALSE(r.wait_for("cb-" + std::to_string(i) + ": completing it").empty());
    CHECK_FALSE(r.wait_for("cb-4: ignored, 4 handshakes are in progress").empty());
    CHECK_FALSE(r.wait_for("cb-5: ignored, 4 handshakes are in progress").empty());
    CHECK_FALSE(r.wait_for("cb-0: ignored, its handshake is in progress").empty());
    auto const evil = r.wait_for("evil");
    CHECK(evil.find(R"(evil\nsfmc-ens-receiver: callback forged verified: ignored)") != std::string::npos);
    // The stop abandons the handshakes in flight: it does not wait for the API.
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find("\nsfmc-ens-receiver: callback forged") == std::string::npos);
}

TEST_CASE("receiver: a journal that cannot be written gets no batch acknowledged (500), and says why")
{
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", "/dev/full"});
    REQUIRE(r.port > 0);
    CHECK(test::exchange(r.port, signed_post(two_events)).status == 500);
    CHECK(r.wait_for("journal: write failed").find("not acknowledged") != std::string::npos);
    auto const metrics = test::exchange(r.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_batches_total{outcome=\"accepted\"} 0") != std::string::npos);
    CHECK(metrics.find("sfmc_ens_events_total 0") != std::string::npos);
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: pretty-printed, compact and mixed batches give one line per event, remembered after a restart")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    // two_events as a person (or a .NET serializer) would indent them, CRLF and all.
    std::string pretty;
    for (char c : two_events) {
        pretty += c;
        if (c == '{' || c == '[' || c == ',')
            pretty += "\r\n    ";
        else if (c == ':')
            pretty += ' ';
    }
    pretty += "\n";
    auto const expected = boost::json::parse(two_events).as_array();
    {
        receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
        REQUIRE(test::exchange(r.port, signed_post(pretty)).status == 200);
        auto const lines = lines_of(journal);
        REQUIRE(lines.size() == 2);
        for (std::size_t i = 0; i < lines.size(); ++i)
            CHECK(boost::json::parse(lines[i]).as_object().at("event") == expected[i]);
        CHECK(r.stop().exit_code == 0);
    }
    auto const whole = read_file(journal);
    receiver again({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    CHECK(again.startup.find("2 events remembered") != std::string::npos);
    CHECK(again.startup.find("without a readable event") == std::string::npos);
    CHECK(test::exchange(again.port, signed_post(two_events)).status == 200); // the same events, compact
    CHECK(read_file(journal) == whole);
    // Mixed: one event indented, one new and compact.
    std::string const mixed = "[ {\n \"eventCategoryType\": \"TransactionalSendEvents.SmsSent\",\n \"info\": {\"messageKey\": \"k3\"}\n},\n" +
                              two_events.substr(1, two_events.find("},{") + 1 - 1) + "]";
    REQUIRE(boost::json::parse(mixed).as_array().size() == 2);
    CHECK(test::exchange(again.port, signed_post(mixed)).status == 200);
    auto const lines = lines_of(journal);
    REQUIRE(lines.size() == 3);
    CHECK(boost::json::parse(lines[2]).as_object().at("messageKey") == "k3");
    auto const metrics = test::exchange(again.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_duplicates_total 3") != std::string::npos);
    CHECK(again.stop().exit_code == 0);
}

TEST_CASE("receiver: a second receiver on the same --out exits 1 (journal in use) and leaves the file as it was")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    receiver first({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    REQUIRE(test::exchange(first.port, signed_post(two_events)).status == 200);
    { // the first one's next batch, half written at this instant: not a torn line to remove
        std::ofstream out(journal, std::ios::app | std::ios::binary);
        out << R"({"status":"sent","channel":"sms","eventCat)";
    }
    auto const before = read_file(journal);
    auto const second = run({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("in use by another receiver") != std::string::npos);
    CHECK(second.err.find("listening") == std::string::npos);
    CHECK(read_file(journal) == before);
    CHECK(first.stop().exit_code == 0);
    // Once the first has stopped, the file is free again.
    receiver third({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    CHECK(third.port > 0);
    CHECK(third.stop().exit_code == 0);
}

TEST_CASE("receiver: a signed batch of more than 1000 events is taken whole, one line per event")
{
    scratch dir;
    auto const journal = dir.file("events.jsonl");
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal});
    std::string body = "[";
    for (int i = 0; i < 2500; ++i)
        body += std::string(i ? "," : "") + R"({"eventCategoryType":"TransactionalSendEvents.SmsSent","info":{"messageKey":"k)" +
                std::to_string(i) + "\"}}";
    body += "]";
    CHECK(test::exchange(r.port, signed_post(body)).status == 200);
    auto const lines = lines_of(journal);
    REQUIRE(lines.size() == 2500);
    CHECK(boost::json::parse(lines[2499]).as_object().at("messageKey") == "k2499");
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver: out of descriptors, it says so once and accepts again when one is free, without spinning")
{
    // A hard limit of 48 descriptors: the receiver cannot raise it, and runs out.
    receiver r({"/bin/sh", "-c", "ulimit -n 48 && exec \"$0\" \"$@\"", SFMC_ENS_RECEIVER_COMMAND, "--signature-key", key_text,
                "--listen", "127.0.0.1:0"},
               {}, /*wrapped=*/true);
    REQUIRE(r.port > 0);
    std::vector<std::unique_ptr<test::raw_connection>> held;
    std::unique_ptr<test::raw_connection> queued;
    for (int i = 0; i < 100 && !queued; ++i) {
        auto c = std::make_unique<test::raw_connection>(r.port);
        REQUIRE(c->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        if (c->receive(std::chrono::seconds{2}).status == 200)
            held.push_back(std::move(c));
        else
            queued = std::move(c); // in the kernel's queue: no descriptor left to accept it
    }
    REQUIRE(queued);
    CHECK_FALSE(r.wait_for("cannot accept a connection").empty());
    held.resize(held.size() - 8);
    CHECK(queued->receive(std::chrono::seconds{10}).status == 200);
    held.clear();
    queued.reset();
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    auto const said = stopped.err.find("cannot accept a connection");
    REQUIRE(said != std::string::npos);
    CHECK(stopped.err.find("cannot accept a connection", said + 1) == std::string::npos); // once, not per try
}


TEST_CASE("receiver --store sqlite: every event once, across restarts, with --out the journal gets the new ones only")
{
    scratch dir;
    auto const db = dir.file("store.db");
    auto const journal = dir.file("events.jsonl");
    {
        receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--store", "sqlite:" + db});
        REQUIRE(test::exchange(r.port, signed_post(two_events)).status == 200);
        CHECK(stored("sqlite:" + db, "9a-zUvWf3UKxLpwwIrqTmQ") == "delivered 1");
        auto const stopped = r.stop();
        CHECK(stopped.exit_code == 0);
        CHECK(stopped.out.empty()); // with --store and no --out, nothing on standard output
    }
    receiver again({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--out", journal}, {"SFMC_ENS_STORE=sqlite:" + db});
    std::string const third = R"([{"eventCategoryType":"TransactionalSendEvents.SmsSent","timestampUTC":1600698600000,)"
                              R"("info":{"messageKey":"9a-zUvWf3UKxLpwwIrqTmQ"}}])";
    CHECK(test::exchange(again.port, signed_post(two_events)).status == 200); // redelivered after the restart
    CHECK(test::exchange(again.port, signed_post(third)).status == 200);
    CHECK(stored("sqlite:" + db, "9a-zUvWf3UKxLpwwIrqTmQ") == "delivered 2"); // a sent event does not take it back
    CHECK(stored("sqlite:" + db, "k2") == "not_sent 1");
    auto const lines = lines_of(journal);
    REQUIRE(lines.size() == 1); // only the event new to the store
    CHECK(lines[0].find(R"("status":"sent")") != std::string::npos);
    auto const metrics = test::exchange(again.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_duplicates_total 2") != std::string::npos);
    CHECK(metrics.find("sfmc_ens_events_total 1") != std::string::npos);
    CHECK(metrics.find("sfmc_ens_store_errors_total 0") != std::string::npos);
    CHECK(again.stop().exit_code == 0);
}

TEST_CASE("receiver --store: a store that cannot be opened is 503 and /healthz 503, it recovers by itself")
{
    scratch dir;
    auto const folder = dir.file("later");
    auto const db = folder + "/store.db";
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--store", "sqlite:" + db});
    REQUIRE(r.port > 0);
    CHECK(r.startup.find("answering 503 until it can be opened") != std::string::npos);
    CHECK(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 503); // from the start
    auto const refused = test::exchange(r.port, signed_post(two_events));
    CHECK(refused.status == 503);
    CHECK(refused.head.find("Retry-After: 1") != std::string::npos);
    CHECK(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 503);
    REQUIRE(::mkdir(folder.c_str(), 0755) == 0);
    // Healthy again with no batch sent (a load balancer sends none to a 503): the idle probe,
    // each second, opens it. Bounded: 10 s.
    int health = 0;
    for (auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
         health != 200 && std::chrono::steady_clock::now() < until;)
        health = test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status;
    CHECK(health == 200);
    CHECK(test::exchange(r.port, signed_post(two_events)).status == 200); // ENS's retry
    CHECK(stored("sqlite:" + db, "k2") == "not_sent 1");
    auto const metrics = test::exchange(r.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_store_errors_total 1") != std::string::npos);
    CHECK(r.stop().exit_code == 0);
}

TEST_CASE("receiver --store: a full disk is 503 and /healthz 503, nothing acknowledged lost, it recovers by itself")
{
    scratch dir;
    auto const db = dir.file("store.db");
    auto const control = dir.file("disk-is-full");
    // The disk fills up while `control` exists (tests/support/full_disk.cpp). ASan must be
    // told that a library loaded before it is meant.
    std::vector<std::string> env{"LD_PRELOAD=" SFMC_TEST_FULL_DISK_LIBRARY, "SFMC_TEST_FULL_DISK=" + control};
    char const* asan = std::getenv("ASAN_OPTIONS");
    env.push_back(std::string("ASAN_OPTIONS=") + (asan ? std::string(asan) + ":" : "") + "verify_asan_link_order=0");
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--store", "sqlite:" + db}, env);
    REQUIRE(r.port > 0);
    auto const healthz = [&] { return test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status; };
    auto const batch = [](std::string const& key) {
        return R"([{"eventCategoryType":"TransactionalSendEvents.SmsDelivered","timestampUTC":1600698608530,)"
               R"("info":{"messageKey":")" + key + R"(","statusCode":"4000"}}])";
    };
    REQUIRE(test::exchange(r.port, signed_post(batch("before"))).status == 200);

    std::fclose(std::fopen(control.c_str(), "w"));
    for (int i = 0; i < 3; ++i) { // refused each time, the store reopened in between
        auto const refused = test::exchange(r.port, signed_post(batch("during")));
        CHECK(refused.status == 503);
        CHECK(refused.head.find("Retry-After: 1") != std::string::npos);
    }
    CHECK(healthz() == 503);

    std::remove(control.c_str());
    CHECK(test::exchange(r.port, signed_post(batch("during"))).status == 200); // ENS's retry
    CHECK(test::exchange(r.port, signed_post(batch("after"))).status == 200);
    CHECK(healthz() == 200);
    auto const metrics = test::exchange(r.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
    CHECK(metrics.find("sfmc_ens_store_errors_total 0") == std::string::npos);
    CHECK(metrics.find("sfmc_ens_events_total 3") != std::string::npos);
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    CHECK(stopped.err.find("full") != std::string::npos); // the reason, as SQLite gives it
    for (auto const* key : {"before", "during", "after"})
        CHECK(stored("sqlite:" + db, key) == "delivered 1");
}

TEST_CASE("receiver --store and --retention: usage errors exit 2")
{
    CHECK(run({"--signature-key", key_text, "--store", "mysql://x"}).exit_code == 2);
    CHECK(run({"--signature-key", key_text, "--store", "sqlite:"}).exit_code == 2);
    CHECK(run({"--signature-key", key_text, "--store", "sqlite:/tmp/x.db", "--retention", "7"}).exit_code == 2);
    CHECK(run({"--signature-key", key_text, "--retention", "30"}).exit_code == 2); // without --store
#ifndef SFMC_TEST_POSTGRES_BIN // a build without libpq says so
    auto const secret = run({"--signature-key", key_text, "--store", "postgresql://u:hunter2@127.0.0.1/db"});
    CHECK(secret.exit_code == 2);
    CHECK(secret.err.find("hunter2") == std::string::npos);
#endif
}

#ifdef SFMC_TEST_POSTGRES_BIN
TEST_CASE("receiver --store postgresql: a database it cannot reach is 503 and /healthz 503, the password is never printed")
{
    // Port 1 of loopback: nothing listens there.
    receiver r({"--signature-key", key_text, "--listen", "127.0.0.1:0", "--store", "postgresql://u:hunter2@127.0.0.1:1/db"});
    REQUIRE(r.port > 0);
    CHECK(r.startup.find("answering 503 until it can be opened") != std::string::npos);
    CHECK(r.startup.find("postgresql://u:***@127.0.0.1:1/db") != std::string::npos);
    // Unhealthy from the start, before any batch or probe has met the store: a load balancer
    // asking at once must not send it batches.
    CHECK(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 503);
    auto const refused = test::exchange(r.port, signed_post(two_events));
    CHECK(refused.status == 503);
    CHECK(test::exchange(r.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status == 503);
    auto const stopped = r.stop();
    CHECK(stopped.exit_code == 0);
    for (auto const& text : {r.startup, r.ready, stopped.out, stopped.err})
        CHECK(text.find("hunter2") == std::string::npos);
}
#endif
