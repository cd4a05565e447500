// SPDX-License-Identifier: MIT
#include "migrate/token_bucket.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>

namespace kvb::migrate::detail {

TokenBucket::TokenBucket(int capacity, std::chrono::milliseconds window)
    : capacity_(std::max(1, capacity)), tokens_(capacity_),
      perMs_(capacity_ / static_cast<double>(std::max<std::int64_t>(1, window.count()))),
      last_(Clock::now()) {}

void TokenBucket::refill(Clock::time_point now) {
    const double elapsedMs = std::chrono::duration<double, std::milli>(now - last_).count();
    tokens_ = std::min(capacity_, tokens_ + elapsedMs * perMs_);
    last_ = now;
}

bool TokenBucket::tryAcquire() {
    std::lock_guard lock(mutex_);
    refill(Clock::now());
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

void TokenBucket::acquire(const Context& context) {
    std::unique_lock lock(mutex_);
    for (;;) {
        context.throwIfCancelled();
        refill(Clock::now());
        if (tokens_ >= 1.0) {
            tokens_ -= 1.0;
            return;
        }
        // Wake when one token will be there, but at least every 100 ms to notice cancellation.
        const auto waitMs = std::min(100.0, (1.0 - tokens_) / perMs_);
        cv_.wait_for(lock, std::chrono::duration<double, std::milli>(std::max(1.0, waitMs)));
    }
}

} // namespace kvb::migrate::detail
