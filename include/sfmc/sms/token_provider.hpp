// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_TOKEN_PROVIDER_HPP
#define SFMC_SMS_TOKEN_PROVIDER_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/client_credentials.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/token_request.hpp>
#include <sfmc/sms/transport.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

namespace sfmc::sms {

/// How a @ref token_provider caches.
struct token_provider_options {
    /// Refresh this long before the token expires (Salesforce advises about two minutes).
    /// At most half the token's lifetime is used, so a short-lived token is still reused.
    std::chrono::seconds refresh_margin{120};
    /// After a refusal that asking again cannot change (a 4xx other than 408 and 429, such
    /// as `invalid_client`), answer with it for this long without asking: a thousand
    /// lookups with a wrong secret make one token request, not a thousand.
    std::chrono::seconds refusal_hold{60};
    decode_options decode{};
    /// The monotonic clock expiry is measured with (empty: `steady_clock`); inject a fake in tests.
    std::function<std::chrono::steady_clock::time_point()> clock{};
};

/** Fetches a token with client credentials, caches it, and refreshes it before it expires.

    Thread-safe: concurrent callers share one token, and at most one token request is in
    flight at a time; callers that arrive meanwhile wait for it and all receive its outcome,
    a failure included. A failure is not retried in a loop: the next call tries again, or,
    after a definite refusal, answers with it for `refusal_hold`. After the
    API refuses a token (401), @ref invalidate drops it so the next call fetches a new one.

    There is no refresh token in Marketing Cloud: "refreshing" is a new client-credentials
    request.

    @par Example
    @code
    sfmc::sms::curl_transport http;
    sfmc::sms::token_provider tokens(http, auth, sfmc::sms::client_credentials::make(id, secret).value());
    sfmc::sms::client sms(http, tokens); // REST base from the token's rest_instance_url
    @endcode
*/
class token_provider {
public:
    template <transport Transport>
    token_provider(Transport& http, endpoint auth, client_credentials credentials, token_provider_options opt = {})
        : send_([&http](http_request const& req) -> result<http_response> { return http.send(req); }),
          auth_(std::move(auth)), credentials_(std::move(credentials)), opt_(std::move(opt))
    {
    }

    token_provider(token_provider const&) = delete;
    token_provider& operator=(token_provider const&) = delete;

    /// The cached token while it is fresh, else a new one from the token endpoint.
    api_result<token_response> get()
    {
        std::unique_lock lock(mutex_);
        while (true) {
            if (cached_ && now() < refresh_at_)
                return *cached_;
            if (last_failure_ && is_refusal(*last_failure_) && now() < refused_until_)
                return *last_failure_;
            if (!fetching_)
                break;
            auto const awaited = fetches_;
            done_.wait(lock, [&] { return !fetching_; });
            if (fetches_ != awaited && last_failure_)
                return *last_failure_; // the fetch we waited for failed: so do we
        }
        fetching_ = true;
        lock.unlock();

        auto const started = now();
        api_result<token_response> fetched = failure(error::transport_failed);
        auto const response = send_(make_token_request(auth_, credentials_));
        if (response)
            fetched = decode_token(*response, opt_.decode);
        else
            fetched = token_failure(response.error());

        lock.lock();
        fetching_ = false;
        ++fetches_;
        if (fetched) {
            cached_ = *fetched;
            auto const margin = std::min<std::chrono::steady_clock::duration>(opt_.refresh_margin, fetched->expires_in / 2);
            refresh_at_ = started + fetched->expires_in - margin;
            last_failure_.reset();
        } else {
            last_failure_ = fetched.error();
            refused_until_ = started + opt_.refusal_hold;
        }
        done_.notify_all();
        return fetched;
    }

    /// Drops `rejected` if it is still the cached token, so the next @ref get fetches anew.
    void invalidate(access_token const& rejected)
    {
        std::lock_guard lock(mutex_);
        if (cached_ && cached_->token == rejected)
            cached_.reset();
    }

    /// How many token requests have been sent.
    std::uint64_t token_requests() const
    {
        std::lock_guard lock(mutex_);
        return fetches_;
    }

private:
    std::chrono::steady_clock::time_point now() const
    {
        return opt_.clock ? opt_.clock() : std::chrono::steady_clock::now();
    }

    static bool is_refusal(failure const& f) noexcept
    {
        return f.http_status >= 400 && f.http_status <= 499 && f.http_status != 408 && f.http_status != 429;
    }

    static failure token_failure(boost::system::error_code ec)
    {
        failure f(ec, ec.message());
        f.in_token_request = true;
        return f;
    }

    std::function<result<http_response>(http_request const&)> send_;
    endpoint auth_;
    client_credentials credentials_;
    token_provider_options opt_;

    mutable std::mutex mutex_;
    std::condition_variable done_;
    bool fetching_ = false;
    std::uint64_t fetches_ = 0;
    std::optional<token_response> cached_;
    std::chrono::steady_clock::time_point refresh_at_{};
    std::chrono::steady_clock::time_point refused_until_{};
    std::optional<failure> last_failure_;
};

} // namespace sfmc::sms

#endif
