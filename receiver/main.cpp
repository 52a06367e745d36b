// sfmc-ens-receiver: the callback Marketing Cloud's Event Notification Service posts signed
// batches of events to. It journals every event once and acknowledges only what is written.
// Its options, answers, journal and exit codes are in docs/sfmc-ens-receiver.md; tests/receiver holds them.
#include <sfmc/sms.hpp>
#include <sfmc/sms/adapters/beast_async_transport.hpp>
#include <sfmc/sms/async_client.hpp>
#include <sfmc/sms/async_token_provider.hpp>

#include "../cli/plan.hpp"
#include "options.hpp"
#include "server.hpp"
#include "store.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include <sys/resource.h>

namespace {

constexpr int exit_ok = 0, exit_cannot_start = 1, exit_usage = 2;

constexpr char const* usage_text = R"(usage: sfmc-ens-receiver [OPTIONS]

Receives the signed event batches of Marketing Cloud's Event Notification Service and
writes each event once, as one JSON line, to a journal; a batch is acknowledged only once
its lines are written (and, with --out, on disk).

  --listen HOST:PORT       address (default 127.0.0.1:8080; [::1]:PORT for IPv6; port 0:
                           any free port) (SFMC_ENS_LISTEN)
  --path PATH              the callback's path (default /)
  --signature-key KEY      the callback's signatureKey; twice while rotating keys
                           (SFMC_ENS_SIGNATURE_KEY)
  --signature-key-file F   keys, one per line
  --key-bytes base64|text|auto
                           how the HMAC key's bytes come from the key (default auto: either)
  --out FILE               append events to FILE, synced before answering (default: stdout,
                           or nothing with --store)
  --store URL              keep every event once in a status store, sqlite:PATH or
                           postgresql://...
                           (SFMC_ENS_STORE); a batch is answered once committed
  --retention DAYS         with --store: keep events at least this long (default 30, at
                           least 8: ENS redelivers for up to 7 days)
  --max-body BYTES         largest batch accepted, whatever its number of events
                           (default 16777216)
  --tls-cert FILE, --tls-key FILE
                           serve HTTPS with this PEM certificate chain and key
  --reuse-port             share the port with other receivers started so (SO_REUSEPORT):
                           the kernel spreads the connections; give each its own --out
  --auto-verify            complete ENS's verification handshake through the API; takes
                           sfmc-sms-status's --subdomain, --rest-url, --auth-url, --client-id,
                           --client-secret, --account-id, --token, --cacert (and variables)
  -h, --help; --version

Also: GET /healthz, GET /metrics (Prometheus). SIGTERM or SIGINT: stop accepting, finish
the batches in progress, exit 0; a second one: stop at once, exit 1. SIGHUP: reopen --out
(after a log rotation) and read --signature-key-file again.
Exit status: 0 stopped by a signal, 1 could not start (or stopped at once), 2 usage error.
)";

std::mutex report_mutex;

// One line to standard error, whole, whatever thread writes it. Never a key or a token.
void report(std::string const& line)
{
    std::lock_guard lock(report_mutex);
    std::cerr << "sfmc-ens-receiver: " << line << '\n' << std::flush;
}

int usage(std::string const& message)
{
    std::cerr << "sfmc-ens-receiver: " << message << "\nTry 'sfmc-ens-receiver --help'.\n";
    return exit_usage;
}

int cannot_start(std::string const& message)
{
    report(message);
    return exit_cannot_start;
}

namespace asio = boost::asio;

// Writes what a request sent (a callbackId, a key) for a report line: control characters
// (C0, DEL, C1) as JSON string escapes, so that no client can forge a line of its own.
std::string escaped(std::string_view text)
{
    constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const b = static_cast<unsigned char>(text[i]);
        unsigned code = b;
        if (b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            code = static_cast<unsigned char>(text[++i]); // C1, as UTF-8
        else if (b >= 0x20 && b != 0x7F) {
            out += text[i];
            continue;
        }
        switch (code) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out.append("\\u00").append(1, hex[code >> 4]).append(1, hex[code & 0xF]);
        }
    }
    return out;
}

