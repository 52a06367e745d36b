// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CLIENT_HPP
#define SFMC_SMS_CLIENT_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/detail/client_state.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/driver_options.hpp>
#include <sfmc/sms/detail/run_blocking.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/message_key.hpp>
#include <sfmc/sms/retry_policy.hpp>
#include <sfmc/sms/route.hpp>
#include <sfmc/sms/status_lookup.hpp>
#include <sfmc/sms/token_provider.hpp>
#include <sfmc/sms/transport.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace sfmc::sms {

/// How a @ref client decodes, retries, reads the time and waits (a blocking sleep; empty:
/// `std::this_thread::sleep_for`). See @ref driver_options.
using client_options = driver_options<std::function<void(std::chrono::milliseconds)>>;

/** Validates, builds, sends and decodes a send-status lookup (or any `route`) in one
    blocking call, over a transport.

    A thin driver: each lookup is a @ref call, run to its end; the sleep and the clock live
    here, the decisions in the call. The token is either fixed, or comes from a
    @ref token_provider (which several clients may share): then a 401 drops the token, a
    new one is fetched and the request is sent once more, and when no REST endpoint is
    given the token's `rest_instance_url` is used. Failures worth retrying (429, 503, no
    response) are retried as `client_options::retry` says. The transport is held by
    reference and reused, so its connections are kept alive; it must outlive the client.
    Nothing here throws for what the caller or the network sends: every outcome is in the
    returned result.

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
    /// Lookups to `rest` with a fixed token (a 401 is final).
    client(Transport& http, endpoint rest, access_token token, client_options opt = {})
        : http_(http), state_(std::move(rest), std::move(token)), opt_(std::move(opt))
    {
    }

    /// Lookups to `rest` with tokens from `tokens`, which must outlive the client.
    client(Transport& http, endpoint rest, token_provider& tokens, client_options opt = {})
        : http_(http), state_(std::move(rest), tokens), opt_(std::move(opt))
    {
    }

    /// The REST endpoint is the token's `rest_instance_url`.
    client(Transport& http, token_provider& tokens, client_options opt = {})
        : http_(http), state_(std::nullopt, tokens), opt_(std::move(opt))
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

    /// Looks up an already validated key.
    api_result<message_status> get_status(message_key const& key) { return run(status_lookup{key}); }

    /// Runs any route behind a token: the same token handling and retries as a lookup.
    template <route_behind_token Route>
    api_result<typename Route::value_type> run(Route r)
    {
        auto c = state_.begin(std::move(r), {.decode = opt_.decode, .retry = opt_.retry});
        auto const fetch = [tokens = state_.provider()](access_token const* rejected) {
            if (rejected)
                tokens->invalidate(*rejected);
            return tokens->get();
        };
        auto const send = [this](http_request const& req) -> result<http_response> { return http_.send(req); };
        auto outcome = detail::run_blocking(c, send, fetch, {&opt_.clock, &opt_.random}, &opt_.wait);
        state_.end(c);
        return outcome;
    }

    /// Replaces the token with a fixed one, e.g. after the caller refreshed it.
    void set_token(access_token token) { state_.set_token(std::move(token)); }

    /// The REST endpoint given, or learnt from the last token.
    std::optional<endpoint> const& rest_endpoint() const noexcept { return state_.rest(); }

private:
    Transport& http_;
    detail::client_state<token_provider> state_;
    client_options opt_;
};

} // namespace sfmc::sms

#endif
