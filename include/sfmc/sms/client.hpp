// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CLIENT_HPP
#define SFMC_SMS_CLIENT_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/retry_policy.hpp>
#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/token_provider.hpp>
#include <sfmc/sms/transport.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <cstdint>
#include <string_view>
#include <thread>
#include <variant>

namespace sfmc::sms {

/** How a @ref client decodes, retries, and where it reads the time and sleeps.

    The clock, the sleeper and the random source are injectable so that tests wait for
    nothing; left empty, the client uses the system clock, `std::this_thread::sleep_for` and
    a per-thread pseudo-random sequence.
*/
struct client_options {
    decode_options decode{};
    /// Retries after 429, 503 and transport failures; `{.max_retries = 0}` disables them.
    retry_policy retry{};
    /// The wall clock, read once per response to resolve `Retry-After` dates.
    std::function<std::chrono::system_clock::time_point()> clock{};
    /// How the client waits between attempts.
    std::function<void(std::chrono::milliseconds)> sleep{};
    /// A number in [0, 1) for the backoff's jitter.
    std::function<double()> random{};
};

namespace detail {

// splitmix64, seeded per thread from the clock and the thread's own address: jitter needs
// spread between clients, not cryptographic quality (and <random> is heavy to compile).
inline double jitter_random() noexcept
{
    thread_local std::uint64_t state =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
        reinterpret_cast<std::uintptr_t>(&state);
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

} // namespace detail

/** Validates, builds, sends and decodes a send-status lookup in one call, over a transport.

    The token is either fixed, or comes from a @ref token_provider: then a 401 drops the
    token, a new one is fetched and the lookup is sent once more, and when no REST endpoint
    is given the token's `rest_instance_url` is used. Failures worth retrying (429, 503, no
    response) are retried as `client_options::retry` says, sleeping with the injected
    sleeper. The transport is held by reference and reused, so its connections are kept
    alive; it must outlive the client. Nothing here throws for what the caller or the network
    sends: every outcome is in the returned result.

    @par Example
    @code
    my_transport http;
    sfmc::sms::client c(http, *sfmc::sms::endpoint::from_subdomain(sub), *sfmc::sms::access_token::make(tok));
    if (auto st = c.get_status("bcX0qaEp0USGciEnUJTW0w"))
        std::cout << to_string(st->status) << '\n';
    else
        std::cerr << st.error() << '\n';
    @endcode
*/
template <transport Transport>
class client {
public:
    client(Transport& http, endpoint rest, access_token token, client_options opt = {})
        : http_(http), rest_(std::move(rest)), token_(std::move(token)), opt_(std::move(opt))
    {
    }

    client(Transport& http, endpoint rest, token_provider& tokens, client_options opt = {})
        : http_(http), rest_(std::move(rest)), token_(&tokens), opt_(std::move(opt))
    {
    }

    /// The REST endpoint is the token's `rest_instance_url`.
    client(Transport& http, token_provider& tokens, client_options opt = {})
        : http_(http), token_(&tokens), opt_(std::move(opt))
    {
    }

    /// Looks up `key` (validated first: nothing is sent for an invalid key).
    api_result<message_status> get_status(std::string_view key)
    {
        auto k = message_key::make(key);
        if (!k)
            return failure(k.error());
        return get_status(*k);
    }

    api_result<message_status> get_status(message_key const& key)
    {
        std::chrono::milliseconds waited{0};
        bool refreshed = false;
        for (int retries = 0;; ++retries) {
            auto outcome = attempt(key, refreshed);
            if (outcome)
                return outcome;
            auto last = std::move(outcome).error();
            auto const delay =
                opt_.retry.next_delay(last, retries, waited, opt_.random ? opt_.random() : detail::jitter_random());
            if (!delay)
                return last;
            if (opt_.sleep)
                opt_.sleep(*delay);
            else
                std::this_thread::sleep_for(*delay);
            waited += *delay;
        }
    }

    /// Replaces the token with a fixed one, e.g. after the caller refreshed it.
    void set_token(access_token token) { token_ = std::move(token); }

    /// The REST endpoint given, or learnt from the last token.
    std::optional<endpoint> const& rest_endpoint() const noexcept { return rest_; }

private:
    // One lookup; after a 401 with a token provider, one new token and one more try.
    api_result<message_status> attempt(message_key const& key, bool& refreshed)
    {
        while (true) {
            auto token = current_token();
            if (!token)
                return token.error();
            auto response = http_.send(make_status_request(*rest_, key, *token));
            if (!response)
                return failure(response.error(), response.error().message());
            auto* const tokens = std::get_if<token_provider*>(&token_);
            if (response->status == 401 && tokens && !refreshed) {
                refreshed = true;
                (*tokens)->invalidate(*token);
                continue;
            }
            auto dopt = opt_.decode;
            dopt.now = opt_.clock ? opt_.clock() : std::chrono::system_clock::now();
            return decode_status(*response, dopt);
        }
    }

    // The token to send, and the REST endpoint if it comes with the token.
    api_result<access_token> current_token()
    {
        if (auto const* fixed = std::get_if<access_token>(&token_))
            return *fixed;
        auto granted = std::get<token_provider*>(token_)->get();
        if (!granted)
            return granted.error();
        if (!rest_) {
            if (!granted->rest_instance_url)
                return failure(error::bad_url, "no REST endpoint given, and the token has no rest_instance_url");
            auto rest = endpoint::from_url(*granted->rest_instance_url);
            if (!rest)
                return failure(rest.error(), "the token's rest_instance_url is not usable");
            rest_ = std::move(*rest);
        }
        return std::move(granted->token);
    }

    Transport& http_;
    std::optional<endpoint> rest_;
    std::variant<access_token, token_provider*> token_;
    client_options opt_;
};

} // namespace sfmc::sms

#endif