// Completes the handshake: the verification request goes back to the API through the
// library's coroutine client. The API may not know the callback until its creation call
// has returned, which waits for this very answer: a 404 is tried again a few times.
//
// Anyone can send a verification request, unsigned: at most one handshake runs per
// callbackId and `max_in_flight` in all, on an io_context of their own, which the stop
// abandons at once (no handshake holds the receiver's stop).
class verifier {
public:
    static constexpr std::size_t max_in_flight = 4;

    enum class outcome { started, already_running, too_many };

    verifier(cli::plan plan, std::string cacert) : plan_(std::move(plan)), cacert_(std::move(cacert))
    {
        thread_ = std::thread([this] { io_.run(); });
    }

    ~verifier() { stop(); } // then `io_` goes, and with it the handshakes abandoned

    outcome verify(sfmc::sms::ens::verification_request request)
    {
        {
            std::lock_guard lock(running_->m);
            if (running_->ids.contains(request.callback_id))
                return outcome::already_running;
            if (running_->ids.size() >= max_in_flight)
                return outcome::too_many;
            running_->ids.insert(request.callback_id);
        }
        asio::co_spawn(io_, run(std::move(request), plan_, cacert_, running_), asio::detached);
        return outcome::started;
    }

    // Abandons the handshakes in flight. Idempotent.
    void stop()
    {
        work_.reset();
        io_.stop();
        if (thread_.joinable())
            thread_.join();
    }

private:
    // The callbackIds whose handshake is in flight, shared with the handshakes themselves.
    struct registry {
        std::mutex m;
        std::set<std::string> ids;
    };

    // One handshake, with everything it uses in its own frame (a copy of the plan, its own
    // transport and token provider): abandoned, it leaves nothing behind that refers to it.
    static asio::awaitable<void> run(sfmc::sms::ens::verification_request request, cli::plan plan, std::string cacert,
                                     std::shared_ptr<registry> running)
    {
        auto const id = request.callback_id;
        co_await attempt(std::move(request), std::move(plan), std::move(cacert));
        std::lock_guard lock(running->m);
        running->ids.erase(id);
    }

    static asio::awaitable<void> attempt(sfmc::sms::ens::verification_request request, cli::plan plan, std::string cacert)
    {
        auto const ex = co_await asio::this_coro::executor;
        sfmc::sms::transport_options options;
        options.ca_file = cacert;
        sfmc::sms::beast_async_transport http(ex, options);
        std::optional<sfmc::sms::async_token_provider> tokens;
        if (plan.credentials)
            tokens.emplace(sfmc::sms::beast_async_transport(ex, options), std::move(*plan.auth), std::move(*plan.credentials));
        std::optional<sfmc::sms::async_client<sfmc::sms::beast_async_transport>> client;
        if (tokens && plan.rest)
            client.emplace(http, *plan.rest, *tokens);
        else if (tokens)
            client.emplace(http, *tokens);
        else
            client.emplace(http, *plan.rest, *plan.token);
        auto const id = escaped(request.callback_id);
        asio::steady_timer timer(ex);
        for (int attempt = 1;; ++attempt) {
            sfmc::sms::ens::verify_callback call{request};
            auto const outcome = co_await client->async_run(std::move(call));
            if (outcome) {
                report("callback " + id + " verified");
                co_return;
            }
            if (outcome.error().code != sfmc::sms::error::not_found || attempt == 5) {
                report("verification of callback " + id + " failed: " + escaped(outcome.error().to_string()));
                co_return;
            }
            timer.expires_after(std::chrono::seconds(attempt));
            co_await timer.async_wait(asio::use_awaitable);
        }
    }

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
    cli::plan plan_;
    std::string cacert_;
    std::shared_ptr<registry> running_ = std::make_shared<registry>();
    std::thread thread_;
};

