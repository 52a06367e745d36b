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

#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
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

/// The right to move a cursor file, held by one run at a time: an exclusive `flock` on
/// `FILE.lock` beside it (not on FILE itself, which each write replaces by a new file).
class cursor_lock {
public:
    /// Takes the lock without waiting; why not when another run holds it or it cannot be made.
    static std::variant<cursor_lock, std::string> take(std::string const& path)
    {
        auto const lock_path = path + ".lock";
        int const fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return "cannot open " + lock_path + ": " + std::strerror(errno);
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            auto const why = errno == EWOULDBLOCK ? std::string("another run is using it") : std::strerror(errno);
            ::close(fd);
            return "--cursor-file " + path + ": " + why;
        }
        return cursor_lock(fd);
    }
    cursor_lock(cursor_lock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    cursor_lock& operator=(cursor_lock&&) = delete;
    ~cursor_lock()
    {
        if (fd_ >= 0)
            ::close(fd_); // and with it the lock
    }

private:
    explicit cursor_lock(int fd) : fd_(fd) {}
    int fd_;
};

/// Replaces `path` with `id` and a newline, atomically: written and synced beside it (in a
/// file of its own name), then renamed over it, so that a crash leaves the old cursor or the
/// new one, never half of one. Empty on success, else why not.
inline std::string write_cursor_file(std::string const& path, std::int64_t id)
{
    std::string temporary = path + ".XXXXXX";
    auto const text = std::to_string(id) + '\n';
    int const fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0)
        return "cannot write beside " + path + ": " + std::strerror(errno);
    ::fchmod(fd, 0644); // mkostemp makes it 0600; a cursor is no secret
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
