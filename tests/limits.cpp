#include <sfmc/sms/limits.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/decode_options.hpp>
#include <sfmc/sms/ens/decode_batch.hpp>
#include <sfmc/sms/transport_options.hpp>

using namespace sfmc::sms;

TEST_CASE("limits: every option's default is one of them, and they nest as their reasons say")
{
    CHECK(decode_options{}.max_body_size == limits::answer_bytes);
    CHECK(decode_options{}.max_depth == limits::json_depth);
    CHECK(transport_options{}.max_body_size == limits::response_bytes);
    CHECK(ens::batch_options{}.max_body_size == limits::batch_bytes);
    CHECK(ens::batch_options{}.max_depth == limits::json_depth);
    CHECK(ens::batch_options{}.max_events == limits::batch_events);
    // A transport reads more than a decoder takes: the decoder reports the refusal.
    CHECK(limits::response_bytes > limits::answer_bytes);
    // The receiver reads every batch decode_batch could take, within what it holds in flight.
    CHECK(limits::receiver_body_bytes >= limits::batch_bytes);
    CHECK(limits::receiver_bodies_in_flight >= limits::receiver_body_bytes);
}
