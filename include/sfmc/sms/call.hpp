// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_CALL_HPP
#define SFMC_SMS_CALL_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/decode_token.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>
#include <sfmc/sms/error.hpp>
#include <sfmc/sms/failure.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>
#include <sfmc/sms/retry_policy.hpp>
#include <sfmc/sms/route.hpp>

#include <boost/assert.hpp>

#include <chrono>
#include <concepts>
#include <optional>
#include <utility>

namespace sfmc::sms {

/// What a `call` asks its driver to do next.
enum class call_action {
    fetch_token, ///< get a token (after invalidating `rejected_token()`, if any), then `on_token`
    send,        ///< send `request()`, then `on_response` or `on_transport_error`
    wait,        ///< wait `delay()`, then ask `next` again
    done,        ///< `result()` holds the outcome
};

/// How a `call` decodes and retries.
struct call_options {
    /// Limits on what a response may hold.
    decode_options decode{};
    /// Retries after 429, 503 and transport failures; `{.max_retries = 0}` disables them.
    retry_policy retry{};
};

namespace detail {

// Everything a `call` does whatever its route: the phase, the token and its one refresh after
// a 401, the retries. Not a template and defined out of line, so that a route instantiates
// only its request and its decoder, and <sfmc/sms.hpp> compiles faster (bench/compile_time.py).
class call_core {
public:
    // `idempotent`: the route's own say (R::idempotent), else decided by the request's method.
    call_core(std::optional<endpoint> base, call_options opt, bool needs_token, std::optional<bool> idempotent);

    void use_token(access_token fixed);

    // What to do now, or nullopt when the route must build its request and hand it to `send`.
    std::optional<call_action> step(double random01);
    void send(http_request req);

    access_token const* rejected_token() const noexcept { return rejected_ ? &*rejected_ : nullptr; }
    void on_token(api_result<token_response> const& granted);

    http_request const& request() const noexcept
    {
        BOOST_ASSERT(request_);
        return *request_;
    }
    // True when the response is the route's to decode (with `decode_at(now)`); false when it
    // is not awaited, or is a 401 that the call answers by fetching a new token.
    bool take_response(http_response const& res);
    // The options to decode the response with: `now`, and the secrets not to keep from it
    // (the tokens this call has carried, `route_secret`), which live until the next step.
    decode_options decode_at(std::chrono::system_clock::time_point now, std::string_view route_secret);
    void on_transport_error(boost::system::error_code ec);

    // The route decoded a value: the call is done.
    void succeed() noexcept { phase_ = phase::finished; }
    // The call failed; it is retried if the policy says so.
    void fail(failure f);
    // The route's request failed (no response, or a failure decoded from one): as `fail`, but a
    // request that is not idempotent is not repeated once it may have reached the server.
    void fail_sent(failure f);
    // The call failed for good.
    void give_up(failure f);
    // Once done after `give_up` or a last failure: that failure, without the tokens it sent.
    failure take_failure();

    std::chrono::milliseconds delay() const noexcept { return delay_; }
    std::optional<endpoint> const& base() const noexcept { return base_; }
    // The token for the next request: set whenever `step` returned nullopt for a route behind a token.
    access_token const& token() const noexcept
    {
        BOOST_ASSERT(token_);
        return *token_;
    }
    int attempts() const noexcept { return attempts_; }

private:
    enum class phase { ready, fetching, sending, failed, waiting, finished };

    call_action decide(double random01);

    std::optional<endpoint> base_;
    call_options opt_;
    bool needs_token_;
    std::optional<bool> idempotent_;
    bool repeatable_ = true; // the request sent last may be sent again
    phase phase_ = phase::ready;
    std::optional<access_token> token_;
    std::optional<access_token> rejected_;
    std::optional<access_token> refused_; // the token a 401 refused, kept to redact its echoes to the end
    std::string_view secrets_[3];
    bool fixed_token_ = false;
    bool refreshed_ = false;
    int retries_ = 0;
    int attempts_ = 0;
    std::chrono::milliseconds waited_{0};
    std::chrono::milliseconds delay_{0};
    std::optional<http_request> request_;
    std::optional<failure> pending_; // the failure to retry, or once finished the final one
};

} // namespace detail

/** One call of a `route` as a state machine over plain values: sans-I/O.

    The call says what to do next and is fed what happened; it never reads a clock, never
    sleeps, never locks and never touches a socket. It owns every rule that is not about
    one route: the need for a token, the refresh-once after a 401, and retries (429 with
    `Retry-After` as seconds or a date, 503, transport failures; backoff with jitter from a
    number the driver passes in; a bound on retries and on the total wait; a 429 with
    errorcode 50200 is never retried). A failure never shows the token it sent or the
    route's secret, even when the server echoes them.

    @par Driving a call
    Ask @ref next, do what it says, feed the outcome, repeat until `call_action::done`:
    | `next()` returns | the driver does |
    |------------------|-----------------|
    | `fetch_token` | gets a token for the REST endpoint (from a @ref token_cache or anywhere), invalidating `rejected_token()` first when it is not null; feeds @ref on_token |
    | `send` | sends `request()` over its transport; feeds @ref on_response (with the wall-clock time, for `Retry-After` dates) or @ref on_transport_error |
    | `wait` | waits `delay()` (a timer, a sleep, an event-loop callback) |
    | `done` | takes @ref result |
    Asking `next` again before feeding the outcome of `fetch_token` or `send` repeats that
    step. The library's drivers (@ref client, @ref async_client, @ref token_provider) are
    such loops; a Qt or libuv program can write its own from this table.

    @par Example
    @code
    sfmc::sms::call c(sfmc::sms::status_lookup{*sfmc::sms::message_key::make("k")}, rest);
    c.use_token(token);
    while (true) {
        switch (c.next(random01())) {
        case sfmc::sms::call_action::fetch_token: break; // never with a fixed token
        case sfmc::sms::call_action::send:
            if (auto res = http.send(c.request()))
                c.on_response(*res, std::chrono::system_clock::now());
            else
                c.on_transport_error(res.error());
            continue;
        case sfmc::sms::call_action::wait: std::this_thread::sleep_for(c.delay()); continue;
        case sfmc::sms::call_action::done: return std::move(c.result());
        }
    }
    @endcode
*/
template <route Route>
class call {
public:
    /// What a success holds.
    using value_type = typename Route::value_type;

