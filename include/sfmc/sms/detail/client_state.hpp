// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_CLIENT_STATE_HPP
#define SFMC_SMS_DETAIL_CLIENT_STATE_HPP

#include <sfmc/sms/access_token.hpp>
#include <sfmc/sms/call.hpp>
#include <sfmc/sms/detail/config.hpp>
#include <sfmc/sms/endpoint.hpp>

#include <optional>
#include <utility>

namespace sfmc::sms::detail {

// What the blocking and the coroutine clients share: where requests go (given, or learnt
// from the first token), and where the token comes from (fixed, or a provider).
template <class TokenProvider>
class client_state {
public:
    client_state(std::optional<endpoint> rest, access_token token) : rest_(std::move(rest)), fixed_(std::move(token)) {}
    client_state(std::optional<endpoint> rest, TokenProvider& tokens) : rest_(std::move(rest)), provider_(&tokens) {}

    // A call of `r`, given the fixed token if there is one.
    template <class Route>
    call<Route> begin(Route r, call_options opt) const
    {
        call<Route> c(std::move(r), rest_, std::move(opt));
        if (fixed_)
            c.use_token(*fixed_);
        return c;
    }

    // Keeps the REST endpoint a call learnt from its token.
    template <class Route>
    void end(call<Route> const& c)
    {
        if (!rest_ && c.base())
            rest_ = c.base();
    }

    // The provider to ask when a call needs a token (null with a fixed token: never asked).
    TokenProvider* provider() const noexcept { return provider_; }

    void set_token(access_token token)
    {
        fixed_ = std::move(token);
        provider_ = nullptr;
    }
    std::optional<endpoint> const& rest() const noexcept { return rest_; }

private:
    std::optional<endpoint> rest_;
    // One of the two: a fixed token, or the provider to ask.
    std::optional<access_token> fixed_;
    TokenProvider* provider_ = nullptr;
};

} // namespace sfmc::sms::detail

#endif
