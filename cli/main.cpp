// sfmc-sms-status: looks up the send status of transactional SMS messages.
// The contract (options, output, exit codes) is shared/docs/CLI.md; tests/cli holds it.
#include <sfmc/sms.hpp>
#include <sfmc/sms/curl_transport.hpp>

#include "options.hpp"
#include "report.hpp"

#include <chrono>
#include <iostream>
#include <string>
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
  --client-id ID       client credentials (SFMC_CLIENT_ID)        [not supported yet]
  --client-secret S    (SFMC_CLIENT_SECRET)                       [not supported yet]
  --account-id MID     business unit (SFMC_ACCOUNT_ID)            [not supported yet]
Rate limits:
  --retries N          retries after 429/503 and transport failures [not supported yet]
  --max-wait SECONDS   give up rather than wait longer in total     [not supported yet]
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
    if (opt.client_id || opt.client_secret || opt.account_id)
        return usage("client credentials are not supported yet: give an access token with --token or SFMC_ACCESS_TOKEN");
    if (opt.retries || opt.max_wait)
        return usage("--retries and --max-wait are not supported yet");
    if (opt.keys.empty())
        return usage("no message key given");
    if (!opt.token)
        return usage("no credentials: give an access token with --token or SFMC_ACCESS_TOKEN");
    auto token = sfmc::sms::access_token::make(*opt.token);
    if (!token)
        return usage("the access token is not usable: " + token.error().message());

    sfmc::sms::result<sfmc::sms::endpoint> rest = sfmc::sms::error::bad_url;
    if (opt.rest_url) {
        rest = sfmc::sms::endpoint::from_url(*opt.rest_url);
        if (!rest)
            return usage("--rest-url: " + rest.error().message());
    } else if (opt.subdomain) {
        rest = sfmc::sms::endpoint::from_subdomain(*opt.subdomain);
        if (!rest)
            return usage("--subdomain: " + rest.error().message());
    } else {
        return usage("no REST endpoint: give --subdomain or --rest-url (or SFMC_SUBDOMAIN, SFMC_REST_URL)");
    }
    if (opt.auth_url && !sfmc::sms::endpoint::from_url(*opt.auth_url))
        return usage("--auth-url: " + sfmc::sms::endpoint::from_url(*opt.auth_url).error().message());

    sfmc::sms::curl_transport http({
        .connect_timeout = std::chrono::milliseconds(static_cast<long long>(opt.timeout_seconds * 1000)),
        .timeout = std::chrono::milliseconds(static_cast<long long>(opt.timeout_seconds * 1000)),
        .ca_file = opt.cacert.value_or(""),
    });
    sfmc::sms::client sms(http, std::move(*rest), std::move(*token));

    bool any_failed = false;
    auto const look_up = [&](std::string_view key) {
        auto const r = sms.get_status(key);
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
