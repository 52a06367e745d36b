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

// Header-only by default. With SFMC_SMS_SEPARATE_COMPILATION defined in every translation
// unit, every definition that is not a template (impl/*.ipp) is only declared by the headers,
// and compiled once by the translation unit that includes <sfmc/sms/src.hpp>, as Boost.JSON
// and Boost.URL offer. The single header has no src.hpp beside it: there, the one translation
// unit defines SFMC_SMS_SOURCE before including it, as doctest and stb do.
#ifdef SFMC_SMS_SEPARATE_COMPILATION
#define SFMC_SMS_DECL
#else
#define SFMC_SMS_DECL inline
#endif

// Whether the headers bring their definitions (impl/*.ipp) into this translation unit.
#if !defined(SFMC_SMS_SEPARATE_COMPILATION) || defined(SFMC_SMS_SOURCE)
#define SFMC_SMS_COMPILE_DEFINITIONS
#endif
#if defined(SFMC_SMS_SOURCE) && !defined(SFMC_SMS_SEPARATE_COMPILATION)
// Its definitions would be inline, so never emitted for the other translation units to link.
#error "SFMC_SMS_SOURCE is for separate compilation: define SFMC_SMS_SEPARATE_COMPILATION in every translation unit"
#endif

// ENS's part the same way, on its own (it needs libcrypto): with SFMC_SMS_ENS_SEPARATE_COMPILATION
// defined in every translation unit, ENS's definitions (ens/impl/*.ipp) are compiled once, by
// the translation unit that includes <sfmc/sms/ens/src.hpp>. Without it, ENS is header-only,
// whether the core is compiled separately or not.
#ifdef SFMC_SMS_ENS_SEPARATE_COMPILATION
#define SFMC_SMS_ENS_DECL
#else
#define SFMC_SMS_ENS_DECL inline
#define SFMC_SMS_ENS_COMPILE_DEFINITIONS
#endif

#endif
