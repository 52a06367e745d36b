// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_CANONICAL_JSON_HPP
#define SFMC_SMS_ENS_CANONICAL_JSON_HPP

#include <sfmc/sms/detail/config.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sfmc::sms::ens {

/** The canonical JSON text of one JSON value: no whitespace, every object's members in the
    order of their names' UTF-8 bytes, strings with only the escapes JSON requires, numbers by
    value (`15e-1` as `1.5`; `1` and `1.0` stay apart). Values equal as JSON (the receiver's
    rule for a redelivered event) have the same text; the status store breaks its last ties
    with it. Nullopt for text that is not JSON, or nested deeper than 64 levels. Trailing
    commas are accepted, as in the rest of the library.
*/
SFMC_SMS_ENS_DECL std::optional<std::string> canonical_json(std::string_view json);

/// Appends `json` (one JSON value, as `decode_batch` accepted it) on one line: whitespace
/// between tokens dropped, and a trailing comma before `}` or `]` too, so that the line is
/// strict JSON for every reader. Strings and numbers keep their bytes exactly.
///
/// Written by hand: Boost.JSON's serializer writes from a DOM, which would rewrite numbers
/// (`1.50e2` as `1.5E2`) and escapes; a journal keeps the bytes ENS sent.
SFMC_SMS_ENS_DECL void append_compact_json(std::string& out, std::string_view json);

} // namespace sfmc::sms::ens

#ifdef SFMC_SMS_ENS_COMPILE_DEFINITIONS
#include <sfmc/sms/ens/impl/canonical_json.ipp>
#endif

#endif
