#include <sfmc/sms/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <system_error>

using namespace sfmc::sms;

TEST_CASE("error: every code has a message, a name and a condition")
{
    for (int e = static_cast<int>(error::key_empty); e <= static_cast<int>(error::transport_failed); ++e) {
        auto const ec = make_error_code(static_cast<error>(e));
        CHECK(ec.failed());
        CHECK(std::string(ec.category().name()) == "sfmc.sms");
        CHECK(ec.message().find("unknown") == std::string::npos);
        CHECK(std::string(to_string(static_cast<error>(e))) != "unknown");
        CHECK(ec == condition_of(static_cast<error>(e)));
    }
    CHECK(make_error_code(static_cast<error>(999)).message() == "unknown sfmc.sms error");
}

TEST_CASE("error: conditions group the codes")
{
    boost::system::error_code ec = error::key_too_long;
    CHECK(ec == condition::invalid_input);
    CHECK(ec != condition::http_status);
    CHECK(boost::system::error_code(error::blocked) == condition::http_status);
    CHECK(boost::system::error_code(error::truncated_body) == condition::bad_response);
    CHECK(boost::system::error_code(error::bad_page_request) == condition::invalid_input);
    CHECK(boost::system::error_code(error::bad_channel) == condition::invalid_input);
    CHECK(boost::system::error_code(error::bad_signature_key) == condition::invalid_input);
    CHECK(boost::system::error_code(error::bad_request) == condition::http_status);
    CHECK(boost::system::error_code(error::no_progress) == condition::bad_response);
    CHECK(boost::system::error_code(error::transport_failed) == condition::transport);
}

TEST_CASE("error: a failed code of another category is a transport failure")
{
    boost::system::error_code refused(ECONNREFUSED, boost::system::generic_category());
    CHECK(refused == condition::transport);
    CHECK(refused != condition::http_status);
    CHECK_FALSE(boost::system::error_code() == condition::transport);
}

TEST_CASE("error: works with std::error_code too")
{
    std::error_code ec = error::key_empty;
    CHECK(ec.message() == "the message key is empty");
    CHECK(ec == std::error_condition(condition::invalid_input));
}

TEST_CASE("error: the category is constant-initialised and unique")
{
    CHECK(&error_category() == &detail::error_category_instance);
    CHECK(error_category() != condition_category());
}
