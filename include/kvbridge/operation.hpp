// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file operation.hpp
 * @brief Operation<T>: a poller for work the service finishes later, and how it waits.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/error.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace kvb {

/** @brief What one poll, or the call that started the operation, learned. */
template <class T>
struct PollResult {
    bool done = false;                                   ///< True once the service is finished.
    std::optional<T> value;                              ///< Set when done (or as progress).
    std::optional<std::chrono::milliseconds> retryAfter; ///< The service's Retry-After, if any.
};

/**
 * @brief How Operation::pollUntilDone() paces and bounds its wait. An aggregate whose fields are
 * only ever appended: `op.pollUntilDone({.timeout = std::chrono::seconds(30)}, context)`.
 */
struct PollOptions {
    /** @brief Pause between polls when the service sends no Retry-After (its hint wins). */
    std::chrono::milliseconds interval = std::chrono::seconds(1);
    /**
     * @brief The longest wait: once the next poll would start later than this after
     * pollUntilDone() began, it throws OperationTimeoutError instead of sleeping.
     * std::chrono::milliseconds::max() waits without limit (a Context deadline still holds).
     */
    std::chrono::milliseconds timeout = std::chrono::minutes(10);
};

namespace detail {

/** @p t + @p d, or the clock's end of time when that would overflow (a "no limit" timeout). */
inline Context::Clock::time_point later(Context::Clock::time_point t, std::chrono::milliseconds d) {
    const auto room =
        std::chrono::duration_cast<std::chrono::milliseconds>(Context::Clock::time_point::max() - t);
    return d >= room ? Context::Clock::time_point::max()
                     : t + std::chrono::duration_cast<Context::Clock::duration>(d);
}

/**
 * Sleep until @p until in short slices, so that cancelling @p context (from any thread) or its
 * deadline ends even an hour-long pause at once.
 * @throws OperationCancelled when @p context ends first.
 */
inline void sleepUntil(Context::Clock::time_point until, const Context& context) {
    for (;;) {
        context.throwIfCancelled();
        const auto now = Context::Clock::now();
        if (now >= until) return;
        std::this_thread::sleep_for(
            std::min<Context::Clock::duration>(until - now, std::chrono::milliseconds(20)));
    }
}

} // namespace detail

/**
 * @brief A long-running operation. poll() asks once; pollUntilDone() waits at the service's pace
 * within a timeout. resumeToken() lets another process go on with the same operation (the
 * client's resume function takes it back). Not thread-safe.
 */
template <class T>
class Operation {
public:
    /** @brief Asks the service once how the operation stands. */
    using Poll = std::function<PollResult<T>(const Context&)>;

    /**
     * @param[in] poll         asks the service once.
     * @param[in] resumeToken  names the operation for the client's resume call.
     * @param[in] description  what the operation does, for errors ("deletion of secret 'db'").
     * @param[in] started      what the starting call learned: a value, whether it is already
     *                         done, and its Retry-After, which paces the first poll.
     */
    Operation(Poll poll, std::string resumeToken, std::string description, PollResult<T> started = {})
        : poll_(std::move(poll)), resumeToken_(std::move(resumeToken)), description_(std::move(description)),
          value_(std::move(started.value)), retryAfter_(started.retryAfter), done_(started.done) {
        if (retryAfter_) lastAsked_ = Context::Clock::now();
    }

    /**
     * @brief Ask the service once, at once (no pacing).
     * @param[in] context  cancellation and deadline of this poll.
     * @return isDone() after the answer.
     * @throws ServiceError, http::TransportError or OperationCancelled from the request.
     */
    bool poll(const Context& context = {}) {
        if (done_) return true;
        auto result = poll_(context);
        lastAsked_ = Context::Clock::now();
        if (result.value) value_ = std::move(result.value);
        retryAfter_ = result.retryAfter;
        done_ = result.done;
        return done_;
    }

    /**
     * @brief Poll until done. Each poll waits for the service's last Retry-After (seconds,
     * HTTP-date or milliseconds forms), else for @p options.interval, after the previous one; the
     * first goes out at once unless the starting call named a Retry-After.
     * @throws OperationTimeoutError when the next poll would start later than @p options.timeout
     * after this call began; the operation stays usable (call again to wait longer).
     * @throws OperationCancelled when @p context is cancelled or its deadline passes, also
     * during a pause.
     * @throws InvalidArgument for a negative interval or timeout.
     * @param[in] options  pause between polls and the longest wait.
     * @param[in] context  cancellation and deadline of the whole wait.
     * @return The final value.
     */
    const T& pollUntilDone(const PollOptions& options = {}, const Context& context = {}) {
        if (options.interval.count() < 0 || options.timeout.count() < 0)
            throw InvalidArgument("poll options: interval and timeout must not be negative");
        const auto start = Context::Clock::now();
        const auto deadline = detail::later(start, options.timeout);
        int polls = 0;
        while (!done_) {
            if (lastAsked_) {
                const auto due = detail::later(*lastAsked_, retryAfter_.value_or(options.interval));
                if (due > deadline) {
                    throw OperationTimeoutError(
                        description_,
                        std::chrono::duration_cast<std::chrono::milliseconds>(Context::Clock::now() - start),
                        polls);
                }
                detail::sleepUntil(due, context);
            } else {
                context.throwIfCancelled();
            }
            poll(context);
            ++polls;
        }
        return value();
    }

    /** @return True once the service has said the operation is finished. */
    bool isDone() const noexcept { return done_; }
    /** @return True when a value (final, or progress) is known. */
    bool hasValue() const noexcept { return value_.has_value(); }
    /**
     * @return The latest value: the result when isDone(), else the last progress report.
     * @throws InvalidArgument when none is known yet.
     */
    const T& value() const {
        if (!value_) throw InvalidArgument("operation has no value yet");
        return *value_;
    }
    /** @return Opaque text naming this operation, for the client's resume call. */
    const std::string& resumeToken() const noexcept { return resumeToken_; }
    /** @return What the operation does, as errors name it ("deletion of secret 'db'"). */
    const std::string& description() const noexcept { return description_; }

private:
    Poll poll_;
    std::string resumeToken_;
    std::string description_;
    std::optional<T> value_;
    std::optional<std::chrono::milliseconds> retryAfter_;
    std::optional<Context::Clock::time_point> lastAsked_; ///< When the service last answered.
    bool done_ = false;
};

} // namespace kvb
