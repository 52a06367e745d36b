#ifndef SFMC_SMS_TESTS_FAKE_TRANSPORT_HPP
#define SFMC_SMS_TESTS_FAKE_TRANSPORT_HPP

#include <sfmc/sms/error.hpp>
#include <sfmc/sms/http_request.hpp>
#include <sfmc/sms/http_response.hpp>

#include <deque>
#include <string>
#include <vector>

namespace test {

// What a transport saw of one request, copied out of the request.
struct seen_request {
    std::string method, url, target;
    std::vector<sfmc::sms::http_header> headers;
    std::string body;
};

// Replays canned outcomes in order and records every request it was given.
struct fake_transport {
    std::deque<sfmc::sms::result<sfmc::sms::http_response>> replies;
    std::vector<seen_request> seen;

    sfmc::sms::result<sfmc::sms::http_response> send(sfmc::sms::http_request const& req)
    {
        seen_request s{std::string(req.method()), req.url(), std::string(req.target()), {}, std::string(req.body())};
        for (auto h : req.headers())
            s.headers.push_back({std::string(h.name), std::string(h.value)});
        seen.push_back(std::move(s));
        if (replies.empty())
            return sfmc::sms::error::transport_failed;
        auto r = std::move(replies.front());
        replies.pop_front();
        return r;
    }
};

} // namespace test

#endif
