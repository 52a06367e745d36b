#ifndef SFMC_SMS_TESTS_POSTGRES_SERVER_HPP
#define SFMC_SMS_TESTS_POSTGRES_SERVER_HPP

// A PostgreSQL server of the tests' own: initdb into a temporary folder, listening on a free
// port of 127.0.0.1 only (and a socket in that folder), started and stopped with pg_ctl. The
// server refuses to run as root, so when the tests do, its programs run as `nobody`.
// SFMC_TEST_POSTGRES_BIN names the folder of initdb and pg_ctl ("" where none was found).

#include "process.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace test {

class postgres_server {
public:
    // Why no server can run here (no binaries), or nothing.
    static std::optional<std::string> unavailable()
    {
        std::string const bin = SFMC_TEST_POSTGRES_BIN;
        if (bin.empty() || access((bin + "/pg_ctl").c_str(), X_OK) != 0 || access((bin + "/initdb").c_str(), X_OK) != 0)
            return "PostgreSQL's initdb and pg_ctl were not found (Debian: apt-get install postgresql-15)";
        return std::nullopt;
    }

    postgres_server()
    {
        char t[] = "/tmp/sfmc-postgres-XXXXXX";
        if (!mkdtemp(t))
            fatal("mkdtemp");
        dir_ = t;
        std::random_device random;
        // A password that a URL must escape: it must never be shown, escaped or not.
        password_ = "Pw:@%" + std::to_string(random()) + std::to_string(random());
        port_ = free_port();
        write_file(dir_ + "/password", password_ + "\n");
        if (geteuid() == 0 && chown(dir_.c_str(), 65534, 65534) != 0)
            fatal("chown " + dir_);
        if (geteuid() == 0 && chown((dir_ + "/password").c_str(), 65534, 65534) != 0)
            fatal("chown password");
        run({bin("initdb"), "-D", dir_ + "/data", "-U", "sfmc", "--pwfile=" + dir_ + "/password", "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"});
        start();
    }

    postgres_server(postgres_server const&) = delete;
    postgres_server& operator=(postgres_server const&) = delete;

    ~postgres_server()
    {
        stop("fast");
        std::system(("rm -rf " + dir_).c_str());
    }

    // Starts the server (again) and waits until it takes connections.
    void start()
    {
        run({bin("pg_ctl"), "-D", dir_ + "/data", "-l", dir_ + "/log", "-w", "-t", "60", "-o",
             "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_ +
                 " -c fsync=on -c synchronous_commit=on -c max_connections=200",
             "start"});
        running_ = true;
    }

    // Stops it: "fast" (clients told), or "immediate" (as a crash: no checkpoint, recovery at start).
    void stop(char const* mode)
    {
        if (!running_)
            return;
        run({bin("pg_ctl"), "-D", dir_ + "/data", "-m", mode, "-w", "-t", "60", "stop"});
        running_ = false;
    }

    // A URL of a new, empty database on this server, password included.
    std::string new_database()
    {
        auto const name = "store_" + std::to_string(++databases_);
        std::unique_ptr<PGconn, void (*)(PGconn*)> admin(PQconnectdb(url("postgres").c_str()), PQfinish);
        if (PQstatus(admin.get()) != CONNECTION_OK)
            fatal(std::string("connect: ") + PQerrorMessage(admin.get()));
        PQclear(PQexec(admin.get(), ("CREATE DATABASE " + name).c_str()));
        return url(name);
    }

    // The URL of `database`, with the password percent-encoded in its user part.
    std::string url(std::string const& database) const
    {
        std::string encoded;
        for (unsigned char c : password_) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            encoded += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(hex);
        }
        return "postgresql://sfmc:" + encoded + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
    }

    std::string const& password() const noexcept { return password_; }
    int port() const noexcept { return port_; }

private:
    std::string bin(char const* name) const { return std::string(SFMC_TEST_POSTGRES_BIN) + "/" + name; }

    // Runs a PostgreSQL program to its end (as nobody when root); a failure ends the tests.
    void run(std::vector<std::string> argv) const
    {
        if (geteuid() == 0)
            argv.insert(argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
        child c(argv, clean_environment({"LC_ALL=C", "PGTZ=UTC"}));
        auto const done = c.finish("", std::chrono::seconds(120));
        if (done.exit_code != 0)
            fatal(argv[argv.size() - 1] + " failed: " + done.out + done.err + log());
    }

    std::string log() const
    {
        std::string text;
        if (FILE* f = std::fopen((dir_ + "/log").c_str(), "r")) {
            char buf[4096];
            std::size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
                text.append(buf, n);
            std::fclose(f);
        }
        return text;
    }

    static void write_file(std::string const& path, std::string const& text)
    {
        FILE* f = std::fopen(path.c_str(), "w");
        if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0)
            fatal("write " + path);
    }

    // A port of 127.0.0.1 free now (the kernel's choice).
    static int free_port()
    {
        int const fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof a;
        if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size) != 0)
            fatal("free port");
        close(fd);
        return ntohs(a.sin_port);
    }

    std::string dir_;
    std::string password_;
    int port_ = 0;
    int databases_ = 0;
    bool running_ = false;
};

// The server of this test program, started on first use; none where it cannot run.
inline postgres_server* shared_postgres()
{
    static std::unique_ptr<postgres_server> server = [] {
        return postgres_server::unavailable() ? nullptr : std::make_unique<postgres_server>();
    }();
    return server.get();
}

} // namespace test

#endif
