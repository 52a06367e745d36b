// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ADAPTERS_BEAST_ASYNC_TRANSPORT_HPP
#define SFMC_SMS_ADAPTERS_BEAST_ASYNC_TRANSPORT_HPP

// Opt-in: include this header yourself and link OpenSSL (OpenSSL::SSL) and threads. Neither
// <sfmc/sms.hpp> nor the single header includes it. Unlike the rest of the library it needs
// exceptions enabled: Beast 1.81 throws in its own headers.

#include <sfmc/sms/async_transport.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/transport_options.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <variant>

namespace sfmc::sms {

/// How the Beast transports connect: see @ref transport_options.

/** A transport over Boost.Beast for Asio C++20 coroutines: `co_await t.async_send(req)`.

    Keeps one connection (TCP, or TLS with SNI, certificate and host name verified) and
    reuses it while it is younger than `max_idle` and the server keeps it open; a reused
    connection found closed is replaced once, transparently. Never follows redirects; every
    HTTP status is data. Failures without a response come back as Asio, Beast or OpenSSL
    error codes (their condition is `condition::transport`), a timeout as
    `boost::beast::error::timeout`, an oversized response as `error::body_too_large`.

    One exchange at a time: like a Beast stream, a transport must not be used by two
    coroutines at once.

    @par Example
    @code
    boost::asio::awaitable<void> look_up(sfmc::sms::endpoint rest, sfmc::sms::access_token token)
    {
        auto const executor = co_await boost::asio::this_coro::executor; // a statement of its own for GCC 12
        sfmc::sms::beast_async_transport http(executor);
        sfmc::sms::async_client sms(http, rest, token); // <sfmc/sms/async_client.hpp>
        auto status = co_await sms.async_get_status("bcX0qaEp0USGciEnUJTW0w");
    }
    @endcode
*/
class beast_async_transport {
public:
    /// A transport whose connections and timers run on `ex`.
    explicit beast_async_transport(boost::asio::any_io_executor ex, transport_options opt = {})
        : ex_(std::move(ex)), opt_(std::move(opt)), tls_(boost::asio::ssl::context::tls_client)
    {
        boost::system::error_code ignored;
        tls_.set_default_verify_paths(ignored);
        if (!opt_.ca_file.empty())
            tls_.load_verify_file(opt_.ca_file, ca_error_);
        tls_.set_verify_mode(boost::asio::ssl::verify_peer, ignored);
    }

    /// The executor the transport's connections and timers run on.
    using executor_type = boost::asio::any_io_executor;
    /// The executor the transport's connections and timers run on, as Asio's I/O objects say.
    executor_type get_executor() const noexcept { return ex_; }

    /// Sends `req` as it is and returns the response, whatever its status, or why there is none.
    boost::asio::awaitable<result<http_response>> async_send(http_request const& req)
    {
        if (ca_error_)
            co_return ca_error_;
        auto const deadline = std::chrono::steady_clock::now() + opt_.timeout;
        bool const reused = reusable(req);
        if (!reused) {
            if (auto ec = co_await connect(req, deadline))
                co_return ec;
        }
        auto r = co_await exchange(req, deadline);
        if (!r && reused && is_stale_connection(r.error()) && std::chrono::steady_clock::now() < deadline) {
            // The server closed the kept connection while it was idle: one new one.
            if (auto ec = co_await connect(req, deadline))
                co_return ec;
            r = co_await exchange(req, deadline);
        }
        if (!r)
            conn_.reset();
        co_return r;
    }

private:
    using tcp = boost::asio::ip::tcp;
    using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    struct connection {
        std::string scheme, host;
        std::uint16_t port = 0;
        std::chrono::steady_clock::time_point last_used;
        std::variant<boost::beast::tcp_stream, tls_stream> stream;
        boost::beast::flat_buffer buffer;
    };

    static constexpr auto nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);

    bool reusable(http_request const& req) const
    {
        return conn_ && conn_->scheme == req.scheme() && conn_->host == req.host() && conn_->port == req.port() &&
               std::chrono::steady_clock::now() - conn_->last_used < opt_.max_idle;
    }

    static bool is_stale_connection(boost::system::error_code const& ec)
    {
        namespace ae = boost::asio::error;
        return ec == boost::beast::http::error::end_of_stream || ec == ae::eof || ec == ae::connection_reset ||
               ec == ae::broken_pipe || ec == boost::asio::ssl::error::stream_truncated;
    }

    static boost::beast::tcp_stream& lowest(connection& c)
    {
        if (auto* plain = std::get_if<boost::beast::tcp_stream>(&c.stream))
            return *plain;
        return std::get<tls_stream>(c.stream).next_layer();
    }

