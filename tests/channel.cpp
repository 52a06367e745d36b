#include <sfmc/sms/channel.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;

TEST_CASE("channel: named by its path segment, exactly")
{
    CHECK(to_string(channel::sms) == "sms");
    CHECK(to_string(channel::email) == "email");
    CHECK(parse_channel("sms") == channel::sms);
    CHECK(parse_channel("email") == channel::email);
    CHECK_FALSE(parse_channel("SMS"));
    CHECK_FALSE(parse_channel(""));
    CHECK_FALSE(parse_channel("mail"));
}

#include <sfmc/sms/call.hpp>
#include <sfmc/sms/ens/event.hpp>
#include <sfmc/sms/not_sent.hpp>
#include <sfmc/sms/queue_lookup.hpp>
#include <sfmc/sms/status_lookup.hpp>

#include <type_traits>

TEST_CASE("channel: one type for routes, ENS events and the store, unknown is no route's")
{
    static_assert(std::is_same_v<sfmc::sms::ens::channel, sfmc::sms::channel>);
    CHECK(to_string(channel::unknown) == "unknown");
    CHECK_FALSE(parse_channel("unknown")); // a name a route could be given: none
    CHECK(sfmc::sms::ens::parse_event_type("TransactionalSendEvents.SmsDelivered").on == channel::sms);

    auto const rest = *endpoint::from_url("https://mc.example.com");
    auto const refused = [&](auto route) {
        call c(std::move(route), rest);
        c.use_token(*access_token::make("t"));
        CHECK(c.next() == call_action::done); // nothing sent
        CHECK(c.attempts() == 0);
        return c.result().error().code;
    };
    CHECK(refused(status_lookup{*message_key::make("k"), channel::unknown}) == error::bad_channel);
    CHECK(refused(queue_lookup{*definition_key::make("d"), channel::unknown}) == error::bad_channel);
    CHECK(refused(not_sent_list{.on = channel::unknown}) == error::bad_channel);
}
