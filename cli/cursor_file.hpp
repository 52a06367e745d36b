// sfmc-sms-status --cursor-file: where a NotSent sweep stopped, kept between runs.
#ifndef SFMC_SMS_CLI_CURSOR_FILE_HPP
#define SFMC_SMS_CLI_CURSOR_FILE_HPP

#include "options.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>

#include <fcntl.h>
#include <unistd.h>

namespace cli {

/// The event id in `path`: none when the file is missing or empty; a usage error for
/// anything but a decimal number and an optional newline.
inline std::variant<std::optional<std::int64_t>, usage_error> read_cursor_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::optional<std::int64_t>();
    std::ostringstream text;
    text << in.rdbuf();
    auto content = text.str();
    if (content.empty())
        return std::optional<std::int64_t>();
    if (content.ends_with('\n'))
        content.pop_back();
    std::int64_t id = 0;
    if (content.size() > 20 || !parse_whole(content, id, 0, std::numeric_limits<std::int64_t>::max()))
        return usage_error{"--cursor-file " + path + " does not hold an event id (a decimal number and a newline)"};
    return std::optional(id);
}

/// Replaces `path` with `id` and a newline, atomically: written and synced beside it, then
/// renamed over it, so that a crash leaves the old cursor or the new one, never half of one.
/// Empty on success, else why not.
inline std::string write_cursor_file(std::string const& path, std::int64_t id)
{
    auto const temporary = path + ".tmp";
    auto const text = std::to_string(id) + '\n';
    int const fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot write " + temporary + ": " + std::strerror(errno);
    bool const written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    std::string why = written ? "" : std::strerror(errno);
    ::close(fd);
    if (written && std::rename(temporary.c_str(), path.c_str()) != 0)
        why = std::strerror(errno);
    if (!why.empty()) {
        std::remove(temporary.c_str());
        return "cannot replace " + path + ": " + why;
    }
    return {};
}

} // namespace cli

#endif
