// sfmc-sms-status: looks up the send status of transactional SMS messages.
// Its options, output and exit codes are in docs/sfmc-sms-status.md; tests/cli holds them.
#include <sfmc/sms.hpp>
#include <sfmc/sms/adapters/curl_transport.hpp>

#include "options.hpp"
#include "report.hpp"

#include <chrono>
#include <iostream>
#include <string>
#include <optional>
#include <variant>

namespace {

constexpr int exit_ok = 0, exit_some_failed = 1, exit_usage = 2;

constexpr char const* usage_text = R"(usage: sfmc-sms-status [OPTIONS] MESSAGE_KEY...

Looks up the send status of transactional SMS messages in Salesforce Marketing Cloud.
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
Rate limits:
  --retries N          retries after 429/503 and transport failures (default 2);
                       honours Retry-After
  --max-wait SECONDS   give up rather than wait longer in total (default 60)
Output:
  --json               one JSON object per key per line (NDJSON)
  -h, --help           this text
  --version            the version

Exit status: 0 every key looked up, 1 at least one key failed, 2 usage error.
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

// What the options resolve to, checked before anything is sent.
struct plan {
    std::optional<sfmc::sms::client_credentials> credentials; // when given, wins over token
    std::optional<sfmc::sms::access_token> token;
    std::optional<sfmc::sms::endpoint> rest; // none: the token's rest_instance_url
    std::optional<sfmc::sms::endpoint> auth;
};

// An endpoint from its URL option, else from the subdomain, else none.
std::variant<std::optional<sfmc::sms::endpoint>, cli::usage_error> endpoint_option(
    cli::options const& opt, std::optional<std::string> const& url, char const* option, sfmc::sms::endpoint::api which)
{
    if (url) {
        auto e = sfmc::sms::endpoint::from_url(*url);
        if (!e)
            return cli::usage_error{std::string(option) + ": " + e.error().message()};
        return std::optional(std::move(*e));
    }
    if (opt.subdomain) {
        auto e = sfmc::sms::endpoint::from_subdomain(*opt.subdomain, which);
        if (!e)
            return cli::usage_error{"--subdomain: " + e.error().message()};
        return std::optional(std::move(*e));
    }
    return std::optional<sfmc::sms::endpoint>();
}

std::variant<plan, cli::usage_error> make_plan(cli::options const& opt)
{
    plan p;
    if (opt.keys.empty())
        return cli::usage_error{"no message key given"};
    if (opt.client_id || opt.client_secret) {
        if (!opt.client_id || !opt.client_secret)
            return cli::usage_error{"--client-id and --client-secret go together"};
        auto c = sfmc::sms::client_credentials::make(*opt.client_id, *opt.client_secret, opt.account_id.value_or(""));
        if (!c)
            return cli::usage_error{c.error().message()};
        p.credentials = std::move(*c);
    } else if (opt.token) {
        auto t = sfmc::sms::access_token::make(*opt.token);
        if (!t)
            return cli::usage_error{"the access token is not usable: " + t.error().message()};
        p.token = std::move(*t);
    } else {
        return cli::usage_error{"no credentials: give --token (SFMC_ACCESS_TOKEN) or --client-id and --client-secret"};
    }

    auto rest = endpoint_option(opt, opt.rest_url, "--rest-url", sfmc::sms::endpoint::api::rest);
    if (auto* e = std::get_if<cli::usage_error>(&rest))
        return *e;
    auto auth = endpoint_option(opt, opt.auth_url, "--auth-url", sfmc::sms::endpoint::api::auth);
    if (auto* e = std::get_if<cli::usage_error>(&auth))
        return *e;
    p.rest = std::move(std::get<0>(rest));
    p.auth = std::move(std::get<0>(auth));
    if (p.credentials && !p.auth)
        return cli::usage_error{"no auth endpoint: give --subdomain or --auth-url (or SFMC_SUBDOMAIN, SFMC_AUTH_URL)"};
    if (p.token && !p.rest)
        return cli::usage_error{"no REST endpoint: give --subdomain or --rest-url (or SFMC_SUBDOMAIN, SFMC_REST_URL)"};
    return p;
}

} // namespace

int main(int argc, char** argv)
{
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
    auto planned = make_plan(opt);
    if (auto const* e = std::get_if<cli::usage_error>(&planned))
        return usage(e->message);
    auto& p = std::get<plan>(planned);

    auto const limit = std::chrono::milliseconds(static_cast<long long>(opt.timeout_seconds * 1000));
    sfmc::sms::curl_transport http({.connect_timeout = limit, .timeout = limit, .ca_file = opt.cacert.value_or("")});
    sfmc::sms::client_options copt;
    copt.retry.max_retries = opt.retries;
    copt.retry.max_total_wait = std::chrono::milliseconds(static_cast<long long>(opt.max_wait_seconds * 1000));

    // One token provider for the run: one token request however many keys, one refresh after a 401.
    std::optional<sfmc::sms::token_provider> tokens;
    std::optional<sfmc::sms::client<sfmc::sms::curl_transport>> sms;
    if (p.credentials) {
        tokens.emplace(http, std::move(*p.auth), std::move(*p.credentials));
        if (p.rest)
            sms.emplace(http, std::move(*p.rest), *tokens, copt);
        else
            sms.emplace(http, *tokens, copt);
    } else {
        sms.emplace(http, std::move(*p.rest), std::move(*p.token), copt);
    }

    bool any_failed = false;
    auto const look_up = [&](std::string_view key) {
        auto const r = sms->get_status(key);
        any_failed = any_failed || !r;
        if (opt.json)
            cli::write_json(std::cout, key, r);
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
