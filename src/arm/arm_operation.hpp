// SPDX-License-Identifier: MIT
#pragma once

// Resource Manager's long-running operations behind Operation<T>. The first answer says how to
// follow the work: an Azure-AsyncOperation URL (an operation status: InProgress, Succeeded,
// Failed, Canceled), a Location URL (202 until done), or neither (the resource's own
// provisioningState, read again until terminal). Every answer's Retry-After paces the next poll.

#include <kvbridge/arm/arm_error.hpp>
#include <kvbridge/operation.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "arm/arm_connection.hpp"

namespace kvb::arm {

/** What the start or one poll of an operation learned. */
struct LroStep {
    bool done = false;
    std::optional<std::string> body; ///< The resource's JSON, when an answer carried it.
    std::optional<std::chrono::milliseconds> retryAfter;
};

/** Follows one operation. Not thread-safe (nor is Operation). */
class LroPoller {
public:
    /**
     * @param resourceUrl  the URL the operation acts on (the request's), read again at the end of
     *                     a PUT or PATCH and, without status URLs, until the state is terminal.
     */
    LroPoller(std::shared_ptr<const http::Pipeline> pipeline, http::Method method, std::string resourceUrl,
              std::string description);

    /** Read the first answer. @throws ArmOperationFailedError when it already reports failure. */
    LroStep start(const http::RawResponse& first, const http::Request& request);

    /** Ask once. @throws ArmOperationFailedError, ServiceError subclasses, ParseError. */
    LroStep poll(const Context& context);

private:
    enum class Mode { AsyncOperation, Location, Resource, Done };

    LroStep pollStatus(const Context& context);
    LroStep pollLocation(const Context& context);
    LroStep pollResource(const Context& context);
    /** The operation succeeded: read the resource (PUT, PATCH) and finish. */
    LroStep finish(const Context& context, std::optional<std::string> body = std::nullopt);
    /** Take the polling URLs a 201/202 answer names (each checked to stay on the endpoint). */
    void takeUrls(const http::Headers& headers);
    /** The step for a resource body: done, still going, or @throws ArmOperationFailedError. */
    LroStep fromResource(const http::RawResponse& response, const http::Request& request);

    std::shared_ptr<const http::Pipeline> pipeline_;
    http::Method method_;
    std::string resourceUrl_;
    std::string description_;
    std::string asyncUrl_;
    std::string locationUrl_;
    Mode mode_ = Mode::Done;
};

/**
 * Send @p request (accepting @p ok) and follow what it started. @p parse(const JsonValue&) -> T
 * reads the resource; an operation that ends without one (a DELETE) is done with T{}.
 */
template <class T, class Parse>
Operation<T> startOperation(const ArmConnection& conn, http::Request request, std::initializer_list<int> ok,
                            Parse parse, std::string resumeToken, std::string description,
                            const Context& context) {
    const http::RawResponse first = kvb::detail::sendExpecting(*conn.pipeline, request, ok, context);
    auto poller = std::make_shared<LroPoller>(conn.pipeline, request.method, request.url, description);
    auto toResult = [parse = std::move(parse)](LroStep step) {
        PollResult<T> result;
        result.done = step.done;
        result.retryAfter = step.retryAfter;
        if (step.body) {
            const auto doc = kvb::detail::parseJson(*step.body, "resource");
            result.value = parse(kvb::detail::requireObject(doc, "resource"));
        } else if (step.done) {
            result.value = T{};
        }
        return result;
    };
    auto started = toResult(poller->start(first, request));
    return Operation<T>([poller, toResult](const Context& ctx) { return toResult(poller->poll(ctx)); },
                        std::move(resumeToken), std::move(description), std::move(started));
}

} // namespace kvb::arm