    /// True when the route's requests carry a bearer token.
    static constexpr bool needs_token = route_behind_token<Route>;

    /** A call of `r` to `base`. For a route behind a token, `base` may be empty: the REST
        endpoint is then the `rest_instance_url` of the first token fed (an http:// one to
        a host that is not loopback is refused, nothing sent).
    */
    explicit call(Route r, std::optional<endpoint> base, call_options opt = {})
        : route_(std::move(r)), core_(std::move(base), std::move(opt), needs_token, idempotence())
    {
        if constexpr (requires { { route_.validate() } -> std::same_as<std::optional<failure>>; }) {
            if (auto invalid = route_.validate()) // nothing is sent for values the API would refuse
                core_.give_up(std::move(*invalid));
        }
    }

    /// Uses `fixed` for every attempt: `fetch_token` is never asked, and a 401 is final.
    void use_token(access_token fixed) { core_.use_token(std::move(fixed)); }

    /** What to do now. `random01`, a number in [0, 1), spreads the backoff when this step
        turns out to be a wait; otherwise it is unused.
    */
    call_action next(double random01 = 0.5)
    {
        if (auto action = core_.step(random01)) {
            if (*action == call_action::done && !result_)
                result_.emplace(redacted(core_.take_failure()));
            return *action;
        }
        if constexpr (needs_token)
            core_.send(route_.make_request(*core_.base(), core_.token()));
        else
            core_.send(route_.make_request(*core_.base()));
        return call_action::send;
    }

    /// With `fetch_token`: the token the API just refused, to invalidate; null on a first fetch.
    access_token const* rejected_token() const noexcept { return core_.rejected_token(); }

    /// Feeds the outcome of `fetch_token`. A failure is retried like any other.
    void on_token(api_result<token_response> const& granted) { core_.on_token(granted); }

    /// With `send`: the request to send, exactly as it is.
    http_request const& request() const noexcept { return core_.request(); }

    /** Feeds the response to `request()`. `now` is the wall-clock time it arrived, used to
        resolve a `Retry-After` given as a date.
    */
    void on_response(http_response const& res, std::chrono::system_clock::time_point now)
    {
        if (!core_.take_response(res))
            return;
        auto decoded = route_.decode(res, core_.decode_at(now, route_secret()));
        if (!decoded)
            return core_.fail_sent(std::move(decoded).error());
        result_.emplace(std::move(decoded));
        core_.succeed();
    }

    /// Feeds the failure to get any response to `request()`. An empty code counts as
    /// `error::transport_failed`: a failure is never a success.
    void on_transport_error(boost::system::error_code ec) { core_.on_transport_error(ec); }

    /// With `wait`: how long.
    std::chrono::milliseconds delay() const noexcept { return core_.delay(); }

    /// With `done`: the outcome. Valid until the call is destroyed; move it out if you keep it.
    api_result<value_type>& result() noexcept
    {
        BOOST_ASSERT(result_);
        return *result_;
    }

    /// The endpoint the call sends to: as given, or learnt from the token.
    std::optional<endpoint> const& base() const noexcept { return core_.base(); }

    /// Requests made so far (a retry or a refresh counts as one more).
    int attempts() const noexcept { return core_.attempts(); }

private:
    std::string_view route_secret() const noexcept
    {
        if constexpr (requires { route_.secret(); })
            return route_.secret();
        else
            return {};
    }

    static constexpr std::optional<bool> idempotence() noexcept
    {
        if constexpr (requires { bool(Route::idempotent); })
            return bool(Route::idempotent);
        else
            return std::nullopt;
    }

    // The failure as the caller sees it: named after its request, with no secret in it (the
    // core has already taken out the tokens).
    failure redacted(failure f) const
    {
        if constexpr (requires { std::string_view(Route::name); }) {
            // A token failure keeps "token request"; a failure before this route's request was
            // ever sent (its own validation, an unusable endpoint) names none.
            if (f.request.empty() && core_.attempts() > 0)
                f.request = Route::name;
        }
        f.redact(route_secret());
        return f;
    }

    Route route_;
    detail::call_core core_;
    std::optional<api_result<value_type>> result_;
};

} // namespace sfmc::sms

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/call.ipp>
#endif

#endif
