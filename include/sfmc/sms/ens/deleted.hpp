// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_ENS_DELETED_HPP
#define SFMC_SMS_ENS_DELETED_HPP

#include <sfmc/sms/detail/config.hpp>

#include <ostream>
#include <string>

namespace sfmc::sms::ens {

/// What a DELETE of an ENS callback or subscription gives: the id it deleted.
struct deleted {
    std::string id; ///< the callback or subscription deleted

    /// "deleted ID", for logs.
    friend std::ostream& operator<<(std::ostream& out, deleted const& d) { return out << "deleted " << d.id; }

    /// Compares the ids.
    friend bool operator==(deleted const&, deleted const&) = default;
};

} // namespace sfmc::sms::ens

#endif
