// SPDX-License-Identifier: MIT
#include <kvbridge/context.hpp>

#include <kvbridge/error.hpp>

namespace kvb {

Context::Context() : cancelled_(std::make_shared<std::atomic<bool>>(false)) {}

Context Context::withDeadline(Clock::time_point deadline) const {
    Context copy = *this;
    if (!copy.deadline_ || deadline < *copy.deadline_) copy.deadline_ = deadline;
    return copy;
}

Context Context::withTimeout(std::chrono::milliseconds timeout) const {
    return withDeadline(Clock::now() + timeout);
}

void Context::cancel() const noexcept {
    cancelled_->store(true, std::memory_order_relaxed);
}

bool Context::isCancelled() const noexcept {
    if (cancelled_->load(std::memory_order_relaxed)) return true;
    return deadline_ && Clock::now() >= *deadline_;
}

void Context::throwIfCancelled() const {
    if (cancelled_->load(std::memory_order_relaxed)) throw OperationCancelled("operation cancelled");
    if (deadline_ && Clock::now() >= *deadline_) throw OperationCancelled("deadline exceeded");
}

} // namespace kvb
