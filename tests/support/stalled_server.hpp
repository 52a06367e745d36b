// A server on 127.0.0.1 that takes connections and never answers: a client of it stays in
// its request until its own timeout (an API that hangs, for a command or a receiver).
#ifndef SFMC_SMS_TESTS_STALLED_SERVER_HPP
#define SFMC_SMS_TESTS_STALLED_SERVER_HPP

#include "process.hpp"

#include <chrono>
#include <string>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace test {

class stalled_server {
public:
    stalled_server()
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in where{};
        where.sin_family = AF_INET;
        where.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof where;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&where), size) != 0 || ::listen(fd_, 64) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&where), &size) != 0)
            fatal("cannot listen on 127.0.0.1");
        url = "http://127.0.0.1:" + std::to_string(ntohs(where.sin_port));
    }
    stalled_server(stalled_server const&) = delete;
    stalled_server& operator=(stalled_server const&) = delete;
    ~stalled_server()
    {
        if (held_ >= 0)
            ::close(held_);
        ::close(fd_);
    }

    // Waits (at most `limit`) for a client to connect, and holds its connection open: true
    // once one has.
    bool take_one(std::chrono::milliseconds limit)
    {
        pollfd incoming{fd_, POLLIN, 0};
        if (::poll(&incoming, 1, static_cast<int>(limit.count())) != 1)
            return false;
        held_ = ::accept(fd_, nullptr, nullptr);
        return held_ >= 0;
    }

    std::string url; ///< "http://127.0.0.1:PORT"

private:
    int fd_ = -1;
    int held_ = -1;
};

} // namespace test

#endif
