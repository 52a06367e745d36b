// The status store's URL, as both commands take it (STATUS_STORE.md, "Store URLs"), and the
// engine it opens.
#ifndef SFMC_SMS_CLI_STORE_URL_HPP
#define SFMC_SMS_CLI_STORE_URL_HPP

#include <sfmc/sms/ens/sqlite_store.hpp>
#if SFMC_SMS_HAVE_POSTGRESQL
#include <sfmc/sms/ens/postgresql_store.hpp>
#endif

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cli {

/// A store URL, read: its engine and what the engine opens (a file, a libpq URI).
struct store_url {
    enum class engine { sqlite, postgresql };
    engine kind = engine::sqlite;
    std::string target{};
};

/// `text` as a store URL, or why not (never repeating it: it may hold a password).
inline std::variant<store_url, std::string> parse_store_url(std::string const& text)
{
    if (text.starts_with("sqlite:") && text.size() > 7)
        return store_url{store_url::engine::sqlite, text.substr(7)};
    if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
#if SFMC_SMS_HAVE_POSTGRESQL
        return store_url{store_url::engine::postgresql, text};
#else
        return std::string("--store: this build has no PostgreSQL engine (libpq was not found); use sqlite:PATH");
#endif
    }
    return std::string("--store takes sqlite:PATH or a postgresql:// URL");
}

/// Opens the store `url` names: created when missing when `create` (the receiver), never by
/// the command. Why not, when it cannot be opened (never with a password).
inline std::variant<std::unique_ptr<sfmc::sms::ens::status_store>, std::string> open_store(store_url const& url, bool create)
{
    auto const opened = [](auto got) -> std::variant<std::unique_ptr<sfmc::sms::ens::status_store>, std::string> {
        if (auto* why = std::get_if<std::string>(&got))
            return std::move(*why);
        return std::unique_ptr<sfmc::sms::ens::status_store>(std::move(std::get<0>(got)));
    };
#if SFMC_SMS_HAVE_POSTGRESQL
    if (url.kind == store_url::engine::postgresql)
        return opened(sfmc::sms::ens::postgresql_store::open(url.target, create));
#endif
    return opened(sfmc::sms::ens::sqlite_store::open(url.target, create));
}

} // namespace cli

#endif
