#ifndef SFMC_SMS_TESTS_EMULATOR_CONTROL_HPP
#define SFMC_SMS_TESTS_EMULATOR_CONTROL_HPP

// The emulator's own control routes (/__emulator/...), as one more route: a request builder
// and a decoder are all a route is.

#include <sfmc/sms/detail/json_route.hpp>
#include <sfmc/sms/route.hpp>

#include <boost/json/value.hpp>

#include <string>

namespace test {

struct emulator_control {
    using value_type = boost::json::value;
    std::string path;
    std::string body;
    sfmc::sms::http_request make_request(sfmc::sms::endpoint const& ep, sfmc::sms::access_token const& token) const
    {
        return sfmc::sms::detail::make_json_request("POST", ep, path, {}, token, body);
    }
    sfmc::sms::api_result<value_type> decode(sfmc::sms::http_response const& res, sfmc::sms::decode_options const& opt) const
    {
        return sfmc::sms::decode_json(res, opt);
    }
};

} // namespace test

#endif
