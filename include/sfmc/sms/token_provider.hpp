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
#include <sfmc/sms/token_cache.hpp>
#include <sfmc/sms/transport.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>

namespace sfmc::sms {

namespace detail {
struct token_provider_state;
SFMC_SMS_DECL token_provider_state* new_token_provider_state(token_cache_options opt);
} // namespace detail

/// How a @ref token_provider (or an `async_token_provider`) caches and decodes.
struct token_provider_options {
    /// Limits on what a response may hold.
    decode_options decode{};
    /// The refresh margin and the refusal hold.
    token_cache_options cache{};
    /// The monotonic clock expiry is measured with (empty: `steady_clock`); inject a fake in tests.
    std::function<std::chrono::steady_clock::time_point()> clock{};
};

/** Fetches a token with client credentials, caches it, and refreshes it before it expires.

    A blocking driver around a @ref token_cache and a @ref call of `token_grant`: the
    mutex and the condition variable live here, the decisions in those two. Thread-safe:
    concurrent callers (and several clients) share one token, and at most one token
    request is in flight at a time; callers that arrive meanwhile wait for it and all
    receive its outcome, a failure included. A failure is not retried here: the calls that
    need the token retry as their own policy says, or, after a definite refusal, get it
    back for `refusal_hold` without a request. After the API refuses a token (401),
    @ref invalidate drops it so the next call fetches a new one.

    There is no refresh token in Marketing Cloud: "refreshing" is a new client-credentials
    request.

    The provider sends its token requests over a transport of its own: a provider shared by
    clients on several threads sends from any of them, so a transport that a client also uses
    would see two requests at once. Move one in (`curl_transport{}`), or lend one with
    `std::ref(t)` that nothing else uses meanwhile (or that is safe to share); a transport
    passed as a plain lvalue does not compile.

    @par Example
    @code
    sfmc::sms::token_provider tokens(sfmc::sms::curl_transport{}, auth, sfmc::sms::client_credentials::make(id, secret).value());
    sfmc::sms::curl_transport http;
    sfmc::sms::client sms(http, tokens); // REST base from the token's rest_instance_url
    @endcode
*/
class token_provider {
public:
    /// Tokens from `auth` for `credentials`, over `http`, moved in: the provider's own.
    template <transport Transport>
        requires(!std::is_lvalue_reference_v<Transport>)
    token_provider(Transport&& http, endpoint auth, client_credentials credentials, token_provider_options opt = {})
        : token_provider(owning{}, new Transport(std::move(http)), std::move(auth), std::move(credentials), std::move(opt))
    {
    }

    /// Tokens over `http`, lent: it must outlive the provider, and nothing else may use it
    /// while the provider does (unless it is safe to share).
    template <transport Transport>
    token_provider(std::reference_wrapper<Transport> http, endpoint auth, client_credentials credentials,
                   token_provider_options opt = {})
        : send_(sender<Transport>{&http.get()}), auth_(std::move(auth)), credentials_(std::move(credentials)),
          opt_(std::move(opt)), state_(detail::new_token_provider_state(opt_.cache))
    {
    }

    /// Not a transport a client may use too: move it in, or lend it with `std::ref`.
    template <transport Transport>
    token_provider(Transport& http, endpoint auth, client_credentials credentials, token_provider_options opt = {}) = delete;

    token_provider(token_provider const&) = delete;
    token_provider& operator=(token_provider const&) = delete;
    ~token_provider();

    /// The cached token while it is fresh, else a new one from the token endpoint.
    api_result<token_response> get();

    /// Drops `rejected` if it is still the cached token, so the next @ref get fetches anew.
    void invalidate(access_token const& rejected);

    /// How many token requests have been sent.
    std::uint64_t token_requests() const;

private:
    std::chrono::steady_clock::time_point now() const;

    // The token request needs no token: never called.
    static api_result<token_response> unused_token();

    struct owning {};
    template <class Transport>
    token_provider(owning, Transport* owned, endpoint auth, client_credentials credentials, token_provider_options opt)
        : token_provider(std::ref(*owned), std::move(auth), std::move(credentials), std::move(opt))
    {
        owned_ = owned;
        destroy_ = [](void* t) { delete static_cast<Transport*>(t); };
    }

    template <class Transport>
    struct sender {
        Transport* transport;
        result<http_response> operator()(http_request const& req) const { return transport->send(req); }
    };

    std::function<result<http_response>(http_request const&)> send_;
    void* owned_ = nullptr;              // the transport moved in, if any
    void (*destroy_)(void*) = nullptr;   // ... and how it goes
    endpoint auth_;
    client_credentials credentials_;
    token_provider_options opt_;

    // The lock, the condition variable and the cache, shared by the callers. Owned, never
    // null: a pointer to a type defined out of line, not a unique_ptr, so that <sfmc/sms.hpp>
    // includes neither <condition_variable> nor <memory> (they took a tenth of the time to
    // compile it: bench/compile_time.py).
    detail::token_provider_state* state_;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/token_provider.ipp>
#endif

#endif