    boost::asio::awaitable<boost::system::error_code> connect(http_request const& req,
                                                              std::chrono::steady_clock::time_point deadline)
    {
        conn_.reset();
        auto const connect_deadline = std::min(deadline, std::chrono::steady_clock::now() + opt_.connect_timeout);
        std::string const host(req.host());
        bool const secure = req.scheme() == "https";

        boost::beast::tcp_stream tcp_stream(ex_);
        tcp_stream.expires_at(connect_deadline);
        // No temporary lives across a co_await in this file: GCC 12 destroys some too early.
        std::string const port = std::to_string(req.port());
        auto [rec, endpoints] = co_await resolve(host, port, connect_deadline);
        if (rec)
            co_return rec;
        auto [cec, ignored] = co_await tcp_stream.async_connect(endpoints, nothrow);
        (void)ignored;
        if (cec)
            co_return cec;

        if (!secure) {
            conn_.emplace(connection{std::string(req.scheme()), host, req.port(), {}, std::move(tcp_stream), {}});
            co_return boost::system::error_code{};
        }
        tls_stream stream(std::move(tcp_stream), tls_);
        boost::system::error_code ec;
        boost::asio::ip::make_address(host, ec);
        bool const is_ip = !ec;
        // SNI names a DNS host, never an address (RFC 6066 section 3).
        if (!is_ip && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
            co_return boost::system::error_code(static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category());
        stream.set_verify_callback(boost::asio::ssl::host_name_verification(host));
        auto [hec] = co_await stream.async_handshake(boost::asio::ssl::stream_base::client, nothrow);
        if (hec)
            co_return hec;
        conn_.emplace(connection{std::string(req.scheme()), host, req.port(), {}, std::move(stream), {}});
        co_return boost::system::error_code{};
    }

    // Resolves `host` by `deadline`. Asio's resolver runs getaddrinfo on a thread of its own,
    // which nothing interrupts, and has no timeout: so the wait is what is bounded. A timer
    // and the resolution race on one strand; at the deadline the caller goes on with
    // `beast::error::timeout`, and a resolution that ends later is dropped.
    boost::asio::awaitable<std::tuple<boost::system::error_code, tcp::resolver::results_type>> resolve(
        std::string const& host, std::string const& port, std::chrono::steady_clock::time_point deadline)
    {
        using results = tcp::resolver::results_type;
        // Named locals, each in a statement of its own: GCC 12 destroys temporaries of a
        // co_await expression too early.
        auto token = boost::asio::as_tuple(boost::asio::use_awaitable);
        auto initiation = [this, host, port, deadline](auto handler) {
                using handler_type = decltype(handler);
                struct race {
                    race(boost::asio::strand<boost::asio::any_io_executor> s, handler_type h)
                        : strand(s), resolver(s), timer(s), handler(std::move(h))
                    {
                    }
                    boost::asio::strand<boost::asio::any_io_executor> strand;
                    tcp::resolver resolver;
                    boost::asio::steady_timer timer;
                    std::optional<handler_type> handler; // empty once one side has won
                    void finish(boost::system::error_code ec, results r)
                    {
                        if (!handler)
                            return;
                        auto h = std::move(*handler);
                        handler.reset();
                        timer.cancel();
                        resolver.cancel();
                        auto const ex = boost::asio::get_associated_executor(h, strand);
                        boost::asio::post(ex, [h = std::move(h), ec, r = std::move(r)]() mutable { std::move(h)(ec, std::move(r)); });
                    }
                };
                auto const strand = boost::asio::make_strand(ex_);
                auto r = std::make_shared<race>(strand, std::move(handler));
                // Everything that touches the race runs on its strand, its start included.
                boost::asio::dispatch(strand, [r, host, port, deadline] {
                    r->timer.expires_at(deadline);
                    r->timer.async_wait(boost::asio::bind_executor(r->strand, [r](boost::system::error_code ec) {
                        if (!ec)
                            r->finish(boost::beast::error::timeout, {});
                    }));
                    r->resolver.async_resolve(host, port,
                                              boost::asio::bind_executor(r->strand, [r](boost::system::error_code ec, results found) {
                                                  r->finish(ec, std::move(found));
                                              }));
                });
            };
        auto resolution = boost::asio::async_initiate<decltype(token), void(boost::system::error_code, results)>(
            std::move(initiation), token);
        auto outcome = co_await std::move(resolution);
        co_return outcome;
    }

    boost::asio::awaitable<result<http_response>> exchange(http_request const& req,
                                                           std::chrono::steady_clock::time_point deadline)
    {
        namespace http = boost::beast::http;
        auto& c = *conn_;
        http::request<http::string_body> out(http::string_to_verb(req.method()), req.target(), 11);
        for (auto h : req.headers())
            out.set(h.name, h.value);
        if (!req.body().empty() || req.method() != "GET") {
            out.body() = req.body();
            out.prepare_payload();
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(opt_.max_body_size);
        parser.header_limit(static_cast<std::uint32_t>(opt_.max_header_bytes));

        lowest(c).expires_at(deadline);
        auto const run = [&](auto& stream) -> boost::asio::awaitable<boost::system::error_code> {
            auto [wec, written] = co_await http::async_write(stream, out, nothrow);
            (void)written;
            if (wec)
                co_return wec;
            auto [rec, read] = co_await http::async_read(stream, c.buffer, parser, nothrow);
            (void)read;
            co_return rec;
        };
        auto const ec = co_await std::visit(run, c.stream);
        if (ec == http::error::body_limit || ec == http::error::header_limit)
            co_return error::body_too_large;
        if (ec)
            co_return ec;

        auto& in = parser.get();
        http_response res;
        res.status = static_cast<int>(in.result_int());
        for (auto const& field : in) {
            if (res.headers.size() == opt_.max_headers) {
                conn_.reset();
                co_return error::body_too_large;
            }
            res.headers.push_back({std::string(field.name_string()), std::string(field.value())});
        }
        res.body = std::move(in.body());
        if (in.keep_alive())
            c.last_used = std::chrono::steady_clock::now();
        else
            conn_.reset();
        co_return res;
    }

    boost::asio::any_io_executor ex_;
    transport_options opt_;
    boost::asio::ssl::context tls_;
    boost::system::error_code ca_error_;
    std::optional<connection> conn_;
};

static_assert(async_transport<beast_async_transport>);

} // namespace sfmc::sms

#endif
