// The receiver's HTTP side, over Boost.Beast: connections, limits, timeouts, and the answers
// of the manual's table. What a batch means is the library's (signature, decoding); where it
// goes is the journal's.
#ifndef SFMC_ENS_RECEIVER_SERVER_HPP
#define SFMC_ENS_RECEIVER_SERVER_HPP

#include <sfmc/sms/detail/body.hpp>
#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/signature.hpp>
#include <sfmc/sms/limits.hpp>

#include "journal.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace receiver {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

/// The counters `GET /metrics` shows.
struct metrics {
    std::atomic<std::uint64_t> accepted{0}, unsigned_batches{0}, bad_signature{0}, malformed{0}, too_large{0};
    std::atomic<std::uint64_t> events{0}, duplicates{0}, store_errors{0};

    /// Prometheus text format.
    std::string text() const
    {
        std::string out = "# HELP sfmc_ens_batches_total Batches received, by outcome.\n"
                          "# TYPE sfmc_ens_batches_total counter\n";
        auto const line = [&](char const* outcome, std::atomic<std::uint64_t> const& n) {
            out += "sfmc_ens_batches_total{outcome=\"";
            out += outcome;
            out += "\"} " + std::to_string(n.load()) + '\n';
        };
        line("accepted", accepted);
        line("unsigned", unsigned_batches);
        line("bad_signature", bad_signature);
        line("malformed", malformed);
        line("too_large", too_large);
        out += "# HELP sfmc_ens_events_total Events written to the journal.\n# TYPE sfmc_ens_events_total counter\n";
        out += "sfmc_ens_events_total " + std::to_string(events.load()) + '\n';
        out += "# HELP sfmc_ens_duplicates_total Events received again and not written.\n"
               "# TYPE sfmc_ens_duplicates_total counter\n";
        out += "sfmc_ens_duplicates_total " + std::to_string(duplicates.load()) + '\n';
        out += "# HELP sfmc_ens_store_errors_total Batches the store could not take (answered 503).\n"
               "# TYPE sfmc_ens_store_errors_total counter\n";
        out += "sfmc_ens_store_errors_total " + std::to_string(store_errors.load()) + '\n';
        return out;
    }
};

/// What the server is told at start.
struct server_config {
    asio::io_context::executor_type io; // where the journal's completions are posted
    std::string path;
    std::vector<sfmc::sms::ens::signature_key> keys;
    sfmc::sms::ens::key_reading reading = sfmc::sms::ens::key_reading::either;
    std::size_t max_body = sfmc::sms::limits::receiver_body_bytes;
    std::size_t body_budget = sfmc::sms::limits::receiver_bodies_in_flight; // in all (at least max_body)
    std::chrono::seconds header_timeout{10}; // an idle or slow client: the connection is closed
    std::chrono::seconds body_timeout{30};
    std::function<void(sfmc::sms::ens::verification_request)> on_verification;
    std::function<void(std::string const&)> report; // one line to standard error
    bool store = false;                             // a status store decides which events are new
    bool store_lines = false;                       // ... and journal lines go beside it (--out)
    std::function<bool()> healthy;                  // false while the store cannot be written
};

/// Connections waiting for a request, which a clean stop closes (those with a request in
/// progress finish it).
class idle_connections {
public:
    // Registers a way to cancel a connection's wait; nullopt when the server is stopping.
    std::optional<std::uint64_t> enter(std::function<void()> cancel)
    {
        std::lock_guard lock(m_);
        if (stopping_)
            return std::nullopt;
        waiting_.emplace(++last_, std::move(cancel));
        return last_;
    }
    void leave(std::uint64_t id)
    {
        std::lock_guard lock(m_);
        waiting_.erase(id);
    }
    void stop()
    {
        std::unordered_map<std::uint64_t, std::function<void()>> waiting;
        {
            std::lock_guard lock(m_);
            stopping_ = true;
            waiting.swap(waiting_);
        }
        for (auto& [id, cancel] : waiting)
            cancel();
    }
    bool stopping() const
    {
        std::lock_guard lock(m_);
        return stopping_;
    }

private:
    mutable std::mutex m_;
    bool stopping_ = false;
    std::uint64_t last_ = 0;
    std::unordered_map<std::uint64_t, std::function<void()>> waiting_;
};

