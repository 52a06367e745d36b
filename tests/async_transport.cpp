#include <sfmc/sms/async_transport.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/transport.hpp>

using namespace sfmc::sms;

namespace {
struct exemplar {
    boost::asio::awaitable<result<http_response>> async_send(http_request const&);
};
struct blocking_only {
    result<http_response> send(http_request const&);
};
struct returns_a_plain_result {
    result<http_response> async_send(http_request const&);
};
} // namespace

TEST_CASE("async_transport: the exemplar is one, a blocking transport and a plain result are not")
{
    static_assert(async_transport<exemplar>);
    static_assert(!async_transport<blocking_only> && transport<blocking_only>);
    static_assert(!async_transport<returns_a_plain_result>);
    CHECK(async_transport<detail::exemplar_async_transport>);
}
