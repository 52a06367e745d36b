// sfmc-sms-status: looks up the send status of transactional SMS (and email) messages, lists
// those not sent, and shows a definition's queue.
// Its options, output and exit codes are in docs/sfmc-sms-status.md; tests/cli holds them.
#include <sfmc/sms.hpp>
#include <sfmc/sms/adapters/curl_transport.hpp>
#include <sfmc/sms/not_sent.hpp>

#include "cursor_file.hpp"
#include "options.hpp"
#include "plan.hpp"
#include "report.hpp"
#include "store_answers.hpp"


#include <chrono>
#include <csignal>
#include <iostream>
#include <string>
#include <optional>
#include <variant>

namespace {

constexpr int exit_ok = 0, exit_some_failed = 1, exit_usage = 2;

constexpr char const* usage_text = R"(usage: sfmc-sms-status [OPTIONS] MESSAGE_KEY...
       sfmc-sms-status [OPTIONS] --not-sent [--after EVENT_ID] [--page-size N] [--cursor-file FILE]
       sfmc-sms-status [OPTIONS] --queue DEFINITION_KEY
       sfmc-sms-status --store URL [--list [--status S,...] [--since T] [--until T] [--limit N]]

Looks up the send status of transactional SMS (or email) messages in Salesforce Marketing
Cloud, lists the messages that were not sent, or shows a send definition's queue.
A key given as - reads keys from standard input, one per line; -- ends the options.

Where requests go:
  --subdomain SUB      tenant subdomain (SFMC_SUBDOMAIN)
  --rest-url URL       REST base URL, wins over --subdomain (SFMC_REST_URL)
  --auth-url URL       auth base URL, wins over --subdomain (SFMC_AUTH_URL)
  --cacert FILE        also trust these CA certificates, PEM (SFMC_CACERT)
  --timeout SECONDS    limit for each HTTP exchange (default 30)
Credentials:
  --token TOKEN        access token (SFMC_ACCESS_TOKEN)
  --client-id ID       with the secret: fetch a token from {auth base}/v2/token
                       (SFMC_CLIENT_ID); wins over --token
  --client-secret S    (SFMC_CLIENT_SECRET)
  --account-id MID     business unit (SFMC_ACCOUNT_ID)
                       Options win over the variables as a set: given any of these
                       four, none of their variables is read (the same for --subdomain,
                       --rest-url, --auth-url).
Rate limits:
  --retries N          retries after 429/503 and transport failures (default 2);
                       honours Retry-After
  --max-wait SECONDS   give up rather than wait longer in total (default 60)
Beyond one key:
  --channel sms|email  the channel to ask about (default sms)
  --not-sent           list the messages not sent, oldest first, until caught up
  --after EVENT_ID     with --not-sent: start after this event id
  --page-size N        with --not-sent: entries per request, 1 to 1000 (default 100)
  --cursor-file FILE   with --not-sent: resume after the event id in FILE, and keep
                       the last one printed there
  --queue KEY          the queue metrics of a send definition
From the status store (the receiver's --store):
  --store URL          answer from the store first, sqlite:PATH or postgresql://...
                       (SFMC_STORE); the API only for keys the store does not know
  --store-only         never ask the API
  --history            with keys: every stored event of each key, oldest first
  --list               no keys: the messages whose current status matches the filters
  --status S[,S...]    with --list: sent, transient, delivered, bounced, not_sent
  --since TIME         with --list: current timestampUtc at or after TIME (RFC 3339)
  --until TIME         with --list: ... and before TIME
  --limit N            with --list: at most N lines
Output:
  --json               one JSON object per key per line (NDJSON)
  -h, --help           this text
  --version            the version

Exit status: 0 every key looked up (or caught up, or the metrics shown), 1 at least
one key failed (or the run stopped on a failure), 2 usage error.
)";

int usage(std::string const& message)
{
    std::cerr << "sfmc-sms-status: " << message << "\nTry 'sfmc-sms-status --help'.\n";
    return exit_usage;
}

// Keys from standard input, one per line, without the line end ("\n" or "\r\n").
template <class Visit>
void for_each_stdin_key(Visit&& visit)
{
    for (std::string line; std::getline(std::cin, line);) {
        if (line.ends_with('\r'))
            line.pop_back();
        visit(line);
    }
}

using status_client = sfmc::sms::client<sfmc::sms::curl_transport>;

sfmc::sms::channel to_ens(sfmc::sms::channel c)
{
    return c == sfmc::sms::channel::email ? sfmc::sms::channel::email : sfmc::sms::channel::sms;
}

// --list and --history: the store alone answers, the API is never asked.
int answer_from_store(sfmc::sms::ens::status_store& store, cli::options const& opt)
{
    auto const on = to_ens(opt.channel);
    if (opt.list) {
        auto listed = store.list({.on = on, .statuses = opt.statuses, .since = opt.since, .until = opt.until, .limit = opt.limit});
        if (auto const* why = std::get_if<std::string>(&listed)) {
            std::cerr << "sfmc-sms-status: " << *why << '\n';
            return exit_some_failed;
        }
        for (auto const& m : std::get<0>(listed))
            opt.json ? cli::write_store_json(std::cout, m) : cli::write_store_human(std::cout, m);
        return std::cout.flush() ? exit_ok : exit_some_failed;
    }
    bool any_failed = false;
    auto const show = [&](std::string_view key) {
        auto events = store.history(on, std::string(key));
        if (auto const* why = std::get_if<std::string>(&events)) {
            std::cerr << "sfmc-sms-status: " << *why << '\n';
            any_failed = true;
            return;
        }
        auto const& all = std::get<0>(events);
        if (all.empty()) {
            cli::write_store_unknown(std::cout, key, opt.json);
            any_failed = true;
        }
        for (auto const& e : all) {
            if (opt.json)
                std::cout << cli::journal_line_of(e);
            else
                cli::write_store_human(std::cout, {on, std::string(key), e, all.size()});
        }
        std::cout.flush();
    };
    for (auto const& key : opt.keys) {
        if (key == "-")
            for_each_stdin_key(show);
        else
            show(key);
    }
    return any_failed ? exit_some_failed : exit_ok;
}

// --not-sent: pages until caught up. Each page's lines are flushed before the cursor file
// moves past them; a failure is the last line, with the event id its request started after.
int sweep_not_sent(status_client& sms, cli::options const& opt, std::optional<std::int64_t> start)
{
    sfmc::sms::not_sent_sweep sweep({.on = opt.channel, .page_size = opt.page_size, .after = start});
    std::string stopped; // why the run stopped short of a failure of the API's
    auto const swept = sfmc::sms::run_sweep(sms, sweep, [&](std::span<sfmc::sms::not_sent_entry const> entries) {
        for (auto const& e : entries) {
            if (opt.json)
                cli::write_json(std::cout, e);
            else
                cli::write_human(std::cout, e);
        }
        if (!std::cout.flush()) {
            stopped = "standard output cannot be written; the cursor file is left as it was";
            return false;
        }
        if (opt.cursor_file && !entries.empty())
            stopped = cli::write_cursor_file(*opt.cursor_file, *sweep.cursor());
        return stopped.empty();
    });
    if (!stopped.empty()) {
        std::cerr << "sfmc-sms-status: " << stopped << '\n';
        return exit_some_failed;
    }
    if (swept)
        return exit_ok;
    auto const after = sweep.cursor() ? boost::json::value(*sweep.cursor()) : boost::json::value(nullptr);
    if (opt.json)
        cli::write_failure_json(std::cout, "afterEventId", after, swept.error());
    else
        cli::write_failure_human(std::cout << "after event id " << (sweep.cursor() ? std::to_string(*sweep.cursor()) : "(start)")
                                           << ": ",
                                 swept.error());
    std::cout.flush();
    return exit_some_failed;
}

// --queue: the metrics of one send definition.
int show_queue(status_client& sms, cli::options const& opt)
{
    auto const& name = *opt.queue;
    auto key = sfmc::sms::definition_key::make(name);
    auto const r = key ? sms.run(sfmc::sms::queue_lookup{std::move(*key), opt.channel})
                       : sfmc::sms::api_result<sfmc::sms::queue_metrics>(std::move(key).error());
    if (r && opt.json)
        cli::write_json(std::cout, name, *r);
    else if (r)
        cli::write_human(std::cout, name, *r);
    else if (opt.json)
        cli::write_failure_json(std::cout, "definitionKey", boost::json::value(cli::valid_utf8(name)), r.error());
    else
        cli::write_failure_human(std::cout << cli::printable(name) << ": ", r.error());
    std::cout.flush();
    return r ? exit_ok : exit_some_failed;
}

} // namespace

