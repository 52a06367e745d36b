// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_BEAST_TRANSPORT_HPP
#define SFMC_SMS_BEAST_TRANSPORT_HPP

// Moved to <sfmc/sms/adapters/beast_transport.hpp>; this forwarding header goes in the next release.
#include <sfmc/sms/adapters/beast_transport.hpp>

#endif
