#include <sfmc/sms/message_status.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;

TEST_CASE("message_status: the documented categories, matched without regard to case")
{
    CHECK(parse_send_status("TransactionalSendEvents.SMSSent") == send_status::sent);
    CHECK(parse_send_status("TransactionalSendEvents.SMSQueued") == send_status::queued);
    CHECK(parse_send_status("TransactionalSendEvents.SMSNotSent") == send_status::not_sent);
    CHECK(parse_send_status("TransactionalSendEvents.SmsNotSent") == send_status::not_sent);
    CHECK(parse_send_status("TransactionalSendEvents.EmailSent") == send_status::sent);
    CHECK(parse_send_status("TransactionalSendEvents.EmailQueued") == send_status::queued);
    CHECK(parse_send_status("transactionalsendevents.emailnotsent") == send_status::not_sent);
    CHECK(parse_send_status("TransactionalSendEvents.EmailBounced") == send_status::unknown);
    CHECK(parse_send_status("TransactionalSendEvents.SmsDelivered") == send_status::unknown);
    CHECK(parse_send_status("") == send_status::unknown);
    CHECK(parse_send_status("SMSSent") == send_status::unknown);
}

TEST_CASE("message_status: names for output")
{
    CHECK(to_string(send_status::sent) == "sent");
    CHECK(to_string(send_status::queued) == "queued");
    CHECK(to_string(send_status::not_sent) == "not_sent");
    CHECK(to_string(send_status::unknown) == "unknown");
}
