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

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

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
  --out FILE               append events to FILE, synced before answering (default: stdout)
  --max-body BYTES         largest batch accepted (default 16777216)
  --tls-cert FILE, --tls-key FILE
                           serve HTTPS with this PEM certificate chain and key
  --reuse-port             share the port with other receivers started so (SO_REUSEPORT):
                           the kernel spreads the connections; give each its own --out
  --auto-verify            complete ENS's verification handshake through the API; takes
                           sfmc-sms-status's --subdomain, --rest-url, --auth-url, --client-id,
                           --client-secret, --account-id, --token, --cacert (and variables)
  -h, --help; --version

Also: GET /healthz, GET /metrics (Prometheus). SIGTERM or SIGINT: stop accepting, finish
the batches in progress, exit 0.
Exit status: 0 stopped by a signal, 1 could not start, 2 usage error.
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

// Completes the handshake: the verification request goes back to the API through the
// library's coroutine client. The API may not know the callback until its creation call
// has returned, which waits for this very answer: a 404 is tried again a few times.
class verifier {
public:
    verifier(asio::io_context& io, cli::plan plan, std::string cacert) : io_(io), http_(io.get_executor(), options(cacert))
    {
        if (plan.credentials)
            tokens_.emplace(http_, std::move(*plan.auth), std::move(*plan.credentials));
        plan_ = std::move(plan);
        cacert_ = std::move(cacert);
    }

    void verify(sfmc::sms::ens::verification_request request)
    {
        asio::co_spawn(io_, run(std::move(request)), asio::detached);
    }

private:
    static sfmc::sms::transport_options options(std::string const& cacert)
    {
        sfmc::sms::transport_options o;
        o.ca_file = cacert;
        return o;
    }

    asio::awaitable<void> run(sfmc::sms::ens::verification_request request)
    {
        auto const ex = co_await asio::this_coro::executor;
        sfmc::sms::beast_async_transport http(ex, options(cacert_));
        std::optional<sfmc::sms::async_client<sfmc::sms::beast_async_transport>> client;
        if (tokens_ && plan_.rest)
            client.emplace(http, *plan_.rest, *tokens_);
        else if (tokens_)
            client.emplace(http, *tokens_);
        else
            client.emplace(http, *plan_.rest, *plan_.token);
        auto const id = request.callback_id;
        asio::steady_timer timer(ex);
        for (int attempt = 1;; ++attempt) {
            sfmc::sms::ens::verify_callback call{request};
            auto const outcome = co_await client->async_run(std::move(call));
            if (outcome) {
                report("callback " + id + " verified");
                co_return;
            }
            if (outcome.error().code != sfmc::sms::error::not_found || attempt == 5) {
                report("verification of callback " + id + " failed: " + outcome.error().to_string());
                co_return;
            }
            timer.expires_after(std::chrono::seconds(attempt));
            co_await timer.async_wait(asio::use_awaitable);
        }
    }

    asio::io_context& io_;
    sfmc::sms::beast_async_transport http_;
    std::optional<sfmc::sms::async_token_provider> tokens_;
    cli::plan plan_;
    std::string cacert_;
};

