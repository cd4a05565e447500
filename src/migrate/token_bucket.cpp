// SPDX-License-Identifier: MIT
#include "migrate/token_bucket.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>

namespace kvb::detail {

TokenBucket::TokenBucket(int capacity, std::chrono::milliseconds window, Now now)
    // A request reaches the service a little after its slot is granted, and not all equally
    // late: a 2% longer window keeps the service's own count under its limit.
    : capacity_(static_cast<std::size_t>(std::max(1, capacity))),
      window_(std::max<std::chrono::milliseconds>(window, std::chrono::milliseconds(1)) * 51 / 50),
      now_(std::move(now)) {
    granted_.reserve(capacity_);
}

bool TokenBucket::grant(Clock::time_point now, Clock::time_point& freeAt) {
    // The limit is capacity_, not granted_.capacity(): reserve() may give more room than asked.
    if (granted_.size() < capacity_) {
        granted_.push_back(now);
        return true;
    }
    freeAt = granted_[oldest_] + window_;
    if (now < freeAt) return false;
    granted_[oldest_] = now;
    oldest_ = (oldest_ + 1) % granted_.size();
    return true;
}

bool TokenBucket::tryAcquire() {
    std::lock_guard lock(mutex_);
    Clock::time_point freeAt;
    return grant(now(), freeAt);
}

void TokenBucket::acquire(const Context& context) {
    std::unique_lock lock(mutex_);
    for (;;) {
        context.throwIfCancelled();
        Clock::time_point freeAt;
        const auto t = now();
        if (grant(t, freeAt)) return;
        // Wake when the oldest slot frees, but at least every 100 ms to notice cancellation.
        cv_.wait_for(lock, std::clamp<Clock::duration>(freeAt - t, std::chrono::milliseconds(1),
                                                       std::chrono::milliseconds(100)));
    }
}

} // namespace kvb::detail
