// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ADAPTERS_CURL_TRANSPORT_HPP
#define SFMC_SMS_ADAPTERS_CURL_TRANSPORT_HPP

// Opt-in: include this header yourself and link libcurl (CURL::libcurl). Neither
// <sfmc/sms.hpp> nor the single header includes it.

#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/transport_options.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace sfmc::sms {

/// How a @ref curl_transport connects: see @ref transport_options.

namespace detail {

class curl_category_impl final : public boost::system::error_category {
public:
    constexpr curl_category_impl() noexcept : boost::system::error_category(0x5f3c9a1e7b2d4c83ULL) {}
    char const* name() const noexcept override { return "curl"; }
    std::string message(int ev) const override { return curl_easy_strerror(static_cast<CURLcode>(ev)); }
};
inline constexpr curl_category_impl curl_category_instance{};

} // namespace detail

/// The category of libcurl's `CURLcode`s, as a @ref curl_transport reports them.
inline boost::system::error_category const& curl_category() noexcept
{
    return detail::curl_category_instance;
}

/** A transport over libcurl: one easy handle, reused, so connections are kept alive.

    Sends the request exactly as built (the target is not normalised), never follows a
    redirect, verifies TLS peers and host names, and returns every HTTP status as data.
    Failures without a response come back as `CURLcode`s of @ref curl_category (their
    condition is `condition::transport`); a body over `max_body_size` as
    `error::body_too_large`. Requests to a loopback host never go through a proxy.

    Not thread-safe: use one per thread.

    @par Example
    @code
    sfmc::sms::curl_transport http({.timeout = std::chrono::seconds{10}});
    sfmc::sms::client sms(http, rest, token);
    @endcode
*/
class curl_transport {
public:
    /// A transport with one libcurl easy handle, made now and reused.
    explicit curl_transport(transport_options opt = {}) : opt_(std::move(opt))
    {
        static bool const initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
        (void)initialised;
        handle_.reset(curl_easy_init());
    }

    /// Moves the handle and its kept connection.
    curl_transport(curl_transport&&) noexcept = default;
    /// Moves the handle and its kept connection.
    curl_transport& operator=(curl_transport&&) noexcept = default;

    /// Sends `req` as it is and returns the response, whatever its status, or why there is none.
    result<http_response> send(http_request const& req)
    {
        CURL* const h = handle_.get();
        if (!h)
            return boost::system::error_code(CURLE_FAILED_INIT, curl_category());
        curl_easy_reset(h); // keeps the connection cache

        std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, &curl_slist_free_all);
        std::string line;
        for (auto header : req.headers()) {
            line.assign(header.name).append(": ").append(header.value);
            append(headers, line.c_str());
        }
        append(headers, "Expect:"); // never wait for 100-continue

        exchange x{opt_};
        auto const url = req.url();
        set(h, CURLOPT_URL, url.c_str());
        set(h, CURLOPT_HTTPHEADER, headers.get());
        set(h, CURLOPT_PROTOCOLS_STR, "http,https");
        set(h, CURLOPT_FOLLOWLOCATION, 0L);
        set(h, CURLOPT_PATH_AS_IS, 1L);
        set(h, CURLOPT_NOSIGNAL, 1L);
        set(h, CURLOPT_SSL_VERIFYPEER, 1L);
        set(h, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!opt_.ca_file.empty())
            set(h, CURLOPT_CAINFO, opt_.ca_file.c_str());
        if (endpoint::is_loopback(req.host()))
            set(h, CURLOPT_NOPROXY, "*");
        set(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt_.connect_timeout.count()));
        set(h, CURLOPT_TIMEOUT_MS, static_cast<long>(opt_.timeout.count()));
        set(h, CURLOPT_MAXAGE_CONN, static_cast<long>(opt_.max_idle.count()));
        // Exactly the request given: a body only when it has one, or its method takes one (a
        // POST, PUT or PATCH without one says Content-Length: 0); never curl's default
        // Content-Type for a body the request did not type.
        auto const method = req.method();
        bool const has_body = !req.body().empty() || method == "POST" || method == "PUT" || method == "PATCH";
        if (!has_body) {
            set(h, CURLOPT_HTTPGET, 1L);
            if (method != "GET")
                set(h, CURLOPT_CUSTOMREQUEST, std::string(method).c_str());
        } else {
            set(h, CURLOPT_CUSTOMREQUEST, std::string(method).c_str());
            set(h, CURLOPT_POSTFIELDS, req.body().data());
            set(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body().size()));
            if (!req.header("Content-Type"))
                append(headers, "Content-Type:"); // an empty value removes curl's own
        }
        set(h, CURLOPT_HEADERFUNCTION, &exchange::on_header);
        set(h, CURLOPT_HEADERDATA, &x);
        set(h, CURLOPT_WRITEFUNCTION, &exchange::on_body);
        set(h, CURLOPT_WRITEDATA, &x);

        CURLcode const rc = curl_easy_perform(h);
        if (x.too_large)
            return error::body_too_large;
        if (rc != CURLE_OK)
            return boost::system::error_code(rc, curl_category());
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        x.response.status = static_cast<int>(status);
        return std::move(x.response);
    }

private:
    // What one exchange collects, through libcurl's callbacks.
    struct exchange {
        transport_options const& opt;
        http_response response{};
        std::size_t header_bytes = 0;
        bool too_large = false;

        static std::size_t on_header(char* data, std::size_t, std::size_t n, void* self)
        {
            auto& x = *static_cast<exchange*>(self);
            std::string_view line(data, n);
            if (line.starts_with("HTTP/")) { // a new response (after a 1xx): start over
                x.response.headers.clear();
                x.header_bytes = 0;
                return n;
            }
            auto const colon = line.find(':');
            if (colon == std::string_view::npos)
                return n; // the blank line that ends the headers
            x.header_bytes += n;
            if (x.response.headers.size() >= x.opt.max_headers || x.header_bytes > x.opt.max_header_bytes) {
                x.too_large = true;
                return 0;
            }
            auto value = line.substr(colon + 1);
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
                value.remove_suffix(1);
            x.response.headers.push_back({std::string(line.substr(0, colon)), std::string(detail::trim_ows(value))});
            return n;
        }

        static std::size_t on_body(char* data, std::size_t, std::size_t n, void* self)
        {
            auto& x = *static_cast<exchange*>(self);
            if (x.response.body.size() + n > x.opt.max_body_size) {
                x.too_large = true;
                return 0;
            }
            x.response.body.append(data, n);
            return n;
        }
    };

    template <class T>
    static void set(CURL* h, CURLoption option, T value) noexcept
    {
        curl_easy_setopt(h, option, value);
    }

    static void append(std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>& list, char const* line)
    {
        if (auto* const grown = curl_slist_append(list.get(), line)) {
            (void)list.release();
            list.reset(grown);
        }
    }

    struct handle_deleter {
        void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
    };

    transport_options opt_;
    std::unique_ptr<CURL, handle_deleter> handle_;
};

} // namespace sfmc::sms

#endif
