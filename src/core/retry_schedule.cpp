// SPDX-License-Identifier: MIT
#include "core/retry_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace kvb::detail {

std::chrono::milliseconds retryBackoff(const http::RetryOptions& options, int attempt) {
    const double scaled = static_cast<double>(options.baseDelay.count()) * std::pow(2.0, attempt);
    return std::chrono::milliseconds(
        static_cast<long long>(std::min(scaled, static_cast<double>(options.maxDelay.count()))));
}

std::chrono::milliseconds longestCall(const http::RetryOptions& options, std::chrono::milliseconds perTry) {
    std::chrono::milliseconds total = perTry;
    for (int attempt = 0; attempt < options.maxRetries; ++attempt) {
        const auto pause = static_cast<long long>(
            std::ceil(static_cast<double>(retryBackoff(options, attempt).count()) * kMaxJitter));
        total += std::chrono::milliseconds(pause) + perTry;
    }
    // No retry starts once totalTimeout has passed; the try started just before may still run.
    if (options.totalTimeout.count() > 0) total = std::min(total, options.totalTimeout + perTry);
    return total;
}

} // namespace kvb::detail