/// Hands a batch to the journal and resumes the caller on its own executor when it is written.
/// The writer thread touches only `io`, the io_context's own executor (a plain pointer): the
/// caller's strand is copied, kept and released on the io threads alone (ThreadSanitizer does
/// not follow the fences of Asio's shared executors across other threads).
template <class CompletionToken>
auto async_commit(journal& j, asio::io_context::executor_type io, journal_batch batch,
                  CompletionToken&& token)
{
    return asio::async_initiate<CompletionToken, void(commit_result)>(
        [&j, io](auto handler, journal_batch batch) {
            // std::function wants a copyable callable: the handler is shared, and moved out once.
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto work = asio::make_work_guard(io);
            j.submit(std::move(batch), [shared, work = std::move(work), io](commit_result r) mutable {
                asio::post(io, [h = std::move(*shared), r = std::move(r)]() mutable {
                    auto const ex = asio::get_associated_executor(h);
                    asio::dispatch(ex, [h = std::move(h), r = std::move(r)]() mutable { std::move(h)(std::move(r)); });
                });
                work.reset();
            });
        },
        token, std::move(batch));
}

/** The memory that request bodies still arriving may hold, in all: each request takes its
    share (its Content-Length, or `--max-body` when it does not say) once its head has
    arrived, and gives it back once answered. No fixed number of connections bounds it, so
    any number of stalled clients cannot keep ENS out, nor make the receiver hold more.
*/
class body_budget {
public:
    explicit body_budget(std::size_t bytes) : left_(bytes) {}

    /// Takes `bytes`; false (nothing taken) when that is more than is left.
    bool take(std::size_t bytes)
    {
        std::lock_guard lock(m_);
        if (bytes > left_)
            return false;
        left_ -= bytes;
        return true;
    }
    void give_back(std::size_t bytes)
    {
        std::lock_guard lock(m_);
        left_ += bytes;
    }

private:
    std::mutex m_;
    std::size_t left_;
};

class server {
public:

    server(server_config config, journal& j, metrics& m)
        : config_(std::move(config)), journal_(j), metrics_(m),
          keys_(std::make_shared<std::vector<sfmc::sms::ens::signature_key> const>(std::move(config_.keys))),
          budget_(std::max(config_.body_budget, config_.max_body))
    {
    }

    idle_connections& idle() noexcept { return idle_; }

    /// Replaces the keys batches are checked with (SIGHUP): batches already being checked
    /// finish with the keys they started with.
    void set_keys(std::vector<sfmc::sms::ens::signature_key> keys)
    {
        auto fresh = std::make_shared<std::vector<sfmc::sms::ens::signature_key> const>(std::move(keys));
        std::lock_guard lock(keys_mutex_);
        keys_.swap(fresh);
    }

