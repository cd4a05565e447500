// SPDX-License-Identifier: MIT
#include "http/policies.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/log.hpp>

#include <algorithm>
#include <charconv>
#include <random>
#include <string>

#include "core/retry_schedule.hpp"
#include "core/sleep.hpp"
#include "core/time_format.hpp"

namespace kvb::detail {

namespace {

// Longer than any call can usefully wait; capping a server's hint there keeps the clock
// arithmetic (milliseconds to nanoseconds, now + delay) far from overflow.
constexpr long long kMaxHintMs = 24LL * 3600 * 1000;

std::optional<long long> parseNumber(std::string_view text) {
    long long n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (p != text.data() + text.size() || n < 0) return std::nullopt;
    if (ec == std::errc::result_out_of_range) return kMaxHintMs; // all digits, just huge
    if (ec != std::errc()) return std::nullopt;
    return n;
}

} // namespace

RetryClock RetryClock::system() {
    RetryClock c;
    c.now = [] { return std::chrono::steady_clock::now(); };
    c.sleep = kvb::detail::sleepFor;
    c.jitter = [] {
        thread_local std::mt19937_64 rng{std::random_device{}()};
        return std::uniform_real_distribution<double>(kvb::detail::kMinJitter, kvb::detail::kMaxJitter)(rng);
    };
    return c;
}

RetryPolicy::RetryPolicy(http::RetryOptions options, RetryClock clock)
    : options_(std::move(options)), clock_(std::move(clock)) {}

std::optional<std::chrono::milliseconds> RetryPolicy::serverDelay(const http::Headers& headers,
                                                                  std::chrono::system_clock::time_point now) {
    for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"}) {
        if (auto v = headers.get(name))
            if (auto n = parseNumber(*v)) return std::chrono::milliseconds(std::min(*n, kMaxHintMs));
    }
    if (auto v = headers.get("Retry-After")) {
        if (auto n = parseNumber(*v))
            return std::chrono::milliseconds(std::min(*n, kMaxHintMs / 1000) * 1000);
        if (auto when = kvb::detail::parseRfc1123(*v)) {
            if (*when <= now) return std::chrono::milliseconds(0);
            const auto delta = std::chrono::duration_cast<std::chrono::milliseconds>(*when - now);
            return std::min(delta, std::chrono::milliseconds(kMaxHintMs));
        }
    }
    return std::nullopt;
}

http::RawResponse RetryPolicy::send(http::Request& request, const http::NextPolicy& next,
                                    const Context& context) const {
    const auto start = clock_.now();
    for (int attempt = 0;; ++attempt) {
        std::optional<http::RawResponse> response;
        std::exception_ptr failure;
        try {
            response = next(request, context);
        } catch (const http::TransportError&) {
            if (!request.replayAfterSend) throw;
            failure = std::current_exception();
        }
        const bool retryable = failure || std::find(options_.statusCodes.begin(), options_.statusCodes.end(),
                                                    response->status) != options_.statusCodes.end();
        if (!retryable || attempt >= options_.maxRetries) {
            if (failure) std::rethrow_exception(failure);
            return std::move(*response);
        }
        std::chrono::milliseconds delay{0};
        std::optional<std::chrono::milliseconds> hinted;
        if (response) hinted = serverDelay(response->headers, std::chrono::system_clock::now());
        if (hinted) {
            delay = *hinted;
        } else {
            delay = std::chrono::milliseconds(static_cast<long long>(
                static_cast<double>(kvb::detail::retryBackoff(options_, attempt).count()) * clock_.jitter()));
        }
        const auto resumeAt = clock_.now() + delay;
        const bool pastTotal = options_.totalTimeout.count() > 0 && resumeAt - start > options_.totalTimeout;
        const bool pastDeadline = context.deadline() && resumeAt >= *context.deadline();
        if (pastTotal || pastDeadline) {
            if (failure) std::rethrow_exception(failure);
            return std::move(*response);
        }
        if (shouldLog(LogLevel::Informational))
            log(LogLevel::Informational, "retry " + std::to_string(attempt + 1) + " after " +
                                             (failure ? std::string("transport failure")
                                                      : "HTTP " + std::to_string(response->status)) +
                                             " in " + std::to_string(delay.count()) + " ms");
        clock_.sleep(delay, context);
    }
}

} // namespace kvb::detail
