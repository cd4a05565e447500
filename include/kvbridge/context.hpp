// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file context.hpp
 * @brief Cancellation, deadline and write replay carried by every call.
 */

#include <kvbridge/export.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace kvb {

namespace http {
class Pipeline;
}

/**
 * @brief Cancellation, deadline and write replay for one call (or a tree of calls).
 *
 * Cheap to copy; copies share the cancellation flag, so cancel() on any copy (from any thread)
 * cancels every call that holds one. A default Context never cancels, has no deadline and lets
 * the retry policy send a write again after a lost reply. Everything here travels with the call
 * as a value: it holds on whichever thread the request is finally sent.
 */
class KVB_EXPORT Context {
public:
    /** @brief Deadlines are on the monotonic clock, so a change of the wall clock moves none. */
    using Clock = std::chrono::steady_clock;

    /** @brief A fresh context with a flag of its own: not cancelled, no deadline, writes replayable. */
    Context();

    /**
     * @brief A copy of this context that also ends at @p deadline; the earlier of the two
     * deadlines wins, so a call can shorten the time its caller gave it but never lengthen it.
     * @param[in] deadline  when calls made with the copy stop (OperationCancelled).
     * @return a copy sharing this context's cancellation flag; this context is unchanged.
     */
    Context withDeadline(Clock::time_point deadline) const;
    /**
     * @brief A copy of this context that ends @p timeout from now (see withDeadline()).
     * @param[in] timeout  counted from this call, not from the first request; it must keep
     *                     now + timeout within the clock's range (about 292 years).
     * @return a copy sharing this context's cancellation flag; this context is unchanged.
     */
    Context withTimeout(std::chrono::milliseconds timeout) const;

    /**
     * @brief A copy of this context under which a write (POST, PUT, PATCH) is sent at most once
     * once it may have reached the service.
     *
     * A write whose reply is lost (reset connection, timeout, cut-off body) may have been carried
     * out; sending it again may make a second version. Under this context the retry policy does
     * not send it again after such a failure (the TransportError reaches the caller, who can look
     * before writing again), and the transport gives it a connection of its own, since libcurl
     * silently resends a request whose reused connection dies. Retryable statuses (429, 503...)
     * are still retried, since the service answered; so are reads.
     * The mark applies to the requests of the call made with this context, not to requests made
     * on the way (a token request stays retryable): http::Pipeline::send() moves it onto the
     * request (http::Request::replayAfterSend) and passes the context on without it.
     * @return a copy; this context is unchanged.
     */
    Context withoutWriteReplay() const {
        Context copy = *this;
        copy.writeReplay_ = false;
        return copy;
    }
    /**
     * @brief Whether the retry policy may send a write again after its reply was lost.
     * @return false in a copy made by withoutWriteReplay() (writes are sent at most once), else true.
     */
    bool writeReplayAllowed() const noexcept { return writeReplay_; }

    /** @brief Cancel every call using this context or a copy. Thread-safe. */
    void cancel() const noexcept;
    /**
     * @brief Whether calls made with this context must stop. Thread-safe.
     * @return true once cancel() was called on any copy or the deadline has passed.
     */
    bool isCancelled() const noexcept;
    /** @return The deadline (the earliest one given), or nullopt when calls may run without limit. */
    std::optional<Clock::time_point> deadline() const noexcept { return deadline_; }
    /**
     * @brief Check for cancellation at a point where stopping is safe (long loops, waits).
     * @throws OperationCancelled ("operation cancelled" or "deadline exceeded") when isCancelled().
     */
    void throwIfCancelled() const;

private:
    /** The pipeline takes the write replay mark off for the policies' own calls. */
    friend class http::Pipeline;
    std::shared_ptr<std::atomic<bool>> cancelled_;
    std::optional<Clock::time_point> deadline_;
    bool writeReplay_ = true;
};

} // namespace kvb
