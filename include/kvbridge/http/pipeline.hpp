// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pipeline.hpp
 * @brief The request pipeline: an ordered list of policies ending in a Transport.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/http/request.hpp>
#include <kvbridge/http/transport.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kvb::http {

class Pipeline;

/** @brief Hands a request to the rest of the pipeline after the current policy. */
class KVB_EXPORT NextPolicy {
public:
    NextPolicy(const Pipeline& pipeline, std::size_t index) noexcept : pipeline_(&pipeline), index_(index) {}
    /** @brief Send through the remaining policies and the transport. */
    RawResponse operator()(Request& request, const Context& context) const;

private:
    const Pipeline* pipeline_;
    std::size_t index_;
};

/** @brief One step of the pipeline. Implementations must be thread-safe (send is const). */
class KVB_EXPORT Policy {
public:
    virtual ~Policy();
    /** @brief Act on @p request, call @p next (zero or more times), act on the response. */
    virtual RawResponse send(Request& request, const NextPolicy& next, const Context& context) const = 0;
};

/** @brief Retry behaviour. Delay n (from 0) is min(maxDelay, baseDelay * 2^n) * jitter[0.8,1.2]. */
struct RetryOptions {
    int maxRetries = 3; ///< Retries after the first try.
    std::chrono::milliseconds baseDelay{800};
    std::chrono::milliseconds maxDelay{60'000};
    /** @brief Give up once this much time has passed since the first try (0: no limit). */
    std::chrono::milliseconds totalTimeout{0};
    /** @brief Statuses worth a retry. */
    std::vector<int> statusCodes{408, 429, 500, 502, 503, 504};
};

/** @brief Options shared by every client. */
struct ClientOptions {
    /** @brief Transport to use; null means a libcurl transport made from transportOptions. */
    std::shared_ptr<Transport> transport;
    TransportOptions transportOptions;
    RetryOptions retry;
    /** @brief Prefixed to the User-Agent ("<applicationId> kvbridge/0.1.0 (Linux)"). */
    std::string applicationId;
    /** @brief Extra header names whose values may be logged (on top of the built-in list). */
    std::vector<std::string> loggedHeaderNames;
    /** @brief Extra query parameter names whose values may be logged. */
    std::vector<std::string> loggedQueryParameters;
    /** @brief Run once per call, before retries (e.g. custom headers). */
    std::vector<std::shared_ptr<const Policy>> perCallPolicies;
    /** @brief Run on every try, after authentication. */
    std::vector<std::shared_ptr<const Policy>> perRetryPolicies;
};

/** @brief Ordered policies ending in a transport. Immutable, thread-safe, shared by copies of a client. */
class KVB_EXPORT Pipeline {
public:
    Pipeline(std::vector<std::shared_ptr<const Policy>> policies, std::shared_ptr<Transport> transport);
    /** @brief Send @p request through every policy. */
    RawResponse send(Request& request, const Context& context) const;

private:
    friend class NextPolicy;
    std::vector<std::shared_ptr<const Policy>> policies_;
    std::shared_ptr<Transport> transport_;
};

/**
 * @brief The standard pipeline: client request id → User-Agent → per-call → retry → @p auth →
 * per-retry → logging → transport.
 * @param auth  null for unauthenticated calls.
 */
KVB_EXPORT std::shared_ptr<const Pipeline> buildPipeline(const ClientOptions& options,
                                                         std::shared_ptr<const Policy> auth);

} // namespace kvb::http