// Accepts connections until the acceptor is closed; each is served on a strand of its own.
asio::awaitable<void> accept(asio::io_context& io, asio::ip::tcp::acceptor& acceptor, receiver::server& server,
                             asio::ssl::context* tls)
{
    while (true) {
        auto const strand = asio::make_strand(io);
        auto [error, socket] = co_await acceptor.async_accept(strand, asio::as_tuple(asio::use_awaitable));
        if (error == asio::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (error)
            continue; // the client gave up already, or a descriptor limit: keep serving the others
        boost::system::error_code ignored;
        auto slot = server.admit();
        if (!slot) { // as many connections as memory was planned for: this one waits for a later try
            socket.close(ignored);
            continue;
        }
        socket.set_option(asio::ip::tcp::no_delay(true), ignored);
        if (tls) {
            auto stream = std::make_shared<asio::ssl::stream<boost::beast::tcp_stream>>(
                boost::beast::tcp_stream(std::move(socket)), *tls);
            asio::co_spawn(strand, [stream, slot, &server]() -> asio::awaitable<void> {
                boost::beast::get_lowest_layer(*stream).expires_after(std::chrono::seconds(10));
                auto [handshake_error] = co_await stream->async_handshake(asio::ssl::stream_base::server,
                                                                           asio::as_tuple(asio::use_awaitable));
                if (!handshake_error)
                    co_await server.serve(stream);
            }, asio::detached);
        } else {
            auto stream = std::make_shared<boost::beast::tcp_stream>(std::move(socket));
            asio::co_spawn(strand, [stream, slot, &server]() -> asio::awaitable<void> { co_await server.serve(stream); },
                           asio::detached);
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    // A journal on a closed pipe is a write error to report, not a signal that kills.
    std::signal(SIGPIPE, SIG_IGN);
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

    // The journal first: a receiver that cannot write must not accept anything.
    std::unique_ptr<receiver::journal> journal;
    constexpr std::size_t window = 1'000'000;
    if (opt.out) {
        auto const started = std::chrono::steady_clock::now();
        auto opened = receiver::journal::open(*opt.out, window);
        if (auto const* why = std::get_if<std::string>(&opened))
            return cannot_start(*why);
        journal = std::move(std::get<0>(opened));
        auto const& scan = journal->scan();
        auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        report("journal " + *opt.out + ": " + std::to_string(scan.lines) + " events remembered in " +
               std::to_string(ms.count()) + " ms" +
               (scan.torn_bytes ? ", a torn last line of " + std::to_string(scan.torn_bytes) + " bytes removed" : "") +
               (scan.unreadable ? ", " + std::to_string(scan.unreadable) + " lines without a readable event" : ""));
    } else {
        journal = std::make_unique<receiver::journal>(window);
    }

    asio::ssl::context tls_context(asio::ssl::context::tls_server);
    asio::ssl::context* tls = nullptr;
    if (opt.tls_cert) {
        boost::system::error_code ec;
        tls_context.set_options(asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
        if (tls_context.use_certificate_chain_file(*opt.tls_cert, ec); ec)
            return cannot_start("cannot use --tls-cert " + *opt.tls_cert + ": " + ec.message());
        if (tls_context.use_private_key_file(*opt.tls_key, asio::ssl::context::pem, ec); ec)
            return cannot_start("cannot use --tls-key " + *opt.tls_key + ": " + ec.message());
        tls = &tls_context;
    }

    asio::io_context io;
    boost::system::error_code ec;
    auto const address = asio::ip::make_address(opt.listen.host, ec);
    if (ec)
        return usage("--listen takes a numeric IPv4 or IPv6 address");
    asio::ip::tcp::endpoint const where(address, opt.listen.port);
    // The acceptor lives on a strand of its own: the accept loop and the stop (from the signal
    // handler, on any io thread) never touch it at the same time.
    auto const acceptor_strand = asio::make_strand(io);
    asio::ip::tcp::acceptor acceptor(acceptor_strand);
    if (acceptor.open(where.protocol(), ec); !ec)
        acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec && opt.reuse_port)
        acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true), ec);
    if (!ec)
        acceptor.bind(where, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return cannot_start("cannot listen on " + where.address().to_string() + ":" + std::to_string(opt.listen.port) +
                            ": " + ec.message());

    std::optional<verifier> auto_verifier;
    if (plan)
        auto_verifier.emplace(io, std::move(*plan), opt.cacert.value_or(""));
    receiver::metrics counters;
    receiver::server server(
        {.io = io.get_executor(),
         .path = opt.path,
         .keys = opt.keys,
         .reading = opt.reading,
         .max_body = opt.max_body,
         .header_timeout = std::chrono::seconds(10),
         .body_timeout = std::chrono::seconds(30),
         .on_verification =
             [&](sfmc::sms::ens::verification_request v) {
                 if (auto_verifier) {
                     report("verification request for callback " + v.callback_id + ": completing it");
                     auto_verifier->verify(std::move(v));
                 } else {
                     report("verification request for callback " + v.callback_id +
                            ": complete it with POST /platform/v1/ens-verify {\"callbackId\":\"" + v.callback_id +
                            "\",\"verificationKey\":\"" + v.verification_key + "\"}");
                 }
             },
         .report = report},
        *journal, counters);

    asio::co_spawn(acceptor_strand, accept(io, acceptor, server, tls), asio::detached);
    asio::signal_set signals(io, SIGTERM, SIGINT);
    signals.async_wait([&](boost::system::error_code const& error, int) {
        if (error)
            return;
        report("stopping: finishing the batches in progress");
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

    auto const threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool)
        t.join();
    journal->stop();
    report("stopped");
    return exit_ok;
}
