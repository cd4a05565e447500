// SPDX-License-Identifier: MIT
#pragma once

// A token bucket shared by the migration workers: at most `capacity` writes per `window`,
// refilled continuously. Keeps a run under Key Vault's per-vault write limit instead of
// leaning on 429s.

#include <kvbridge/context.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace kvb::migrate::detail {

class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;

    TokenBucket(int capacity, std::chrono::milliseconds window);

    /** Take one token, waiting for one if needed. @throws OperationCancelled when @p context ends. */
    void acquire(const Context& context);
    /** Take one token if available now. */
    bool tryAcquire();

private:
    void refill(Clock::time_point now);

    std::mutex mutex_;
    std::condition_variable cv_;
    double capacity_;
    double tokens_;
    double perMs_;
    Clock::time_point last_;
};

} // namespace kvb::migrate::detail
