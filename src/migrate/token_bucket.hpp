// SPDX-License-Identifier: MIT
#pragma once

// The write limiter shared by the migration workers: at most `capacity` writes in any `window`
// (a sliding window, as Key Vault counts them), so a run stays under the vault's per-vault write
// limit instead of leaning on 429s. A refilling token bucket would not do: starting full and
// refilling at capacity/window, it lets twice the capacity through in the first window.

#include <kvbridge/context.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace kvb::detail {

class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;
    using Now = std::function<Clock::time_point()>;

    /** @p now: the time source (tests inject one); empty means Clock::now. */
    TokenBucket(int capacity, std::chrono::milliseconds window, Now now = {});

    /** Take one write slot, waiting for one if needed. @throws OperationCancelled when @p context ends. */
    void acquire(const Context& context);
    /** Take one write slot if one is free now. */
    bool tryAcquire();

private:
    /** Grants a slot and returns true, or returns false and sets @p freeAt. Under mutex_. */
    bool grant(Clock::time_point now, Clock::time_point& freeAt);
    Clock::time_point now() const { return now_ ? now_() : Clock::now(); }

    std::mutex mutex_;
    std::condition_variable cv_;
    std::size_t capacity_; ///< writes allowed in any window
    Clock::duration window_;
    std::vector<Clock::time_point> granted_; ///< ring of the last `capacity` grant times
    std::size_t oldest_ = 0;                 ///< index of the oldest grant once the ring is full
    Now now_;
};

} // namespace kvb::detail
