// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file request.hpp
 * @brief An HTTP request as the pipeline and transport see it.
 */

#include <kvbridge/http/headers.hpp>

#include <string>

namespace kvb::http {

/** @brief HTTP method. */
enum class Method { Get, Head, Post, Put, Patch, Delete };

/** @brief Upper-case method name ("GET"). Static storage. */
KVB_EXPORT const char* methodName(Method method) noexcept;

/**
 * @brief One HTTP request. The URL is absolute and already escaped.
 *
 * When the body holds secret material, set @ref sensitiveBody so the body is wiped once the
 * request is destroyed.
 */
struct KVB_EXPORT Request {
    Method method = Method::Get;
    std::string url; ///< Absolute, escaped URL including the query.
    Headers headers;
    std::string body;           ///< Sent as is; empty means no body.
    bool sensitiveBody = false; ///< Wipe the body on destruction.
    /**
     * May be sent again after it may have reached the service (a lost reply). False: the retry
     * policy rethrows the TransportError instead of retrying, and the transport sends it on a
     * fresh connection so that libcurl never resends it either. Pipeline::send() sets it to
     * false for writes made with Context::withoutWriteReplay(); a transport sent a request
     * directly reads it as is.
     */
    bool replayAfterSend = true;

    Request() = default;
    Request(Method m, std::string u) : method(m), url(std::move(u)) {}
    Request(const Request&) = default;
    Request(Request&&) noexcept = default;
    Request& operator=(const Request&) = default;
    Request& operator=(Request&&) noexcept = default;
    ~Request();
};

/** @brief A received HTTP response. */
struct KVB_EXPORT RawResponse {
    int status = 0;
    std::string reason;
    Headers headers;
    std::string body;
    bool sensitiveBody = false; ///< Wipe the body on destruction (set by clients for secrets).

    RawResponse() = default;
    RawResponse(const RawResponse&) = default;
    RawResponse(RawResponse&&) noexcept = default;
    RawResponse& operator=(const RawResponse&) = default;
    RawResponse& operator=(RawResponse&&) noexcept = default;
    ~RawResponse();
};

} // namespace kvb::http
