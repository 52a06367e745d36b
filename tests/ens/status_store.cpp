#include <sfmc/sms/ens/status_store.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms::ens;

TEST_CASE("ens status_store: what a list takes by default, and stored events compared member by member")
{
    list_filter const any;
    CHECK(any.on == channel::sms);
    CHECK(any.statuses.empty());
    CHECK_FALSE(any.since);
    CHECK_FALSE(any.until);
    CHECK(any.limit == 1000);
    stored_event a{.on = channel::sms, .status = event_status::sent, .type = "TransactionalSendEvents.SmsSent", .message_key = "k"};
    auto b = a;
    CHECK(a == b);
    b.status_code = 4000;
    CHECK_FALSE(a == b);
    message_state const m{.message_key = "k", .decided = a, .events = 2};
    CHECK(m.on == channel::sms);
    CHECK(m.decided == a);
}
