// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_RUN_BLOCKING_HPP
#define SFMC_SMS_DETAIL_RUN_BLOCKING_HPP

#include <sfmc/sms/call.hpp>
#include <sfmc/sms/detail/config.hpp>

#include <chrono>
#include <cstdint>
#include <functional>

namespace sfmc::sms::detail {

// splitmix64, seeded per thread from the clock and the thread's own address: jitter needs
// spread between clients, not cryptographic quality (and <random> is heavy to compile).
SFMC_SMS_DECL double jitter_random() noexcept;

// Where a driver reads the wall clock and draws jitter: the caller's functions, or, when
// absent or empty, the system clock and jitter_random.
struct driver_env {
    std::function<std::chrono::system_clock::time_point()> const* clock = nullptr;
    std::function<double()> const* random = nullptr;

    std::chrono::system_clock::time_point now() const
    {
        return clock && *clock ? (*clock)() : std::chrono::system_clock::now();
    }
    double jitter() const { return random && *random ? (*random)() : jitter_random(); }
};

using sleep_function = std::function<void(std::chrono::milliseconds)>;

// std::this_thread::sleep_for, defined out of line so that this header needs no <thread>.
SFMC_SMS_DECL void sleep_for(std::chrono::milliseconds delay);

// The blocking driver of a call: the one loop behind client and token_provider. `send`
// is the transport; `fetch_token(access_token const* rejected)` gets a token (only called
// for routes behind a token); `sleep` waits (empty: std::this_thread::sleep_for).
template <class Route, class Send, class FetchToken>
api_result<typename Route::value_type> run_blocking(call<Route>& c, Send&& send, FetchToken&& fetch_token,
                                                    driver_env const& env, sleep_function const* sleep = nullptr)
{
    while (true) {
        switch (c.next(env.jitter())) {
        case call_action::fetch_token:
            c.on_token(fetch_token(c.rejected_token()));
            break;
        case call_action::send:
            if (auto response = send(c.request()))
                c.on_response(*response, env.now());
            else
                c.on_transport_error(response.error());
            break;
        case call_action::wait:
            if (sleep && *sleep)
                (*sleep)(c.delay());
            else
                detail::sleep_for(c.delay());
            break;
        case call_action::done:
            return std::move(c.result());
        }
    }
}

} // namespace sfmc::sms::detail

#ifdef SFMC_SMS_COMPILE_DEFINITIONS
#include <sfmc/sms/impl/run_blocking.ipp>
#endif

#endif