    /// Serves one connection to its end: keep-alive, limits, timeouts.
    template <class Stream>
    asio::awaitable<void> serve(std::shared_ptr<Stream> stream)
    {
        auto const ex = co_await asio::this_coro::executor;
        beast::flat_buffer buffer; // grown for a body, given back between requests: idle connections hold little
        while (true) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(16 * 1024);
            parser.body_limit(config_.max_body);
            // Waiting for a request: a clean stop may close the connection now.
            auto const waiting = idle_.enter([ex, weak = std::weak_ptr<Stream>(stream)] {
                asio::post(ex, [weak] {
                    if (auto s = weak.lock())
                        beast::get_lowest_layer(*s).cancel();
                });
            });
            if (!waiting)
                break;
            beast::get_lowest_layer(*stream).expires_after(config_.header_timeout);
            auto [header_error, header_bytes] =
                co_await http::async_read_header(*stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
            idle_.leave(*waiting);
            // A Content-Length over the limit is known from the head alone.
            bool const too_large = header_error == http::error::body_limit;
            if (header_error && !too_large)
                break; // closed, timed out, stopped, or not HTTP: nothing to answer
            // From here the request is in progress: it is read and answered, even while stopping.
            http::response<http::string_body> res;
            bool close = false;
            beast::error_code body_error = header_error;
            // Its share of the memory bodies may hold: what it says it sends, or the most it may.
            auto const share = too_large || parser.is_done()
                                   ? 0 // no body (a GET), or one refused unread
                                   : static_cast<std::size_t>(parser.content_length().value_or(config_.max_body));
            bool const granted = share == 0 || budget_.take(share);
            if (!too_large && granted) {
                // Beast reads as much as the buffer has room for, 512 bytes at least: left at
                // that, a 500 KB batch would take a thousand reads. 64 KiB (Beast's most) a few dozen.
                if (share > 0)
                    buffer.reserve(std::min<std::size_t>(share, 64 * 1024));
                beast::get_lowest_layer(*stream).expires_after(config_.body_timeout);
                auto [read_error, body_bytes] =
                    co_await http::async_read(*stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
                body_error = read_error;
            }
            auto& req = parser.get();
            if (!granted) {
                // Over the budget: answered at once, its body unread (ENS retries after a 503).
                res = answer(req, http::status::service_unavailable, "too many batches in flight; retry\n");
                res.set(http::field::retry_after, "1");
                close = true;
            } else if (body_error == http::error::body_limit) {
                ++metrics_.too_large;
                res = answer(req, http::status::payload_too_large, "the body is larger than --max-body\n");
                close = true;
            } else if (body_error) {
                budget_.give_back(share);
                break;
            } else {
                res = co_await handle(req);
            }
            if (granted) {
                budget_.give_back(share);
                req.body() = std::string(); // the memory goes back with the share
            }
            res.keep_alive(!close && req.keep_alive() && !idle_.stopping());
            res.prepare_payload();
            beast::get_lowest_layer(*stream).expires_after(config_.body_timeout);
            auto [write_error, written] = co_await http::async_write(*stream, res, asio::as_tuple(asio::use_awaitable));
            if (write_error || !res.keep_alive()) {
                if (!write_error && close)
                    co_await drain(*stream);
                break;
            }
            if (buffer.size() == 0)
                buffer.shrink_to_fit();
        }
        beast::error_code ignored;
        beast::get_lowest_layer(*stream).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }

private:
    // After answering a body it did not read (413), the connection is closed: first the
    // sending side, then what the client is still sending is read and dropped for a moment
    // (at most 1 s and 4 MiB), so that the close does not reset the connection before the
    // client has read the answer.
    template <class Stream>
    static asio::awaitable<void> drain(Stream& stream)
    {
        beast::error_code ignored;
        beast::get_lowest_layer(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
        char sink[16384];
        for (int i = 0; i < 256; ++i) {
            auto [error, n] = co_await beast::get_lowest_layer(stream).async_read_some(asio::buffer(sink),
                                                                                       asio::as_tuple(asio::use_awaitable));
            if (error)
                break;
        }
    }

    static http::response<http::string_body> answer(http::request<http::string_body> const& req, http::status status,
                                                    std::string body, char const* type = "text/plain; charset=utf-8")
    {
        http::response<http::string_body> res(status, req.version());
        res.set(http::field::server, "sfmc-ens-receiver");
        if (!body.empty())
            res.set(http::field::content_type, type);
        res.body() = std::move(body);
        return res;
    }

    asio::awaitable<http::response<http::string_body>> handle(http::request<http::string_body>& req)
    {
        std::string_view target = req.target();
        auto const path = target.substr(0, target.find('?'));
        if (path != config_.path) {
            if (req.method() == http::verb::get && path == "/healthz") {
                if (config_.healthy && !config_.healthy())
                    co_return answer(req, http::status::service_unavailable, "the store cannot be written\n");
                co_return answer(req, http::status::ok, "ok\n");
            }
            if (req.method() == http::verb::get && path == "/metrics")
                co_return answer(req, http::status::ok, metrics_.text(), "text/plain; version=0.0.4; charset=utf-8");
            co_return answer(req, http::status::not_found, "not found\n");
        }
        if (req.method() != http::verb::post) {
            auto res = answer(req, http::status::method_not_allowed, "POST only\n");
            res.set(http::field::allow, "POST");
            co_return res;
        }
        if (auto const type = req.find(http::field::content_type);
            type != req.end() && !sfmc::sms::detail::is_json_media_type(type->value()))
            co_return answer(req, http::status::unsupported_media_type, "the body must be JSON\n");
        auto const& body = req.body();
        auto const signature = req.find(sfmc::sms::ens::signature_header);
        if (signature == req.end()) {
            // Unsigned: only ENS's verification request is answered.
            if (auto v = sfmc::sms::ens::parse_verification_request(body)) {
                config_.on_verification(std::move(*v));
                co_return answer(req, http::status::ok, "");
            }
            ++metrics_.unsigned_batches;
            co_return answer(req, http::status::unauthorized, "no x-sfmc-ens-signature\n");
        }
        // The signature first, over the bytes as received; only then is the body parsed.
        if (!sfmc::sms::ens::verify(body, signature->value(), *keys(), config_.reading)) {
            ++metrics_.bad_signature;
            co_return answer(req, http::status::unauthorized, "the signature matches no key\n");
        }
        // Each event straight to its line: a batch is held once as lines, not also as events.
        // Any number of events within --max-body: ENS documents 1000 a batch at most, but
        // refusing a correctly signed batch would lose its events after ENS's retries.
        journal_batch batch;
        batch.reserve(body.size() / 256 + 1, body.size() + body.size() / 2 + 256); // a line adds ~250 bytes to an event of ~500
        auto const read = sfmc::sms::ens::for_each_event(
            body, {.max_body_size = config_.max_body, .max_events = std::size_t(-1)},
            [&](sfmc::sms::ens::event const& e) { config_.store ? batch.add_for_store(e, config_.store_lines) : batch.add(e); });
        if (!read) {
            ++metrics_.malformed;
            co_return answer(req, http::status::bad_request, read.error().to_string() + '\n');
        }
        auto const committed = co_await async_commit(journal_, config_.io, std::move(batch), asio::use_awaitable);
        if (!committed.ok && committed.store_failed) {
            ++metrics_.store_errors;
            config_.report(committed.error + "; the batch is not acknowledged");
            auto res = answer(req, http::status::service_unavailable, "the store cannot be written; retry\n");
            res.set(http::field::retry_after, "1");
            co_return res;
        }
        if (!committed.ok) {
            config_.report("journal: " + committed.error + "; the batch is not acknowledged");
            co_return answer(req, http::status::internal_server_error, "the journal could not be written\n");
        }
        ++metrics_.accepted;
        metrics_.events += committed.written;
        metrics_.duplicates += committed.duplicates;
        co_return answer(req, http::status::ok, "");
    }

    std::shared_ptr<std::vector<sfmc::sms::ens::signature_key> const> keys() const
    {
        std::lock_guard lock(keys_mutex_);
        return keys_;
    }

    server_config config_;
    journal& journal_;
    metrics& metrics_;
    idle_connections idle_;
    mutable std::mutex keys_mutex_;
    std::shared_ptr<std::vector<sfmc::sms::ens::signature_key> const> keys_;
    body_budget budget_;
};

} // namespace receiver

#endif