// Accepts connections until the acceptor is closed; each is served on a strand of its own.
asio::awaitable<void> accept(asio::io_context& io, asio::ip::tcp::acceptor& acceptor, receiver::server& server,
                             asio::ssl::context* tls)
{
    asio::steady_timer pause(co_await asio::this_coro::executor);
    std::chrono::milliseconds backoff{0};
    while (true) {
        auto const strand = asio::make_strand(io);
        auto [error, socket] = co_await acceptor.async_accept(strand, asio::as_tuple(asio::use_awaitable));
        if (error == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (error == asio::error::no_descriptors || error.value() == ENFILE || error == asio::error::no_buffer_space ||
            error == asio::error::no_memory) {
            // Out of descriptors or memory: the connection stays queued in the kernel. Trying
            // again at once would spin; a moment later, a connection may have ended.
            if (backoff == std::chrono::milliseconds{0})
                report("cannot accept a connection: " + error.message() + "; trying again shortly");
            backoff = std::clamp(backoff * 2, std::chrono::milliseconds{10}, std::chrono::milliseconds{1000});
            pause.expires_after(backoff);
            co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
            continue;
        }
        if (error)
            continue; // the client gave up already: keep serving the others
        backoff = std::chrono::milliseconds{0};
        boost::system::error_code ignored;
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        if (tls) {
            auto stream = std::make_shared<asio::ssl::stream<boost::beast::tcp_stream>>(
                boost::beast::tcp_stream(std::move(socket)), *tls);
            asio::co_spawn(strand, [stream, &server]() -> asio::awaitable<void> {
                boost::beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(10));
                auto [handshake_error] = co_await stream->async_handshake(asio::ssl::stream_base::server,
                                                                           asio::as_tuple(asio::use_awaitable));
                if (!handshake_error)
                    co_await server.serve(stream);
            }, asio::detached);
        } else {
            auto stream = std::make_shared<boost::beast::tcp_stream>(std::move(socket));
            asio::co_spawn(strand, [stream, &server]() -> asio::awaitable<void> { co_await server.serve(stream); },
                           asio::detached);
        }
    }
}

// The connections served at once are bounded by the descriptors the process may open: the
// soft limit is raised to the hard one, as daemons do.
void allow_all_descriptors()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// SIGHUP: reopens --out (a log rotation moved it) and reads --signature-key-file again.
// What cannot be done is reported, and the receiver goes on with what it had.
void reload(receiver::options const& opt, receiver::journal& journal, receiver::server& server)
{
    if (opt.out) {
        if (auto why = journal.reopen(*opt.out); why.empty())
            report("SIGHUP: journal " + *opt.out + " reopened");
        else
            report("SIGHUP: " + why + "; still writing to the file opened before");
    }
    if (opt.key_file) {
        auto read = receiver::read_key_file(*opt.key_file);
        if (auto const* why = std::get_if<std::string>(&read)) {
            report("SIGHUP: " + *why + "; the keys are unchanged");
        } else {
            auto keys = opt.given_keys;
            auto& from_file = std::get<0>(read);
            auto const n = from_file.size();
            keys.insert(keys.end(), from_file.begin(), from_file.end());
            server.set_keys(std::move(keys));
            report("SIGHUP: " + std::to_string(n) + (n == 1 ? " key" : " keys") + " read from " + *opt.key_file);
        }
    }
}

// What the journal and the store are, as the options say. The journal first: a receiver
// that cannot write must not accept anything. Null after reporting why it cannot start.
std::unique_ptr<receiver::journal> open_journal(receiver::options const& opt,
                                                std::vector<std::unique_ptr<receiver::store_when_ready>>& stores)
{
    // With a store, it decides which events are new: the journal needs no window of its own.
    std::size_t const window = opt.store ? 1 : 1'000'000;
    std::vector<sfmc::sms::ens::status_store*> writers;
    if (opt.store) {
        for (std::size_t i = 0; i < receiver::store_writers(*opt.store); ++i)
            writers.push_back(stores.emplace_back(std::make_unique<receiver::store_when_ready>(*opt.store)).get());
        if (!stores.front()->why_not().empty())
            report(stores.front()->why_not() + "; answering 503 until it can be opened");
    }
    std::unique_ptr<receiver::journal> journal;
    if (opt.out) {
        auto const started = std::chrono::steady_clock::now();
        auto opened = receiver::journal::open(*opt.out, window);
        if (auto const* why = std::get_if<std::string>(&opened)) {
            cannot_start(*why);
            return nullptr;
        }
        journal = std::move(std::get<0>(opened));
        auto const& scan = journal->scan();
        auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        report("journal " + *opt.out + ": " + std::to_string(scan.lines) + " events remembered in " +
               std::to_string(ms.count()) + " ms" +
               (scan.torn_bytes ? ", a torn last line of " + std::to_string(scan.torn_bytes) + " bytes removed" : "") +
               (scan.unreadable ? ", " + std::to_string(scan.unreadable) + " lines without a readable event" : ""));
    } else if (opt.store) {
        journal = receiver::journal::store_only(writers, std::chrono::days(opt.retention_days));
    } else {
        journal = std::make_unique<receiver::journal>(window);
    }
    if (opt.store && opt.out)
        journal->use_store(writers, std::chrono::days(opt.retention_days));
    return journal;
}

