// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_HPP
#define SFMC_SMS_ENS_HPP

// The Event Notification Service's sans-I/O pieces: typed events, batch decoding, delivery
// codes, the verification handshake, the callback and subscription calls. Not included by <sfmc/sms.hpp>, whose users need not
// compile them; the signature check, which needs OpenSSL, is the opt-in
// <sfmc/sms/ens/signature.hpp>.

#include <sfmc/sms/ens/callbacks.hpp>
#include <sfmc/sms/ens/decode_batch.hpp>
#include <sfmc/sms/ens/deleted.hpp>
#include <sfmc/sms/ens/delivery_code.hpp>
#include <sfmc/sms/ens/event.hpp>
#include <sfmc/sms/ens/subscriptions.hpp>
#include <sfmc/sms/ens/verification.hpp>

/// The Event Notification Service: signed batches of events pushed to a callback.
namespace sfmc::sms::ens {
}

#endif
