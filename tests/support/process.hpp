#ifndef SFMC_SMS_TESTS_PROCESS_HPP
#define SFMC_SMS_TESTS_PROCESS_HPP

// Starting programs from tests: the emulator, and the command under test.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace test {

[[noreturn]] inline void fatal(std::string const& what)
{
    std::fprintf(stderr, "test setup failed: %s\n", what.c_str());
    std::abort();
}

// The environment of this process without any SFMC_* variable, plus `extra` ("NAME=value"):
// what the user's shell holds must not change what a test sees.
inline std::vector<std::string> clean_environment(std::vector<std::string> const& extra = {})
{
    auto const given = [&](std::string_view variable) { // NAME=... in `extra` replaces ours
        auto const name = variable.substr(0, variable.find('=') + 1);
        return std::any_of(extra.begin(), extra.end(), [&](std::string const& e) { return e.starts_with(name); });
    };
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (!std::string_view(*e).starts_with("SFMC_") && !given(*e))
            env.emplace_back(*e);
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

// A child process with pipes to its standard input, output and error.
class child {
public:
    child(std::vector<std::string> const& argv, std::vector<std::string> const& env)
    {
        int in[2], out[2], err[2];
        if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
            fatal("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
        auto const c_strings = [](std::vector<std::string> const& v) {
            std::vector<char*> p;
            for (auto const& s : v)
                p.push_back(const_cast<char*>(s.c_str()));
            p.push_back(nullptr);
            return p;
        };
        auto a = c_strings(argv), e = c_strings(env);
        if (posix_spawnp(&pid_, a[0], &actions, nullptr, a.data(), e.data()) != 0)
            fatal("cannot start " + argv[0]);
        posix_spawn_file_actions_destroy(&actions);
        close(in[0]);
        close(out[1]);
        close(err[1]);
        stdin_ = in[1];
        stdout_ = out[0];
        stderr_ = err[0];
    }

    child(child const&) = delete;
    child& operator=(child const&) = delete;

    ~child()
    {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
        for (int fd : {stdin_, stdout_, stderr_})
            if (fd >= 0)
                close(fd);
    }

    // Reads one line of standard output, waiting at most `limit`.
    std::string read_line(std::chrono::milliseconds limit) { return read_line_from(stdout_, limit); }

    // Reads one line of standard error, waiting at most `limit`.
    std::string read_error_line(std::chrono::milliseconds limit) { return read_line_from(stderr_, limit); }

    // Sends `signal` to the child.
    void send(int signal) const { kill(pid_, signal); }

    pid_t pid() const noexcept { return pid_; }

private:
    std::string read_line_from(int fd, std::chrono::milliseconds limit)
    {
        std::string line;
        char c = 0;
        while (line.empty() || line.back() != '\n') {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(limit.count())) != 1 || read(fd, &c, 1) != 1)
                return {};
            line += c;
        }
        return line;
    }

public:
    struct outcome {
        int exit_code = -1;
        std::string out, err;
    };

    // Writes `input`, closes standard input, collects both outputs until the child exits.
    // A child still running after `limit` is killed, and the outcome says so (exit -1).
    outcome finish(std::string_view input, std::chrono::milliseconds limit)
    {
        outcome o;
        auto const deadline = std::chrono::steady_clock::now() + limit;
        std::size_t written = 0;
        if (input.empty()) {
            close(stdin_);
            stdin_ = -1;
        }
        while (stdout_ >= 0 || stderr_ >= 0) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                kill(pid_, SIGKILL);
                break;
            }
            pollfd p[3] = {{stdout_, POLLIN, 0}, {stderr_, POLLIN, 0}, {stdin_, POLLOUT, 0}};
            if (poll(p, 3, static_cast<int>(left.count())) < 0)
                fatal("poll");
            char buf[4096];
            for (int i = 0; i < 2; ++i) {
                int& fd = i == 0 ? stdout_ : stderr_;
                if (fd >= 0 && (p[i].revents & (POLLIN | POLLHUP))) {
                    auto const n = read(fd, buf, sizeof buf);
                    if (n > 0)
                        (i == 0 ? o.out : o.err).append(buf, static_cast<std::size_t>(n));
                    else {
                        close(fd);
                        fd = -1;
                    }
                }
            }
            if (stdin_ >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
                auto const n = write(stdin_, input.data() + written, input.size() - written);
                written += n > 0 ? static_cast<std::size_t>(n) : input.size();
                if (written >= input.size()) {
                    close(stdin_);
                    stdin_ = -1;
                }
            }
        }
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return o;
    }

private:
    pid_t pid_ = -1;
    int stdin_ = -1, stdout_ = -1, stderr_ = -1;
};

} // namespace test

#endif
