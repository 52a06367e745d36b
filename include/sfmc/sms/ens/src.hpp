// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_SRC_HPP
#define SFMC_SMS_ENS_SRC_HPP

/** @file
    ENS's compiled part, for separate compilation, as `<sfmc/sms/src.hpp>` is the core's.

    With `SFMC_SMS_ENS_SEPARATE_COMPILATION` defined in every translation unit, include this
    header in exactly one of them (CMake's `sfmc::ens_compiled` target does both, with the
    core's `sfmc::sms_compiled`, and links libcrypto): every definition of ENS that is not a
    template (batch decoding, the verification handshake, the callback and subscription
    routes, signatures, digests, the current status, events made storable) is compiled there once, and the other
    translation units see declarations only. Without the macro ENS is header-only, whether or
    not the core is compiled separately. The store engines stay header-only: each is used by
    one translation unit, the one that opens a store.
*/

#ifndef SFMC_SMS_ENS_SEPARATE_COMPILATION
#error "<sfmc/sms/ens/src.hpp> is for separate compilation: define SFMC_SMS_ENS_SEPARATE_COMPILATION in every translation unit"
#endif

#include <sfmc/sms/ens.hpp>
#include <sfmc/sms/ens/canonical_json.hpp>
#include <sfmc/sms/ens/current_status.hpp>
#include <sfmc/sms/ens/event_digest.hpp>
#include <sfmc/sms/ens/signature.hpp>
#include <sfmc/sms/ens/status_store.hpp>

#include <sfmc/sms/ens/impl/callbacks.ipp>
#include <sfmc/sms/ens/impl/canonical_json.ipp>
#include <sfmc/sms/ens/impl/current_status.ipp>
#include <sfmc/sms/ens/impl/decode_batch.ipp>
#include <sfmc/sms/ens/impl/event.ipp>
#include <sfmc/sms/ens/impl/event_digest.ipp>
#include <sfmc/sms/ens/impl/signature.ipp>
#include <sfmc/sms/ens/impl/status_store.ipp>
#include <sfmc/sms/ens/impl/subscriptions.ipp>
#include <sfmc/sms/ens/impl/verification.ipp>

#endif
