// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file operation.hpp
 * @brief Operation<T>: a poller for work the service finishes later.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/error.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace kvb {

/** @brief What one poll learned. */
template <class T>
struct PollResult {
    bool done = false;
    std::optional<T> value;                              ///< Set when done (or as progress).
    std::optional<std::chrono::milliseconds> retryAfter; ///< The service's hint, if any.
};

/**
 * @brief A long-running operation. poll() asks once; pollUntilDone() waits, honouring the
 * service's Retry-After over the given interval. resumeToken() lets another process go on
 * with the same operation (the client's resume function takes it back). Not thread-safe.
 */
template <class T>
class Operation {
public:
    using Poll = std::function<PollResult<T>(const Context&)>;

    Operation(Poll poll, std::string resumeToken, std::optional<T> initial = std::nullopt)
        : poll_(std::move(poll)), resumeToken_(std::move(resumeToken)), value_(std::move(initial)) {}

    /** @brief Ask the service once. @return isDone(). */
    bool poll(const Context& context = {}) {
        if (done_) return true;
        auto result = poll_(context);
        if (result.value) value_ = std::move(result.value);
        retryAfter_ = result.retryAfter;
        done_ = result.done;
        return done_;
    }

    /**
     * @brief Poll until done, sleeping @p interval (or the service's Retry-After) in between.
     * @throws OperationCancelled when @p context is cancelled or its deadline passes.
     */
    const T& pollUntilDone(std::chrono::milliseconds interval = std::chrono::seconds(1),
                           const Context& context = {}) {
        while (!poll(context)) {
            auto wait = retryAfter_.value_or(interval);
            auto until = Context::Clock::now() + wait;
            while (Context::Clock::now() < until) {
                context.throwIfCancelled();
                std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(until - Context::Clock::now()),
                    std::chrono::milliseconds(50)));
            }
        }
        return value();
    }

    bool isDone() const noexcept { return done_; }
    bool hasValue() const noexcept { return value_.has_value(); }
    /** @brief The latest value. @throws InvalidArgument when none is known yet. */
    const T& value() const {
        if (!value_) throw InvalidArgument("operation has no value yet");
        return *value_;
    }
    /** @brief Opaque text naming this operation, for the client's resume call. */
    const std::string& resumeToken() const noexcept { return resumeToken_; }

private:
    Poll poll_;
    std::string resumeToken_;
    std::optional<T> value_;
    std::optional<std::chrono::milliseconds> retryAfter_;
    bool done_ = false;
};

} // namespace kvb