// The TLS context of --tls-cert and --tls-key; empty for plain HTTP. Why not, when it cannot be.
std::optional<std::string> use_tls(receiver::options const& opt, asio::ssl::context& context)
{
    boost::system::error_code ec;
    context.set_options(asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    if (context.use_certificate_chain_file(*opt.tls_cert, ec); ec)
        return "cannot use --tls-cert " + *opt.tls_cert + ": " + ec.message();
    if (context.use_private_key_file(*opt.tls_key, asio::ssl::context::pem, ec); ec)
        return "cannot use --tls-key " + *opt.tls_key + ": " + ec.message();
    return std::nullopt;
}

// Opens, binds and listens on `where` (with SO_REUSEPORT if asked); why not, when it cannot.
std::optional<std::string> listen_on(asio::ip::tcp::acceptor& acceptor, asio::ip::tcp::endpoint const& where, bool reuse_port)
{
    boost::system::error_code ec;
    if (acceptor.open(where.protocol(), ec); !ec)
        acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec && reuse_port)
        acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true), ec);
    if (!ec)
        acceptor.bind(where, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec)
        return std::nullopt;
    return "cannot listen on " + where.address().to_string() + ":" + std::to_string(where.port()) + ": " + ec.message();
}

// What a verification request does: completed by the receiver itself (--auto-verify), or
// reported with the request that completes it.
std::function<void(sfmc::sms::ens::verification_request)> on_verification(std::optional<verifier>& auto_verifier)
{
    return [&auto_verifier](sfmc::sms::ens::verification_request v) {
        auto const id = escaped(v.callback_id);
        if (!auto_verifier) {
            report("verification request for callback " + id + ": complete it with POST /platform/v1/ens-verify {\"callbackId\":\"" +
                   id + "\",\"verificationKey\":\"" + escaped(v.verification_key) + "\"}");
            return;
        }
        switch (auto_verifier->verify(std::move(v))) {
        case verifier::outcome::started: report("verification request for callback " + id + ": completing it"); break;
        case verifier::outcome::already_running:
            report("verification request for callback " + id + ": ignored, its handshake is in progress");
            break;
        case verifier::outcome::too_many:
            report("verification request for callback " + id + ": ignored, " + std::to_string(verifier::max_in_flight) +
                   " handshakes are in progress");
            break;
        }
    };
}

// SIGHUP: the journal's file and the key file again. SIGTERM, SIGINT: a clean stop; a second
// one during it: at once, exit 1, the journal's lines whole. Waited for on a thread of their
// own, so that the wait for a second signal keeps no work on the server's io_context, whose
// run ends once the last batch in progress is answered.
class signal_watch {
public:
    signal_watch(receiver::options const& opt, receiver::journal& journal, receiver::server& server,
                 std::function<void()> stop)
        : signals_(io_, SIGTERM, SIGINT, SIGHUP), opt_(opt), journal_(journal), server_(server), stop_(std::move(stop))
    {
        wait();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~signal_watch()
    {
        io_.stop();
        thread_.join();
    }

private:
    void wait()
    {
        signals_.async_wait([this](boost::system::error_code const& error, int signal) {
            if (error)
                return;
            if (signal == SIGHUP) {
                reload(opt_, journal_, server_);
            } else if (!stopping_) {
                stopping_ = true;
                report("stopping: finishing the batches in progress");
                stop_();
            } else {
                report("stopping at once: the batches in progress are not answered");
                journal_.halt(std::chrono::milliseconds(900));
                std::_Exit(exit_cannot_start);
            }
            wait();
        });
    }

    asio::io_context io_;
    asio::signal_set signals_;
    receiver::options const& opt_;
    receiver::journal& journal_;
    receiver::server& server_;
    std::function<void()> stop_;
    bool stopping_ = false;
    std::thread thread_;
};

// Runs `io` on up to four threads, this one among them, until it has no work left.
void run_threads(asio::io_context& io)
{
    auto const threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool)
        t.join();
}

} // namespace

