// SPDX-License-Identifier: MIT
#pragma once

// The real pause behind the clocks of the retry policy and of the migration's write settlement;
// tests hand those a clock that does not sleep.

#include <kvbridge/context.hpp>
#include <kvbridge/operation.hpp>

#include <chrono>

namespace kvb::detail {

/**
 * sleepUntil() @p delay from now.
 * @throws OperationCancelled when @p context ends first.
 */
inline void sleepFor(std::chrono::milliseconds delay, const Context& context) {
    sleepUntil(later(Context::Clock::now(), delay), context);
}

} // namespace kvb::detail