int main(int argc, char** argv)
{
    // A closed pipe (`| head`) is a write error, reported with the documented exit 1 and the
    // cursor file left as it was, not a death by signal.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string_view> args(argv + 1, argv + argc);
    auto parsed = cli::parse(args, cli::from_process_environment);
    if (auto const* e = std::get_if<cli::usage_error>(&parsed))
        return usage(e->message);
    auto const& opt = std::get<cli::options>(parsed);
    if (opt.help) {
        std::cout << usage_text;
        return exit_ok;
    }
    if (opt.version) {
        std::cout << "sfmc-sms-status " SFMC_SMS_VERSION_STRING "\n";
        return exit_ok;
    }
    if (opt.keys.empty() && !opt.not_sent && !opt.queue && !opt.list)
        return usage("no message key given");
    // The store first: a store that cannot be opened is a usage error, nothing sent.
    std::unique_ptr<sfmc::sms::ens::status_store> store;
    if (opt.store) {
        auto opened = cli::open_store(*opt.store, false);
        if (auto const* why = std::get_if<std::string>(&opened))
            return usage(*why);
        store = std::move(std::get<0>(opened));
    }
    if (store && (opt.list || opt.history))
        return answer_from_store(*store, opt);
    auto planned = cli::make_plan(opt);
    bool const no_credentials = !opt.token && !opt.client_id && !opt.client_secret;
    if (auto const* e = std::get_if<cli::usage_error>(&planned); e && !(store && no_credentials))
        return usage(e->message);
    auto* p = std::get_if<cli::plan>(&planned); // none beside a store: the store alone answers
    std::optional<std::int64_t> start = opt.after;
    std::optional<cli::cursor_lock> cursor_held; // for the whole run: two runs would both move it
    if (opt.cursor_file) {
        auto locked = cli::cursor_lock::take(*opt.cursor_file);
        if (auto const* why = std::get_if<std::string>(&locked)) {
            std::cerr << "sfmc-sms-status: " << *why << '\n';
            return exit_some_failed;
        }
        cursor_held.emplace(std::move(std::get<cli::cursor_lock>(locked)));
        auto kept = cli::read_cursor_file(*opt.cursor_file);
        if (auto const* e = std::get_if<cli::usage_error>(&kept))
            return usage(e->message);
        if (auto const id = std::get<0>(kept))
            start = id; // the cursor wins over --after
    }

    auto const limit = std::chrono::milliseconds(static_cast<long long>(opt.timeout_seconds * 1000));
    sfmc::sms::transport_options const transport{.connect_timeout = limit, .timeout = limit, .ca_file = opt.cacert.value_or("")};
    sfmc::sms::curl_transport http(transport);
    sfmc::sms::client_options copt;
    copt.retry.max_retries = opt.retries;
    copt.retry.max_total_wait = std::chrono::milliseconds(static_cast<long long>(opt.max_wait_seconds * 1000));

    // One token provider for the run: one token request however many keys, one refresh after a 401.
    std::optional<sfmc::sms::token_provider> tokens;
    std::optional<sfmc::sms::client<sfmc::sms::curl_transport>> sms;
    if (p && p->credentials) {
        tokens.emplace(sfmc::sms::curl_transport(transport), std::move(*p->auth), std::move(*p->credentials));
        if (p->rest)
            sms.emplace(http, std::move(*p->rest), *tokens, copt);
        else
            sms.emplace(http, *tokens, copt);
    } else if (p) {
        sms.emplace(http, std::move(*p->rest), std::move(*p->token), copt);
    }

    if (opt.not_sent)
        return sweep_not_sent(*sms, opt, start);
    if (opt.queue)
        return show_queue(*sms, opt);

    bool any_failed = false;
    auto const look_up = [&](std::string_view key) {
        if (store) {
            // Known to the store: answered from it, the API not asked.
            auto known = store->current(to_ens(opt.channel), std::string(key));
            if (auto const* why = std::get_if<std::string>(&known)) {
                std::cerr << "sfmc-sms-status: " << *why << '\n';
                any_failed = true;
                return;
            }
            if (auto const& m = std::get<0>(known)) {
                opt.json ? cli::write_store_json(std::cout, *m) : cli::write_store_human(std::cout, *m);
                std::cout.flush();
                return;
            }
            if (opt.store_only || !sms) {
                cli::write_store_unknown(std::cout, key, opt.json);
                any_failed = true;
                std::cout.flush();
                return;
            }
        }
        auto k = sfmc::sms::message_key::make(key);
        auto const r = k ? sms->run(sfmc::sms::status_lookup{std::move(*k), opt.channel})
                         : sfmc::sms::api_result<sfmc::sms::message_status>(std::move(k).error());
        any_failed = any_failed || !r;
        if (opt.json)
            cli::write_json(std::cout, key, r, store ? "api" : "");
        else
            cli::write_human(std::cout, key, r);
        std::cout.flush();
    };
    for (auto const& key : opt.keys) {
        if (key == "-")
            for_each_stdin_key(look_up);
        else
            look_up(key);
    }
    return any_failed ? exit_some_failed : exit_ok;
}
