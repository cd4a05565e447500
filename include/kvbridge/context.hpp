// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file context.hpp
 * @brief Cancellation and deadline carried by every call.
 */

#include <kvbridge/export.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace kvb {

/**
 * @brief Cancellation and deadline for one call (or a tree of calls).
 *
 * Cheap to copy; copies share the cancellation flag, so cancel() on any copy (from any thread)
 * cancels every call that holds one. A default Context never cancels and has no deadline.
 */
class KVB_EXPORT Context {
public:
    using Clock = std::chrono::steady_clock;

    Context();

    /** @brief A copy of this context that also ends at @p deadline (the earlier one wins). */
    Context withDeadline(Clock::time_point deadline) const;
    /** @brief A copy of this context that ends @p timeout from now. */
    Context withTimeout(std::chrono::milliseconds timeout) const;

    /** @brief Cancel every call using this context or a copy. Thread-safe. */
    void cancel() const noexcept;
    /** @brief True once cancel() was called or the deadline passed. */
    bool isCancelled() const noexcept;
    /** @brief The deadline, if any. */
    std::optional<Clock::time_point> deadline() const noexcept { return deadline_; }
    /** @brief Throws OperationCancelled when isCancelled(). */
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> cancelled_;
    std::optional<Clock::time_point> deadline_;
};

} // namespace kvb
