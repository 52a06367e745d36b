#include <sfmc/sms/ens/event.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms::ens;
namespace ens = sfmc::sms::ens;

TEST_CASE("ens::event: every documented type, without regard to case, with or without its prefix")
{
    struct want {
        std::string_view type;
        channel on;
        event_status status;
    };
    for (auto const& w : {want{"TransactionalSendEvents.SmsSent", sfmc::sms::channel::sms, event_status::sent},
                          want{"TransactionalSendEvents.SMSSent", sfmc::sms::channel::sms, event_status::sent},
                          want{"transactionalsendevents.smssent", sfmc::sms::channel::sms, event_status::sent},
                          want{"TransactionalSendEvents.SmsNotSent", sfmc::sms::channel::sms, event_status::not_sent},
                          want{"TransactionalSendEvents.SMSNotSent", sfmc::sms::channel::sms, event_status::not_sent},
                          want{"TransactionalSendEvents.SmsTransient", sfmc::sms::channel::sms, event_status::transient},
                          want{"TransactionalSendEvents.SmsDelivered", sfmc::sms::channel::sms, event_status::delivered},
                          want{"TransactionalSendEvents.SmsBounced", sfmc::sms::channel::sms, event_status::bounced},
                          want{"TransactionalSendEvents.EmailSent", sfmc::sms::channel::email, event_status::sent},
                          want{"TransactionalSendEvents.EmailNotSent", sfmc::sms::channel::email, event_status::not_sent},
                          want{"TransactionalSendEvents.EmailBounced", sfmc::sms::channel::email, event_status::bounced},
                          want{"SmsDelivered", sfmc::sms::channel::sms, event_status::delivered},
                          want{"TransactionalSendEvents.SmsQueued", sfmc::sms::channel::sms, event_status::unknown},
                          want{"TransactionalSendEvents.EmailOpened", sfmc::sms::channel::email, event_status::unknown},
                          want{"TransactionalSendEvents.PushSent", sfmc::sms::channel::unknown, event_status::unknown},
                          want{"", sfmc::sms::channel::unknown, event_status::unknown},
                          want{"TransactionalSendEvents.", sfmc::sms::channel::unknown, event_status::unknown}}) {
        CAPTURE(w.type);
        auto const t = parse_event_type(w.type);
        CHECK(t.on == w.on);
        CHECK(t.status == w.status);
    }
}

TEST_CASE("ens::event: final statuses, and names")
{
    event e;
    for (auto s : {event_status::not_sent, event_status::delivered, event_status::bounced}) {
        e.status = s;
        CHECK(e.is_final());
    }
    for (auto s : {event_status::sent, event_status::transient, event_status::unknown}) {
        e.status = s;
        CHECK_FALSE(e.is_final());
    }
    CHECK(to_string(event_status::not_sent) == "not_sent");
    CHECK(to_string(event_status::delivered) == "delivered");
    CHECK(to_string(sfmc::sms::channel::sms) == "sms");
    CHECK(to_string(sfmc::sms::channel::unknown) == "unknown");
}

TEST_CASE("ens::parse_event_status: the words of to_string, and nothing else")
{
    for (auto st : {event_status::sent, event_status::not_sent, event_status::transient, event_status::delivered,
                    event_status::bounced, event_status::unknown})
        CHECK(parse_event_status(to_string(st)) == st);
    CHECK_FALSE(parse_event_status("Delivered"));
    CHECK_FALSE(parse_event_status("notsent"));
    CHECK_FALSE(parse_event_status(""));
}
