#ifndef SFMC_SMS_TESTS_EMULATOR_HPP
#define SFMC_SMS_TESTS_EMULATOR_HPP

#include <sfmc/sms/http_response.hpp>

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "process.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

namespace test {

struct recorded_request {
    std::string method, target, body;
    std::vector<sfmc::sms::http_header> headers;
    std::int64_t client_port = 0;
    std::string header(std::string_view name) const
    {
        for (auto const& h : headers)
            if (sfmc::sms::detail::ci_is_equal(h.name, name))
                return h.value;
        return {};
    }
};

// The emulator (emulator/sfmc_emulator.py), started for one test on 127.0.0.1 and stopped with it.
// Its lifetime is bounded twice: by --lifetime, and by our SIGTERM in the destructor.
class emulator {
public:
    explicit emulator(boost::json::object script = {}, std::vector<std::string> args = {})
    {
        char dir_template[] = "/tmp/sfmc-sms-test-XXXXXX";
        if (!mkdtemp(dir_template))
            fatal("mkdtemp");
        dir_ = dir_template;
        std::ofstream(dir_ + "/script.json") << boost::json::serialize(script);
        std::vector<std::string> argv{"python3", SFMC_SMS_EMULATOR, "--script", dir_ + "/script.json",
                                      "--record", dir_ + "/requests.jsonl", "--lifetime", "60"};
        argv.insert(argv.end(), args.begin(), args.end());
        process_.emplace(argv, clean_environment());

        // The emulator prints one JSON line when it is ready.
        auto const line = process_->read_line(std::chrono::seconds{10});
        boost::system::error_code ec;
        auto const ready = boost::json::parse(line, ec);
        if (ec || !ready.is_object())
            fatal("the emulator did not start: " + line);
        auto const field = [&](char const* name) {
            auto const* v = ready.as_object().if_contains(name);
            return v ? std::string(v->as_string().c_str()) : std::string();
        };
        http = field("http");
        https = field("https");
        ca = field("ca");
        token = field("token");
        client_id = field("client_id");
        client_secret = field("client_secret");
    }

    emulator(emulator const&) = delete;
    emulator& operator=(emulator const&) = delete;

    ~emulator()
    {
        process_.reset(); // stops it
        std::remove((dir_ + "/script.json").c_str());
        std::remove((dir_ + "/requests.jsonl").c_str());
        rmdir(dir_.c_str());
    }

    std::string http, https, ca, token, client_id, client_secret;

    // Every request the emulator has received so far, in order.
    std::vector<recorded_request> requests() const
    {
        std::vector<recorded_request> out;
        std::ifstream in(dir_ + "/requests.jsonl");
        for (std::string line; std::getline(in, line);) {
            boost::system::error_code ec;
            auto const v = boost::json::parse(line, ec);
            if (ec)
                fatal("bad record line: " + line);
            auto const& o = v.as_object();
            recorded_request r;
            r.method = o.at("method").as_string().c_str();
            r.target = o.at("target").as_string().c_str();
            r.body = o.at("body").as_string().c_str();
            r.client_port = o.at("client_port").as_int64();
            for (auto const& h : o.at("headers").as_array())
                r.headers.push_back({h.as_array()[0].as_string().c_str(), h.as_array()[1].as_string().c_str()});
            out.push_back(std::move(r));
        }
        return out;
    }

    // A loopback port with nothing listening on it: connecting is refused.
    static int closed_port()
    {
        int const s = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            fatal("bind");
        close(s);
        return ntohs(a.sin_port);
    }

private:
    std::string dir_;
    std::optional<child> process_;
};

// A scripted reply for the emulator.
inline boost::json::object reply(int status, std::string body = {}, boost::json::object headers = {}, double delay = 0)
{
    boost::json::object r{{"status", status}, {"body", body}, {"headers", headers}};
    if (delay > 0)
        r["delay"] = delay;
    return r;
}

// A script that answers `key` with `replies`, in order.
inline boost::json::object script_for(std::string_view key, boost::json::array replies)
{
    boost::json::object messages;
    messages[key] = std::move(replies);
    return {{"messages", std::move(messages)}};
}

} // namespace test

#endif
