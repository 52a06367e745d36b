#ifndef SFMC_SMS_TESTS_RAW_HTTP_HPP
#define SFMC_SMS_TESTS_RAW_HTTP_HPP

// A blocking HTTP/1.1 client over a plain loopback socket, for tests that must send what no
// well-behaved client sends (a stalled header, a flood of headers) and read what comes back.

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace test {

struct raw_response {
    int status = 0; // 0: no answer (closed or timed out)
    std::string head, body;
};

class raw_connection {
public:
    explicit raw_connection(int port)
    {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
            close();
    }
    raw_connection(raw_connection const&) = delete;
    raw_connection& operator=(raw_connection const&) = delete;
    ~raw_connection()
    {
        close();
    }

    bool connected() const noexcept { return fd_ >= 0; }

    // Closes the connection now (the peer sees it end).
    void close()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    bool send(std::string_view bytes)
    {
        while (!bytes.empty()) {
            auto const n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // One response: the head, then a Content-Length body; nothing within `limit` is status 0.
    raw_response receive(std::chrono::milliseconds limit = std::chrono::seconds{10})
    {
        raw_response r;
        auto const deadline = std::chrono::steady_clock::now() + limit;
        std::size_t body_size = std::string::npos;
        while (true) {
            auto const head_end = buffer_.find("\r\n\r\n");
            if (head_end != std::string::npos && body_size == std::string::npos) {
                r.head = buffer_.substr(0, head_end);
                r.status = std::atoi(r.head.c_str() + 9);
                auto const cl = lower(r.head).find("content-length:");
                body_size = cl == std::string::npos ? 0 : std::strtoul(r.head.c_str() + cl + 15, nullptr, 10);
                buffer_.erase(0, head_end + 4);
            }
            if (body_size != std::string::npos && buffer_.size() >= body_size) {
                r.body = buffer_.substr(0, body_size);
                buffer_.erase(0, body_size);
                return r;
            }
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd_, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) != 1)
                return {};
            char chunk[65536];
            auto const n = recv(fd_, chunk, sizeof chunk, 0);
            if (n <= 0)
                return {};
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    // True when the server has closed the connection (within `limit`).
    bool closed_by_peer(std::chrono::milliseconds limit)
    {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(limit.count())) != 1)
            return false;
        char c;
        return recv(fd_, &c, 1, MSG_PEEK) <= 0;
    }

private:
    static std::string lower(std::string s)
    {
        for (auto& c : s)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return s;
    }

    int fd_ = -1;
    std::string buffer_;
};

// One request on a fresh connection.
inline raw_response exchange(int port, std::string_view request)
{
    raw_connection c(port);
    if (!c.connected() || !c.send(request))
        return {};
    return c.receive();
}

// A POST of `body` to `path` with the given extra header lines ("Name: value\r\n" each).
inline std::string post(std::string_view path, std::string_view body, std::string_view headers = "Content-Type: application/json\r\n")
{
    return "POST " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(headers) +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

} // namespace test

#endif
