#include <sfmc/sms/token_cache.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {
steady_clock::time_point const t0{hours{1000}};

token_response granted(std::string_view t, seconds lifetime = seconds{1080})
{
    return {*access_token::make(t), "Bearer", lifetime, std::nullopt, std::nullopt, std::nullopt};
}

failure refusal(int status)
{
    failure f(error::unauthorized);
    f.http_status = status;
    return f;
}
} // namespace

TEST_CASE("token_cache: empty, then fresh until the margin before expiry")
{
    token_cache cache;
    CHECK(cache.needs_token(t0));
    CHECK(cache.fresh(t0) == nullptr);
    cache.store(granted("a"), t0);
    REQUIRE(cache.fresh(t0));
    CHECK(cache.fresh(t0)->token == *access_token::make("a"));
    CHECK_FALSE(cache.needs_token(t0 + seconds{959}));
    CHECK(cache.needs_token(t0 + seconds{960})); // 1080 s - 120 s
}

TEST_CASE("token_cache: a short-lived token is fresh for half its life")
{
    token_cache cache({.refresh_margin = seconds{120}});
    cache.store(granted("a", seconds{100}), t0);
    CHECK(cache.fresh(t0 + seconds{49}));
    CHECK_FALSE(cache.fresh(t0 + seconds{50}));
}

TEST_CASE("token_cache: only the rejected token is invalidated")
{
    token_cache cache;
    cache.store(granted("a"), t0);
    cache.invalidate(*access_token::make("old"));
    CHECK(cache.fresh(t0));
    cache.invalidate(*access_token::make("a"));
    CHECK(cache.needs_token(t0));
}

TEST_CASE("token_cache: a definite refusal is held, a transient failure is not")
{
    token_cache cache({.refusal_hold = seconds{60}});
    cache.store(refusal(401), t0);
    REQUIRE(cache.held_refusal(t0 + seconds{59}));
    CHECK(cache.held_refusal(t0)->http_status == 401);
    CHECK_FALSE(cache.needs_token(t0 + seconds{59}));
    CHECK(cache.needs_token(t0 + seconds{60}));

    token_cache transient;
    for (int status : {0, 408, 429, 500, 503}) {
        transient.store(refusal(status), t0);
        CHECK(transient.needs_token(t0));
        CHECK(transient.held_refusal(t0) == nullptr);
    }
    cache.store(granted("a"), t0 + seconds{10}); // a token ends a refusal
    CHECK(cache.held_refusal(t0 + seconds{11}) == nullptr);
    CHECK(cache.fresh(t0 + seconds{11}));
}
