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
    /**
     * @brief The rest of @p pipeline from policy @p index on; the pipeline makes these.
     * @param[in] pipeline  the pipeline being run; must outlive this object.
     * @param[in] index     the next policy to run (the transport once past the last).
     */
    NextPolicy(const Pipeline& pipeline, std::size_t index) noexcept : pipeline_(&pipeline), index_(index) {}
    /**
     * @brief Send through the remaining policies and the transport.
     * @param[in,out] request  the request; later policies may change its headers.
     * @param[in]     context  cancellation and deadline.
     * @return The response the rest of the pipeline produced.
     * @throws TransportError, OperationCancelled, or whatever a later policy throws.
     */
    RawResponse operator()(Request& request, const Context& context) const;

private:
    const Pipeline* pipeline_;
    std::size_t index_;
};

/** @brief One step of the pipeline. Implementations must be thread-safe (send is const). */
class KVB_EXPORT Policy {
public:
    /** @brief Policies are held and destroyed through this base. */
    virtual ~Policy();
    /**
     * @brief Act on @p request, call @p next (zero or more times), act on the response.
     * @param[in,out] request  the request on its way to the service.
     * @param[in]     next     the rest of the pipeline.
     * @param[in]     context  cancellation and deadline.
     * @return The response to hand back to the previous policy.
     */
    virtual RawResponse send(Request& request, const NextPolicy& next, const Context& context) const = 0;
};

/** @brief Retry behaviour. Delay n (from 0) is min(maxDelay, baseDelay * 2^n) * jitter[0.8,1.2]. */
struct RetryOptions {
    int maxRetries = 3;                         ///< Retries after the first try.
    std::chrono::milliseconds baseDelay{800};   ///< The first delay before jitter.
    std::chrono::milliseconds maxDelay{60'000}; ///< No computed delay exceeds this.
    /** @brief Give up once this much time has passed since the first try (0: no limit). */
    std::chrono::milliseconds totalTimeout{0};
    /** @brief Statuses worth a retry. */
    std::vector<int> statusCodes{408, 429, 500, 502, 503, 504};
};

/** @brief Options shared by every client. */
struct ClientOptions {
    /** @brief Transport to use; null means a libcurl transport made from transportOptions. */
    std::shared_ptr<Transport> transport;
    TransportOptions transportOptions; ///< How the default transport connects (unused with @ref transport).
    RetryOptions retry;                ///< When and how often to try again.
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
    /**
     * @brief A pipeline that runs @p policies in order, then @p transport.
     * @param[in] policies   the policies, outermost first; none may be null.
     * @param[in] transport  sends what the last policy passes on.
     */
    Pipeline(std::vector<std::shared_ptr<const Policy>> policies, std::shared_ptr<Transport> transport);
    /**
     * @brief Send @p request through every policy and the transport.
     * @param[in,out] request  the request; policies add headers to it.
     * @param[in]     context  cancellation and deadline.
     * @return The final response, whatever its status.
     * @throws TransportError, OperationCancelled, or what a policy throws (e.g. AuthenticationError).
     */
    RawResponse send(Request& request, const Context& context) const;

private:
    friend class NextPolicy;
    std::vector<std::shared_ptr<const Policy>> policies_;
    std::shared_ptr<Transport> transport_;
};

/**
 * @brief The standard pipeline: client request id → User-Agent → per-call → retry → @p auth →
 * per-retry → logging → transport.
 * @param[in] options  the transport, retry, logging and extra policies.
 * @param[in] auth     the authentication policy; null for unauthenticated calls.
 * @return A pipeline to share between copies of a client.
 * @throws InvalidArgument when the default transport cannot be made from the options.
 */
KVB_EXPORT std::shared_ptr<const Pipeline> buildPipeline(const ClientOptions& options,
                                                         std::shared_ptr<const Policy> auth);

} // namespace kvb::http