int main(int argc, char** argv)
{
    // A journal on a closed pipe is a write error to report, not a signal that kills; a
    // SIGHUP before its handler is set is no reason to die either.
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);
    allow_all_descriptors();
    std::vector<std::string_view> args(argv + 1, argv + argc);
    auto parsed = receiver::parse(args, cli::from_process_environment);
    if (auto const* e = std::get_if<cli::usage_error>(&parsed))
        return usage(e->message);
    auto& opt = std::get<receiver::options>(parsed);
    if (opt.help) {
        std::cout << usage_text;
        return exit_ok;
    }
    if (opt.version) {
        std::cout << "sfmc-ens-receiver " SFMC_SMS_VERSION_STRING "\n";
        return exit_ok;
    }
    std::optional<cli::plan> plan;
    if (opt.auto_verify) {
        auto planned = cli::make_plan(opt);
        if (auto const* e = std::get_if<cli::usage_error>(&planned))
            return usage("--auto-verify: " + e->message);
        plan = std::move(std::get<cli::plan>(planned));
    }

    std::vector<std::unique_ptr<receiver::store_when_ready>> stores; // a connection each writer
    auto journal = open_journal(opt, stores);
    if (!journal)
        return exit_cannot_start;
    asio::ssl::context tls_context(asio::ssl::context::tls_server);
    if (opt.tls_cert)
        if (auto why = use_tls(opt, tls_context))
            return cannot_start(*why);
    asio::ssl::context* const tls = opt.tls_cert ? &tls_context : nullptr;

    asio::io_context io;
    boost::system::error_code ec;
    auto const address = asio::ip::make_address(opt.listen.host, ec);
    if (ec)
        return usage("--listen takes a numeric IPv4 or IPv6 address");
    // The acceptor lives on a strand of its own: the accept loop and the stop (from the signal
    // handler, on any io thread) never touch it at the same time.
    auto const acceptor_strand = asio::make_strand(io);
    asio::ip::tcp::acceptor acceptor(acceptor_strand);
    if (auto why = listen_on(acceptor, {address, opt.listen.port}, opt.reuse_port))
        return cannot_start(*why);

    std::optional<verifier> auto_verifier;
    if (plan)
        auto_verifier.emplace(std::move(*plan), opt.cacert.value_or(""));
    receiver::metrics counters;
    receiver::server server({.io = io.get_executor(),
                             .path = opt.path,
                             .keys = opt.keys,
                             .reading = opt.reading,
                             .max_body = opt.max_body,
                             .header_timeout = std::chrono::seconds(10),
                             .body_timeout = std::chrono::seconds(30),
                             .on_verification = on_verification(auto_verifier),
                             .report = report,
                             .store = opt.store.has_value(),
                             .store_lines = opt.store.has_value() && opt.out.has_value(),
                             .healthy = [&journal, &stores] {
                                 return journal->store_healthy() &&
                                        std::ranges::all_of(stores, [](auto const& s) { return s->is_open(); });
                             }},
                            *journal, counters);

    asio::co_spawn(acceptor_strand, accept(io, acceptor, server, tls), asio::detached);
    {
        signal_watch signals(opt, *journal, server, [&] {
            if (auto_verifier)
                auto_verifier->stop();
            asio::post(acceptor_strand, [&acceptor] {
                boost::system::error_code ignored;
                acceptor.close(ignored);
            });
            server.idle().stop();
        });
        auto const local = acceptor.local_endpoint();
        auto const host = local.address().is_v6() ? "[" + local.address().to_string() + "]" : local.address().to_string();
        report(std::string("listening on ") + (tls ? "https" : "http") + "://" + host + ":" + std::to_string(local.port()) +
               opt.path);
        run_threads(io);
    }
    journal->stop();
    report("stopped");
    return exit_ok;
}
