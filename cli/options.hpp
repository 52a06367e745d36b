// The command line of sfmc-sms-status, as its manual (docs/sfmc-sms-status.md) describes it.
#ifndef SFMC_SMS_CLI_OPTIONS_HPP
#define SFMC_SMS_CLI_OPTIONS_HPP

#include <sfmc/sms/channel.hpp>
#include <sfmc/sms/ens/event.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "command_line.hpp"
#include "store_url.hpp"

namespace cli {

/// Where requests go and with which credentials: the options both commands take.
struct connection_options {
    std::optional<std::string> subdomain, rest_url, auth_url, cacert, token;
    std::optional<std::string> client_id, client_secret, account_id;

    // Options that mean one thing together: where to go, who asks, whom to trust.
    enum class group { endpoint, credentials, trust };
    struct valued {
        std::string_view name;
        std::optional<std::string> connection_options::*member;
        char const* variable;
        group part;
    };
    static constexpr valued table[] = {
        {"--subdomain", &connection_options::subdomain, "SFMC_SUBDOMAIN", group::endpoint},
        {"--rest-url", &connection_options::rest_url, "SFMC_REST_URL", group::endpoint},
        {"--auth-url", &connection_options::auth_url, "SFMC_AUTH_URL", group::endpoint},
        {"--cacert", &connection_options::cacert, "SFMC_CACERT", group::trust},
        {"--token", &connection_options::token, "SFMC_ACCESS_TOKEN", group::credentials},
        {"--client-id", &connection_options::client_id, "SFMC_CLIENT_ID", group::credentials},
        {"--client-secret", &connection_options::client_secret, "SFMC_CLIENT_SECRET", group::credentials},
        {"--account-id", &connection_options::account_id, "SFMC_ACCOUNT_ID", group::credentials},
    };

