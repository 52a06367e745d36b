#include <sfmc/sms/route.hpp>

#include <doctest/doctest.h>

#include <sfmc/sms/message_status.hpp>

using namespace sfmc::sms;

namespace {
struct exemplar_route {
    using value_type = message_status;
    http_request make_request(endpoint const&, access_token const&) const;
    api_result<value_type> decode(http_response const&, decode_options const&) const;
};
struct tokenless_route {
    using value_type = int;
    http_request make_request(endpoint const&) const;
    api_result<int> decode(http_response const&, decode_options const&) const;
};
struct no_decoder {
    using value_type = int;
    http_request make_request(endpoint const&) const;
};
struct decoder_of_another_type {
    using value_type = int;
    http_request make_request(endpoint const&) const;
    api_result<long> decode(http_response const&, decode_options const&) const;
};
} // namespace

TEST_CASE("route: the exemplar and the shapes that are not routes")
{
    static_assert(route<exemplar_route> && route_behind_token<exemplar_route>);
    static_assert(route<tokenless_route> && !route_behind_token<tokenless_route>);
    static_assert(!route<no_decoder>);
    static_assert(!route<decoder_of_another_type>);
    static_assert(!route<int>);
    CHECK(route<exemplar_route>);
}
