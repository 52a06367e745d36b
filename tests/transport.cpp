#include <sfmc/sms/transport.hpp>

#include <doctest/doctest.h>

#include "support/fake_transport.hpp"

#include <sfmc/sms/decode_status.hpp>
#include <sfmc/sms/status_request.hpp>

#include "support/fixtures.hpp"

#include <functional>
#include <string>

using namespace sfmc::sms;

namespace {
struct no_send {};
struct wrong_argument {
    result<http_response> send(std::string const&);
};
struct wrong_return {
    int send(http_request const&);
};
struct const_only_send {
    result<http_response> send(http_request const&) const;
};
} // namespace

static_assert(transport<detail::exemplar_transport>);
static_assert(transport<test::fake_transport>);
static_assert(transport<const_only_send>);
static_assert(!transport<no_send>);
static_assert(!transport<wrong_argument>);
static_assert(!transport<wrong_return>);
static_assert(!transport<int>);

namespace {

// A callback-style stack, as async users have: the reply comes later, to a handler.
struct callback_transport {
    std::function<void(result<http_response>)> pending;
    std::string sent_target;
    void async_send(http_request const& req, std::function<void(result<http_response>)> handler)
    {
        sent_target = std::string(req.target());
        pending = std::move(handler);
    }
};

} // namespace

TEST_CASE("transport: async users compose the two sans-I/O halves around their own stack")
{
    callback_transport stack;
    api_result<message_status> outcome = failure(error::transport_failed);

    auto req = make_status_request(*endpoint::from_subdomain("mc"), *message_key::make("bcX0qaEp0USGciEnUJTW0w"),
                                   *access_token::make("t"));
    stack.async_send(req, [&](result<http_response> res) {
        outcome = res ? decode_status(*res) : api_result<message_status>(failure(res.error()));
    });
    CHECK(stack.sent_target == "/messaging/v1/sms/messages/bcX0qaEp0USGciEnUJTW0w");
    CHECK_FALSE(outcome); // nothing yet: the reply has not come

    stack.pending(test::ok(test::fixture("sent.json")));
    REQUIRE(outcome);
    CHECK(outcome->status == send_status::sent);
}
