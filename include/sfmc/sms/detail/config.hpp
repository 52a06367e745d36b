// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_DETAIL_CONFIG_HPP
#define SFMC_SMS_DETAIL_CONFIG_HPP

// Every macro of the library lives here.

#define SFMC_SMS_VERSION_MAJOR 0
#define SFMC_SMS_VERSION_MINOR 1
#define SFMC_SMS_VERSION_PATCH 0
#define SFMC_SMS_VERSION_STRING "0.1.0"

#if __cplusplus < 202002L && (!defined(_MSVC_LANG) || _MSVC_LANG < 202002L)
#error "sfmc-sms needs C++20"
#endif

#endif
