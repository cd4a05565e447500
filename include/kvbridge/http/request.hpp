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
enum class Method {
    Get,    ///< read; always safe to send again
    Head,   ///< read the headers only
    Post,   ///< a write; Key Vault and Batch use it for creates and actions
    Put,    ///< a write that creates or replaces (a new version in Key Vault)
    Patch,  ///< a write that changes some fields
    Delete, ///< a write that removes (or soft-deletes)
};

/**
 * @brief The method as it goes on the request line.
 * @param[in] method  any Method.
 * @return The upper-case name ("GET", "PATCH"...), a string literal: never freed, never null.
 */
KVB_EXPORT const char* methodName(Method method) noexcept;

/**
 * @brief One HTTP request. The URL is absolute and already escaped.
 *
 * When the body holds secret material, set @ref sensitiveBody so the body is wiped once the
 * request is destroyed.
 */
struct KVB_EXPORT Request {
    Method method = Method::Get; ///< GET unless set.
    std::string url;             ///< Absolute, escaped URL including the query.
    /** Sent as given; an Authorization value is wiped when the request is destroyed. */
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

    /** @brief A GET with no URL, headers or body; fill the fields before sending it. */
    Request() = default;
    /**
     * @brief A request with no headers or body yet.
     * @param[in] m  the method.
     * @param[in] u  the absolute URL, query included, already escaped.
     */
    Request(Method m, std::string u) : method(m), url(std::move(u)) {}
    /** @brief A copy; it holds its own copy of the body, wiped on its own destruction. */
    Request(const Request&) = default;
    /** @brief Takes the URL, headers and body over. */
    Request(Request&&) noexcept = default;
    /**
     * @brief Replace this request by a copy of another.
     * @return This request.
     */
    Request& operator=(const Request&) = default;
    /**
     * @brief Take another request's URL, headers and body over.
     * @return This request.
     */
    Request& operator=(Request&&) noexcept = default;
    /** @brief Wipes the Authorization header, and the body when sensitiveBody is set. */
    ~Request();
};

/** @brief A received HTTP response. */
struct KVB_EXPORT RawResponse {
    int status = 0;     ///< HTTP status code (200, 404...); 0 until a status line arrives.
    std::string reason; ///< Reason phrase of the status line ("Not Found"); may be empty (HTTP/2).
    /** Headers of the final response (those of a 100 Continue or a proxy CONNECT are dropped). */
    Headers headers;
    std::string body;           ///< The whole body, as the transport received it.
    bool sensitiveBody = false; ///< Wipe the body on destruction (set by clients for secrets).

    /** @brief Status 0, no headers, no body: what a transport fills in. */
    RawResponse() = default;
    /** @brief A copy; it holds its own copy of the body, wiped on its own destruction. */
    RawResponse(const RawResponse&) = default;
    /** @brief Takes the headers and body over. */
    RawResponse(RawResponse&&) noexcept = default;
    /**
     * @brief Replace this response by a copy of another.
     * @return This response.
     */
    RawResponse& operator=(const RawResponse&) = default;
    /**
     * @brief Take another response's headers and body over.
     * @return This response.
     */
    RawResponse& operator=(RawResponse&&) noexcept = default;
    /** @brief Wipes the body when sensitiveBody is set. */
    ~RawResponse();
};

} // namespace kvb::http