    /// The member an option `name` sets, or null when it is not one of these.
    std::optional<std::string>* find(std::string_view name)
    {
        for (auto const& v : table)
            if (v.name == name)
                return &(this->*v.member);
        return nullptr;
    }
    /// `find` for the command-line scanner: `context` is the connection_options.
    static std::optional<std::string>* find_in(void* context, std::string_view name)
    {
        return static_cast<connection_options*>(context)->find(name);
    }
};

struct options : connection_options {
    double timeout_seconds = 30;
    int retries = 2;
    double max_wait_seconds = 60;
    bool json = false;
    bool help = false;
    bool version = false;
    std::vector<std::string> keys; // "-" stands for the keys on standard input
    sfmc::sms::channel channel = sfmc::sms::channel::sms;
    // --not-sent: the NotSent list instead of keys.
    bool not_sent = false;
    std::optional<std::int64_t> after;
    int page_size = 100;
    std::optional<std::string> cursor_file;
    // --queue: a definition's queue metrics instead of keys.
    std::optional<std::string> queue;
    // --store: answers from the status store first.
    std::optional<cli::store_url> store; // --store URL
    bool store_only = false;
    bool history = false;
    bool list = false;
    std::vector<sfmc::sms::ens::event_status> statuses;
    std::optional<sfmc::sms::ens::event_time> since, until;
    std::size_t limit = std::size_t(-1);
};


using environment = std::function<std::optional<std::string>(char const*)>;

inline std::optional<std::string> from_process_environment(char const* name)
{
    if (char const* v = std::getenv(name); v && *v)
        return std::string(v);
    return std::nullopt;
}

/// The environment fills in what the command line left out, a group at a time: options
/// given on the command line win as a set, so that `--token T` is not mixed with an
/// `SFMC_CLIENT_ID` from the environment, nor `--subdomain` with an `SFMC_REST_URL`.
inline void fill_from_environment(connection_options& o, environment const& env)
{
    auto const given_on_command_line = [&](connection_options::group part) {
        for (auto const& v : connection_options::table)
            if (v.part == part && o.*v.member)
                return true;
        return false;
    };
    bool given[3] = {};
    for (auto part : {connection_options::group::endpoint, connection_options::group::credentials,
                      connection_options::group::trust})
        given[static_cast<int>(part)] = given_on_command_line(part);
    for (auto const& v : connection_options::table)
        if (!given[static_cast<int>(v.part)])
            o.*v.member = env(v.variable);
}

/// "2026-12-01T00:00:00Z", with optional fractional seconds and a `Z` or `±HH:MM` offset,
/// as a time; nullopt for anything else.
inline std::optional<sfmc::sms::ens::event_time> parse_rfc3339(std::string_view text)
{
    using namespace std::chrono;
    auto const number = [&](std::size_t at, std::size_t digits) -> std::optional<int> {
        if (at + digits > text.size())
            return std::nullopt;
        int value = 0;
        auto const [end, ec] = std::from_chars(text.data() + at, text.data() + at + digits, value);
        if (ec != std::errc{} || end != text.data() + at + digits)
            return std::nullopt;
        return value;
    };
    auto const at = [&](std::size_t i, char c) { return i < text.size() && text[i] == c; };
    auto const y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2), s = number(17, 2);
    if (!y || !mo || !d || !h || !mi || !s || !at(4, '-') || !at(7, '-') || !(at(10, 'T') || at(10, 't')) || !at(13, ':') ||
        !at(16, ':') || *h > 23 || *mi > 59 || *s > 59)
        return std::nullopt;
    year_month_day const ymd{year(*y), month(static_cast<unsigned>(*mo)), day(static_cast<unsigned>(*d))};
    if (!ymd.ok())
        return std::nullopt;
    auto t = sys_days(ymd) + hours(*h) + minutes(*mi) + seconds(*s);
    std::size_t i = 19;
    milliseconds fraction{0};
    if (at(i, '.')) {
        std::size_t digits = 0;
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits)
            if (digits < 3)
                fraction += milliseconds((text[i] - '0') * (digits == 0 ? 100 : digits == 1 ? 10 : 1));
        if (digits == 0)
            return std::nullopt;
    }
    if (at(i, 'Z') || at(i, 'z')) {
        if (i + 1 != text.size())
            return std::nullopt;
    } else if (at(i, '+') || at(i, '-')) {
        auto const oh = number(i + 1, 2), om = number(i + 4, 2);
        if (!oh || !om || !at(i + 3, ':') || i + 6 != text.size() || *oh > 23 || *om > 59)
            return std::nullopt;
        auto const offset = hours(*oh) + minutes(*om);
        t = text[i] == '+' ? t - offset : t + offset;
    } else {
        return std::nullopt;
    }
    return time_point_cast<milliseconds>(t) + fraction;
}

// Reads all of `text` as a number within [low, high].
inline bool parse_number(std::string const& text, double& out, double low, double high)
{
    double v = 0;
    auto const* end = text.data() + text.size();
    auto const [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || ptr != end || !(v >= low && v <= high))
        return false;
    out = v;
    return true;
}

// Reads all of `text` as a whole number within [low, high].
inline bool parse_whole(std::string const& text, std::int64_t& out, std::int64_t low, std::int64_t high)
{
    std::int64_t v = 0;
    auto const* end = text.data() + text.size();
    auto const [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || ptr != end || text.empty() || v < low || v > high)
        return false;
    out = v;
    return true;
}

