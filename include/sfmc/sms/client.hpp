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
#include <sfmc/sms/status_request.hpp>
#include <sfmc/sms/transport.hpp>

#include <chrono>
#include <functional>
#include <string_view>

namespace sfmc::sms {

/// How a @ref client decodes, and where it reads the time for `Retry-After` dates.
struct client_options {
    decode_options decode;
    /// Called once per response; inject a fake in tests.
    std::function<std::chrono::system_clock::time_point()> clock = [] { return std::chrono::system_clock::now(); };
};

/** Validates, builds, sends and decodes a send-status lookup in one call, over a transport.

    The transport is held by reference and reused for every call, so its connections are
    kept alive; it must outlive the client. Nothing here throws for what the caller or the
    network sends: every outcome is in the returned result.

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
        auto response = http_.send(make_status_request(rest_, key, token_));
        if (!response)
            return failure(response.error(), response.error().message());
        auto dopt = opt_.decode;
        if (opt_.clock)
            dopt.now = opt_.clock();
        return decode_status(*response, dopt);
    }

    /// Replaces the token, e.g. after the caller refreshed it.
    void set_token(access_token token) { token_ = std::move(token); }

    endpoint const& rest_endpoint() const noexcept { return rest_; }

private:
    Transport& http_;
    endpoint rest_;
    access_token token_;
    client_options opt_;
};

} // namespace sfmc::sms

#endif
