// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_CALL_IPP
#define SFMC_SMS_IMPL_CALL_IPP

// call.hpp's definitions (the route-independent core of every call): inline in header-only
// mode, compiled once by <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/call.hpp>

#include <boost/system/errc.hpp>

#include <utility>

namespace sfmc::sms {

SFMC_SMS_DECL detail::call_core::call_core(std::optional<endpoint> base, call_options opt, bool needs_token,
                                          std::optional<bool> idempotent)
    : base_(std::move(base)), opt_(std::move(opt)), needs_token_(needs_token), idempotent_(idempotent)
{
    BOOST_ASSERT(needs_token_ || base_);
}

SFMC_SMS_DECL void detail::call_core::use_token(access_token fixed)
{
    token_ = std::move(fixed);
    fixed_token_ = true;
}

SFMC_SMS_DECL std::optional<call_action> detail::call_core::step(double random01)
{
    switch (phase_) {
    case phase::fetching: return call_action::fetch_token;
    case phase::sending: return call_action::send;
    case phase::finished: return call_action::done;
    case phase::failed: return decide(random01);
    case phase::waiting:
    case phase::ready: break;
    }
    if (needs_token_ && !token_) {
        phase_ = phase::fetching;
        return call_action::fetch_token;
    }
    return std::nullopt;
}

SFMC_SMS_DECL void detail::call_core::send(http_request req)
{
    request_.emplace(std::move(req));
    // RFC 9110 section 9.2.2: the methods whose repetition has the effect of one request.
    auto const m = request_->method();
    repeatable_ = idempotent_.value_or(m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS");
    phase_ = phase::sending;
    ++attempts_;
}

SFMC_SMS_DECL void detail::call_core::on_token(api_result<token_response> const& granted)
{
    if (phase_ != phase::fetching)
        return;
    rejected_.reset();
    if (!granted)
        return fail(granted.error());
    if (!base_) {
        if (!granted->rest_instance_url)
            return give_up(failure(error::bad_url, "no REST endpoint given, and the token has no rest_instance_url"));
        auto rest = endpoint::from_url(*granted->rest_instance_url);
        if (!rest)
            return give_up(failure(rest.error(), "the token's rest_instance_url is not usable"));
        base_ = std::move(*rest);
    }
    token_ = granted->token;
    phase_ = phase::ready;
}

SFMC_SMS_DECL bool detail::call_core::take_response(http_response const& res)
{
    if (phase_ != phase::sending)
        return false;
    if (needs_token_ && res.status == 401 && !fixed_token_ && !refreshed_) {
        // The token may have been revoked or have expired early: one new token, one more try.
        refreshed_ = true;
        refused_ = token_;
        rejected_ = std::move(token_);
        token_.reset();
        phase_ = phase::fetching;
        return false;
    }
    return true;
}

SFMC_SMS_DECL decode_options detail::call_core::decode_at(std::chrono::system_clock::time_point now,
                                                         std::string_view route_secret)
{
    auto opt = opt_.decode;
    opt.now = now;
    std::size_t n = 0;
    for (auto const* t : {token_ ? &*token_ : nullptr, refused_ ? &*refused_ : nullptr})
        if (t)
            secrets_[n++] = t->reveal();
    if (!route_secret.empty())
        secrets_[n++] = route_secret;
    opt.secrets = std::span<std::string_view const>(secrets_, n);
    return opt;
}

SFMC_SMS_DECL void detail::call_core::on_transport_error(boost::system::error_code ec)
{
    if (phase_ != phase::sending)
        return;
    if (!ec)
        ec = error::transport_failed;
    fail_sent(failure(ec)); // the code's message says it: no detail to repeat it
}

SFMC_SMS_DECL void detail::call_core::fail(failure f)
{
    pending_ = std::move(f);
    phase_ = phase::failed;
}

SFMC_SMS_DECL void detail::call_core::fail_sent(failure f)
{
    // 429 and 401 are refusals: the server did nothing. A refused connection sent nothing.
    // Any other failure without a response, and any 5xx, may come after the server acted.
    bool const refused_connection = f.http_status == 0 && f.code == boost::system::errc::connection_refused;
    bool const may_have_acted = f.http_status >= 500 || (f.http_status == 0 && !refused_connection);
    if (!repeatable_ && may_have_acted) {
        f.outcome_unknown = true;
        return give_up(std::move(f));
    }
    fail(std::move(f));
}

SFMC_SMS_DECL void detail::call_core::give_up(failure f)
{
    pending_ = std::move(f);
    phase_ = phase::finished;
}

SFMC_SMS_DECL failure detail::call_core::take_failure()
{
    BOOST_ASSERT(phase_ == phase::finished && pending_);
    failure f = std::move(*pending_);
    pending_.reset();
    for (auto const* t : {token_ ? &*token_ : nullptr, rejected_ ? &*rejected_ : nullptr, refused_ ? &*refused_ : nullptr})
        if (t)
            f.redact(t->reveal());
    return f;
}

SFMC_SMS_DECL call_action detail::call_core::decide(double random01)
{
    auto const wait = opt_.retry.next_delay(*pending_, retries_, waited_, random01);
    if (!wait) {
        phase_ = phase::finished; // `pending_` is the outcome
        return call_action::done;
    }
    ++retries_;
    waited_ = retry_policy::saturating_add(waited_, *wait);
    delay_ = *wait;
    pending_.reset();
    phase_ = phase::waiting;
    return call_action::wait;
}

} // namespace sfmc::sms

#endif
