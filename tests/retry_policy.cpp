#include <sfmc/sms/retry_policy.hpp>

#include <doctest/doctest.h>

using namespace sfmc::sms;
using namespace std::chrono;

namespace {
failure http_failure(error e, int status, std::optional<seconds> retry_after = std::nullopt)
{
    failure f(e);
    f.http_status = status;
    f.retry_after = retry_after;
    return f;
}
} // namespace

TEST_CASE("retry_policy: what is retried and what is not")
{
    CHECK(retry_policy::is_retryable(http_failure(error::rate_limited, 429)));
    CHECK(retry_policy::is_retryable(http_failure(error::server_error, 503)));
    CHECK(retry_policy::is_retryable(failure(boost::system::error_code(ECONNRESET, boost::system::generic_category()))));
    CHECK(retry_policy::is_retryable(failure(error::transport_failed)));
    CHECK_FALSE(retry_policy::is_retryable(http_failure(error::blocked, 429)));
    CHECK_FALSE(retry_policy::is_retryable(http_failure(error::server_error, 500)));
    CHECK_FALSE(retry_policy::is_retryable(http_failure(error::unauthorized, 401)));
    CHECK_FALSE(retry_policy::is_retryable(http_failure(error::not_found, 404)));
    CHECK_FALSE(retry_policy::is_retryable(http_failure(error::bad_request, 400)));
    CHECK_FALSE(retry_policy::is_retryable(failure(error::truncated_body)));
    CHECK_FALSE(retry_policy::is_retryable(failure(error::key_empty)));
}

TEST_CASE("retry_policy: the server's delay is used as given")
{
    retry_policy const p;
    auto f = http_failure(error::rate_limited, 429, seconds{5});
    CHECK(p.next_delay(f, 0, milliseconds{0}, 0.9) == milliseconds{5000});
    CHECK(p.next_delay(f, 1, milliseconds{5000}, 0.9) == milliseconds{5000});
    CHECK_FALSE(p.next_delay(f, 2, milliseconds{10000}, 0.9)); // retries used up
}

TEST_CASE("retry_policy: otherwise 2 s, 4 s, 8 s ... plus up to half of it as jitter")
{
    retry_policy const p{.max_retries = 10, .max_total_wait = hours{1}};
    auto f = http_failure(error::server_error, 503);
    CHECK(p.next_delay(f, 0, {}, 0.0) == milliseconds{2000});
    CHECK(p.next_delay(f, 1, {}, 0.0) == milliseconds{4000});
    CHECK(p.next_delay(f, 2, {}, 0.0) == milliseconds{8000});
    CHECK(p.next_delay(f, 0, {}, 0.5) == milliseconds{2500});
    CHECK(p.next_delay(f, 0, {}, 0.999) == milliseconds{2999});
    CHECK(p.next_delay(f, 9, {}, 0.0) == milliseconds{60000}); // capped by max_backoff
    CHECK(p.next_delay(f, 9, {}, 7.0) == milliseconds{90000});  // a random source out of range is clamped
}

TEST_CASE("retry_policy: a wait past max_total_wait gives up, and says how long the server wanted")
{
    retry_policy const p{.max_retries = 5, .max_total_wait = seconds{10}};
    auto f = http_failure(error::rate_limited, 429, seconds{30});
    CHECK_FALSE(p.next_delay(f, 0, {}, 0.0));
    CHECK(f.retry_after == seconds{30});

    auto g = http_failure(error::server_error, 503);
    CHECK(p.next_delay(g, 0, seconds{7}, 0.0) == milliseconds{2000});
    CHECK_FALSE(p.next_delay(g, 1, seconds{9}, 0.0)); // 9 s + 4 s > 10 s
    CHECK(g.retry_after == seconds{4});
}

TEST_CASE("retry_policy: max_retries 0 never retries")
{
    retry_policy const p{.max_retries = 0};
    auto f = http_failure(error::rate_limited, 429, seconds{1});
    CHECK_FALSE(p.next_delay(f, 0, {}, 0.0));
}

TEST_CASE("retry_policy: delays saturate instead of overflowing, however large the limits")
{
    retry_policy const p{.max_retries = 1'000'000,
                         .max_total_wait = milliseconds::max(),
                         .initial_backoff = milliseconds::max() / 3,
                         .max_backoff = milliseconds::max()};
    for (int done : {0, 1, 2, 62, 63, 64, 999'999}) {
        auto f = failure(error::transport_failed);
        auto const d = p.next_delay(f, done, milliseconds{0}, 0.99);
        REQUIRE(d);
        CHECK(*d >= p.initial_backoff);
        CHECK(*d <= milliseconds::max());
    }
    auto f = failure(error::transport_failed);
    auto const late = p.next_delay(f, 5, milliseconds::max() - milliseconds{1}, 0.5);
    CHECK(late); // waited + delay saturates at max_total_wait: still not over it
    auto g = failure(error::transport_failed);
    retry_policy const bounded{.max_retries = 1'000'000, .max_total_wait = hours{1}, .max_backoff = milliseconds::max()};
    CHECK_FALSE(bounded.next_delay(g, 100, minutes{59}, 0.5));
    CHECK(g.retry_after);
    CHECK(retry_policy::saturating_add(milliseconds::max(), milliseconds{5}) == milliseconds::max());
    CHECK(retry_policy::saturating_add(milliseconds{2}, milliseconds{5}) == milliseconds{7});
}
