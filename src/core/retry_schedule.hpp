// SPDX-License-Identifier: MIT
#pragma once

// The retry policy's schedule as plain arithmetic on RetryOptions. It lives apart from the policy
// so that code that must know how long a call can run (the migration's write window) reads it
// from the options alone, without the pipeline's internals.

#include <kvbridge/http/pipeline.hpp>

#include <chrono>

namespace kvb::detail {

/** Bounds of the factor each computed backoff is multiplied by. */
constexpr double kMinJitter = 0.8;
constexpr double kMaxJitter = 1.2;

/** Backoff before retry number @p attempt (0-based), before jitter. */
std::chrono::milliseconds retryBackoff(const http::RetryOptions& options, int attempt);

/**
 * The longest a call may run under @p options when one try takes at most @p perTry: every try
 * with the longest jittered backoff between them, or totalTimeout plus the last try when that is
 * shorter. Pauses a server asks for (Retry-After) are bounded only by totalTimeout.
 */
std::chrono::milliseconds longestCall(const http::RetryOptions& options, std::chrono::milliseconds perTry);

} // namespace kvb::detail
