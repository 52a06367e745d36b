// sfmc-sms-status: looks up the send status of transactional SMS messages.
// Its options, output and exit codes are in docs/sfmc-sms-status.md; tests/cli holds them.
#include <sfmc/sms.hpp>
#include <sfmc/sms/adapters/curl_transport.hpp>

#include "options.hpp"
#include "plan.hpp"
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
    if (opt.keys.empty())
        return usage("no message key given");
    auto planned = cli::make_plan(opt);
    if (auto const* e = std::get_if<cli::usage_error>(&planned))
        return usage(e->message);
    auto& p = std::get<cli::plan>(planned);

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