inline std::variant<options, usage_error> parse(std::vector<std::string_view> const& args, environment const& env)
{
    options o;
    std::optional<std::string> timeout, retries, max_wait, channel, after, page_size, store, statuses, since, until, limit;
    flag_option const flags[] = {{"--json", &o.json},       {"-h", &o.help},             {"--help", &o.help},
                                 {"--version", &o.version}, {"--not-sent", &o.not_sent}, {"--store-only", &o.store_only},
                                 {"--history", &o.history}, {"--list", &o.list}};
    value_option const values[] = {{"--timeout", &timeout},   {"--retries", &retries},         {"--max-wait", &max_wait},
                                   {"--channel", &channel},   {"--after", &after},             {"--page-size", &page_size},
                                   {"--cursor-file", &o.cursor_file}, {"--queue", &o.queue},   {"--store", &store},
                                   {"--status", &statuses},   {"--since", &since},             {"--until", &until},
                                   {"--limit", &limit}};
    if (auto wrong = scan(args, {.flags = flags, .values = values, .more = connection_options::find_in,
                                 .more_context = static_cast<connection_options*>(&o),
                                 .operands = &o.keys}))
        return *wrong;
    fill_from_environment(o, env);

    if (timeout && !parse_number(*timeout, o.timeout_seconds, 0.001, 3600))
        return usage_error{"--timeout takes a number of seconds, more than 0 and at most 3600"};
    if (max_wait && !parse_number(*max_wait, o.max_wait_seconds, 0, 3600))
        return usage_error{"--max-wait takes a number of seconds from 0 to 3600"};
    double n = 0;
    if (retries && (!parse_number(*retries, n, 0, 10) || n != static_cast<int>(n)))
        return usage_error{"--retries takes a whole number from 0 to 10"};
    if (retries)
        o.retries = static_cast<int>(n);

    if (channel) {
        auto const c = sfmc::sms::parse_channel(*channel);
        if (!c)
            return usage_error{"--channel takes sms or email"};
        o.channel = *c;
    }
    if (!o.not_sent && (after || page_size || o.cursor_file))
        return usage_error{"--after, --page-size and --cursor-file go with --not-sent"};
    if (o.not_sent && o.queue)
        return usage_error{"--not-sent and --queue do not go together"};
    if ((o.not_sent || o.queue) && !o.keys.empty())
        return usage_error{std::string(o.not_sent ? "--not-sent" : "--queue") + " takes no message keys"};
    std::int64_t whole = 0;
    if (after && !parse_whole(*after, whole, 0, std::numeric_limits<std::int64_t>::max()))
        return usage_error{"--after takes an event id, a decimal number"};
    if (after)
        o.after = whole;
    if (page_size && !parse_whole(*page_size, whole, 1, 1000))
        return usage_error{"--page-size takes a whole number from 1 to 1000"};
    if (page_size)
        o.page_size = static_cast<int>(whole);

    if (!store)
        store = env("SFMC_STORE");
    if (!store && (o.history || o.list || statuses || since || until || limit || o.store_only))
        return usage_error{"--history, --list, --status, --since, --until, --limit and --store-only go with --store"};
    if (!o.list && (statuses || since || until || limit))
        return usage_error{"--status, --since, --until and --limit go with --list"};
    if (o.history && o.list)
        return usage_error{"--history and --list do not go together"};
    if (o.list && (!o.keys.empty() || o.not_sent || o.queue))
        return usage_error{"--list takes no message keys, nor --not-sent or --queue"};
    if (store) {
        // Never repeated in a message: a store URL may hold a password.
        auto url = cli::parse_store_url(*store);
        if (auto const* why = std::get_if<std::string>(&url))
            return usage_error{*why};
        o.store = std::move(std::get<cli::store_url>(url));
    }
    if (statuses) {
        for (std::size_t from = 0; from <= statuses->size();) {
            auto const comma = std::min(statuses->find(',', from), statuses->size());
            auto const word = std::string_view(*statuses).substr(from, comma - from);
            auto const st = sfmc::sms::ens::parse_event_status(word);
            if (!st || *st == sfmc::sms::ens::event_status::unknown)
                return usage_error{"--status takes sent, transient, delivered, bounced or not_sent, separated by commas"};
            o.statuses.push_back(*st);
            from = comma + 1;
        }
    }
    for (auto [text, into] : {std::pair{&since, &o.since}, std::pair{&until, &o.until}}) {
        if (!*text)
            continue;
        *into = parse_rfc3339(**text);
        if (!*into)
            return usage_error{"--since and --until take an RFC 3339 time, like 2026-12-01T00:00:00Z"};
    }
    if (limit) {
        if (!parse_whole(*limit, whole, 1, std::numeric_limits<std::int64_t>::max()))
            return usage_error{"--limit takes a whole number, at least 1"};
        o.limit = static_cast<std::size_t>(whole);
    }
    return o;
}

} // namespace cli

#endif
