// The command line of sfmc-ens-receiver, as its manual (docs/sfmc-ens-receiver.md) describes it.
#ifndef SFMC_ENS_RECEIVER_OPTIONS_HPP
#define SFMC_ENS_RECEIVER_OPTIONS_HPP

#include <sfmc/sms/ens/signature.hpp>
#include <sfmc/sms/limits.hpp>

#include "../cli/options.hpp"

#include <charconv>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace receiver {

/// Where to listen: a host (an IPv6 one without its brackets) and a port.
struct listen_address {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
};

struct options : cli::connection_options {
    listen_address listen;
    std::string path = "/";
    std::vector<sfmc::sms::ens::signature_key> keys; // all of them: given, then read from the file
    std::vector<sfmc::sms::ens::signature_key> given_keys; // --signature-key (or its variable): kept at SIGHUP
    std::optional<std::string> key_file;                   // read again at SIGHUP
    sfmc::sms::ens::key_reading reading = sfmc::sms::ens::key_reading::either;
    std::optional<std::string> out;
    std::optional<cli::store_url> store; // --store URL
    int retention_days = 30;
    std::size_t max_body = sfmc::sms::limits::receiver_body_bytes;
    std::optional<std::string> tls_cert, tls_key;
    bool auto_verify = false;
    bool reuse_port = false; // several receivers on one port (SO_REUSEPORT): the kernel spreads connections
    bool help = false;
    bool version = false;
};

/// "HOST:PORT" or "[V6]:PORT", port 0 to 65535; nullopt when it is neither.
inline std::optional<listen_address> parse_listen(std::string_view text)
{
    listen_address a;
    auto const colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return std::nullopt;
    auto host = text.substr(0, colon);
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || host.size() < 3)
            return std::nullopt;
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt; // an IPv6 address takes brackets
    }
    auto const port = text.substr(colon + 1);
    unsigned value = 0;
    auto const [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value > 65535)
        return std::nullopt;
    a.host = std::string(host);
    a.port = static_cast<std::uint16_t>(value);
    return a;
}

/// The keys of a --signature-key-file, one per line (blank lines skipped), or why not: the
/// file cannot be read, a line is not a key, or it holds none. Never a key's text.
inline std::variant<std::vector<sfmc::sms::ens::signature_key>, std::string> read_key_file(std::string const& path)
{
    std::ifstream in(path);
    if (!in)
        return "--signature-key-file: cannot read " + path;
    std::vector<sfmc::sms::ens::signature_key> keys;
    for (std::string line; std::getline(in, line);) {
        if (line.ends_with('\r'))
            line.pop_back();
        if (line.empty())
            continue;
        auto key = sfmc::sms::ens::signature_key::make(line);
        if (!key)
            return "--signature-key-file " + path + ": a key is empty or has characters other than visible ASCII";
        keys.push_back(std::move(*key));
    }
    if (in.bad())
        return "--signature-key-file: cannot read " + path;
    if (keys.empty())
        return "--signature-key-file " + path + " holds no key";
    return keys;
}

/// Reads the command line; a usage error never repeats an option's value (it may be a key).
inline std::variant<options, cli::usage_error> parse(std::vector<std::string_view> const& args, cli::environment const& env)
{
    options o;
    std::vector<std::string> key_texts;
    std::optional<std::string> listen, key_bytes, max_body, path, store, retention;
    cli::flag_option const flags[] = {{"-h", &o.help},
                                      {"--help", &o.help},
                                      {"--version", &o.version},
                                      {"--auto-verify", &o.auto_verify},
                                      {"--reuse-port", &o.reuse_port}};
    cli::value_option const values[] = {{"--listen", &listen},
                                        {"--path", &path},
                                        {"--signature-key", nullptr, &key_texts},
                                        {"--signature-key-file", &o.key_file},
                                        {"--key-bytes", &key_bytes},
                                        {"--out", &o.out},
                                        {"--max-body", &max_body},
                                        {"--tls-cert", &o.tls_cert},
                                        {"--tls-key", &o.tls_key},
                                        {"--store", &store},
                                        {"--retention", &retention}};
    if (auto wrong = cli::scan(args, {.flags = flags, .values = values, .more = options::find_in,
                                       .more_context = static_cast<cli::connection_options*>(&o)}))
        return *wrong;
    auto& key_file = o.key_file;
    if (o.help || o.version)
        return o;
    cli::fill_from_environment(o, env);
    if (!listen)
        listen = env("SFMC_ENS_LISTEN");
    if (key_texts.empty() && !key_file)
        if (auto k = env("SFMC_ENS_SIGNATURE_KEY"))
            key_texts.push_back(std::move(*k));

    if (listen) {
        auto a = parse_listen(*listen);
        if (!a)
            return cli::usage_error{"--listen takes HOST:PORT or [IPV6]:PORT, the port from 0 to 65535"};
        o.listen = std::move(*a);
    }
    if (path) {
        if (!path->starts_with('/') || path->find_first_of("?# \t\r\n") != std::string::npos)
            return cli::usage_error{"--path takes an absolute path without query or fragment, like /ens"};
        o.path = std::move(*path);
    }
    for (auto const& text : key_texts) {
        auto key = sfmc::sms::ens::signature_key::make(text);
        if (!key)
            return cli::usage_error{"a signature key is empty or has characters other than visible ASCII"};
        o.given_keys.push_back(std::move(*key));
    }
    o.keys = o.given_keys;
    if (key_file) {
        auto read = read_key_file(*key_file);
        if (auto const* why = std::get_if<std::string>(&read))
            return cli::usage_error{*why};
        auto& from_file = std::get<0>(read);
        o.keys.insert(o.keys.end(), from_file.begin(), from_file.end());
    }
    if (o.keys.empty())
        return cli::usage_error{"no signature key: give --signature-key (SFMC_ENS_SIGNATURE_KEY) or "
                                "--signature-key-file; a receiver never accepts unsigned batches"};
    if (key_bytes) {
        using sfmc::sms::ens::key_reading;
        if (*key_bytes == "base64")
            o.reading = key_reading::base64_decoded;
        else if (*key_bytes == "text")
            o.reading = key_reading::text;
        else if (*key_bytes == "auto")
            o.reading = key_reading::either;
        else
            return cli::usage_error{"--key-bytes takes base64, text or auto"};
    }
    if (max_body) {
        double bytes = 0;
        if (!cli::parse_number(*max_body, bytes, 1, 1024.0 * 1024 * 1024) || bytes != static_cast<double>(static_cast<std::size_t>(bytes)))
            return cli::usage_error{"--max-body takes a whole number of bytes from 1 to 1073741824"};
        o.max_body = static_cast<std::size_t>(bytes);
    }
    if (o.tls_cert.has_value() != o.tls_key.has_value())
        return cli::usage_error{"--tls-cert and --tls-key go together"};
    if (!store)
        store = env("SFMC_ENS_STORE");
    if (store) {
        // Never repeated in a message: a store URL may hold a password.
        auto url = cli::parse_store_url(*store);
        if (auto const* why = std::get_if<std::string>(&url))
            return cli::usage_error{*why};
        o.store = std::move(std::get<cli::store_url>(url));
    }
    if (retention) {
        double days = 0;
        if (!store || !cli::parse_number(*retention, days, 8, 36500) || days != static_cast<double>(static_cast<int>(days)))
            return cli::usage_error{"--retention takes a whole number of days, at least 8 (ENS redelivers for up to 7), "
                                    "and goes with --store"};
        o.retention_days = static_cast<int>(days);
    }
    return o;
}

} // namespace receiver

#endif
