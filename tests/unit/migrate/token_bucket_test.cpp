// SPDX-License-Identifier: MIT
// The migration's write limiter: never more than its capacity in any window.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "migrate/token_bucket.hpp"

using kvb::detail::TokenBucket;
using namespace std::chrono_literals;

TEST_SUITE("unit::migrate::write-limiter") {
    TEST_CASE("the capacity goes at once; the next write waits for the oldest to leave the window") {
        TokenBucket::Clock::time_point t{};
        TokenBucket limiter(3, 10s, [&] { return t; });
        CHECK(limiter.tryAcquire());
        t += 1s;
        CHECK(limiter.tryAcquire());
        CHECK(limiter.tryAcquire());
        CHECK_FALSE(limiter.tryAcquire());
        // Half a window later a refilling bucket would have 1.5 tokens; a window has no room yet.
        t += 5s;
        CHECK_FALSE(limiter.tryAcquire());
        // The first write leaves the window (with its small safety margin): one slot, not more.
        t = TokenBucket::Clock::time_point{} + 10300ms;
        CHECK(limiter.tryAcquire());
        CHECK_FALSE(limiter.tryAcquire());
        t += 1s;
        CHECK(limiter.tryAcquire());
        CHECK(limiter.tryAcquire());
        CHECK_FALSE(limiter.tryAcquire());
    }

    TEST_CASE("acquire returns at once while there is room and honours cancellation when full") {
        TokenBucket::Clock::time_point t{};
        TokenBucket limiter(1, 10s, [&] { return t; });
        limiter.acquire(kvb::Context{});
        kvb::Context cancelled;
        cancelled.cancel();
        CHECK_THROWS_AS(limiter.acquire(cancelled), kvb::OperationCancelled);
    }
}
