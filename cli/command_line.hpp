// The one command-line scanner of both commands (sfmc-sms-status, sfmc-ens-receiver).
#ifndef SFMC_SMS_CLI_COMMAND_LINE_HPP
#define SFMC_SMS_CLI_COMMAND_LINE_HPP

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// A usage error: the message, which never repeats an option's value (it may be a secret).
struct usage_error {
    std::string message;
};

/// An option without a value: `--json`.
struct flag_option {
    std::string_view name;
    bool* target;
};

/// An option with a value, `--name VALUE` or `--name=VALUE`: kept in `target`, or, for an
/// option that may be given again, appended to `repeated`.
struct value_option {
    std::string_view name;
    std::optional<std::string>* target = nullptr;
    std::vector<std::string>* repeated = nullptr;
};

/// What a command's line may hold.
struct command_line {
    std::span<flag_option const> flags;
    std::span<value_option const> values;
    /// The options the table does not list (the connection options), or null.
    std::optional<std::string>* (*more)(void* context, std::string_view name) = nullptr;
    void* more_context = nullptr;
    /// Where the operands go (after `--`, `-`, or any word not starting with '-'); null when
    /// the command takes none, so that a stray word is an unknown option.
    std::vector<std::string>* operands = nullptr;
};

/// Written by hand rather than with Boost.Program_options: the contracts want messages that
/// never repeat a value (a signature key given to the wrong option must not be printed, and
/// Program_options' errors quote the argument), the exact messages their tests check, and the
/// environment filled in by groups after the scan, which Program_options' notifiers do not
/// express; the scan is the only part both commands share, and it is this.
inline std::optional<usage_error> scan(std::vector<std::string_view> const& args, command_line const& line)
{
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view const arg = args[i];
        if (line.operands && (options_ended || arg == "-" || !arg.starts_with("-"))) {
            line.operands->emplace_back(arg);
            continue;
        }
        if (line.operands && arg == "--") {
            options_ended = true;
            continue;
        }
        bool flagged = false;
        for (auto const& f : line.flags)
            if (arg == f.name)
                flagged = *f.target = true;
        if (flagged)
            continue;
        auto const name = arg.substr(0, arg.find('='));
        value_option const* option = nullptr;
        for (auto const& v : line.values)
            if (name == v.name)
                option = &v;
        std::optional<std::string>* more = !option && line.more && name.starts_with("--")
                                               ? line.more(line.more_context, name)
                                               : nullptr;
        if (!option && !more)
            return usage_error{"unknown option " + std::string(name)};
        std::optional<std::string> value;
        if (auto const eq = arg.find('='); eq != std::string_view::npos)
            value = std::string(arg.substr(eq + 1));
        else if (i + 1 < args.size())
            value = std::string(args[++i]);
        else
            return usage_error{"option " + std::string(name) + " needs a value"};
        if (more)
            *more = std::move(value);
        else if (option->repeated)
            option->repeated->push_back(std::move(*value));
        else
            *option->target = std::move(value);
    }
    return std::nullopt;
}

} // namespace cli

#endif
