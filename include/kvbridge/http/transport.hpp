// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file transport.hpp
 * @brief The Transport interface (one virtual send) and its options.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/http/request.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace kvb::http {

/** @brief Sends one request and returns its response. Implementations must be thread-safe. */
class KVB_EXPORT Transport {
public:
    /** @brief Transports are held and destroyed through this base. */
    virtual ~Transport();
    /**
     * @brief Send @p request and wait for the whole response.
     * @param[in] request  the request as the pipeline finished it.
     * @param[in] context  cancellation and deadline; ending it aborts the transfer.
     * @return The response, whatever its status.
     * @throws TransportError when no response arrives (its message names the endpoint as
     *         scheme://host:port, never the path or query); OperationCancelled when @p context ends.
     */
    virtual RawResponse send(const Request& request, const Context& context) = 0;
};

/** @brief Options of the libcurl transport. Every field has a safe default. */
struct TransportOptions {
    std::string caFile;         ///< PEM bundle to trust instead of the system store.
    std::string caPath;         ///< Directory of hashed CA certificates.
    bool verifyTls = true;      ///< Turning this off is for debugging only; never in production.
    std::string proxy;          ///< e.g. "http://proxy:3128"; empty: none (libcurl env vars ignored).
    std::string proxyUsername;  ///< Proxy authentication user; empty: none.
    SecretString proxyPassword; ///< Proxy authentication password.
    std::chrono::milliseconds connectTimeout{10'000}; ///< Limit on connecting (name lookup, TCP, TLS).
    std::chrono::milliseconds timeout{120'000};       ///< Whole-transfer limit per try.
    /** @brief libcurl CONNECT_TO entries "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT". */
    std::vector<std::string> connectTo;
    bool http2 = true;                   ///< Use HTTP/2 when the server offers it over TLS.
    std::size_t maxIdleConnections = 16; ///< Idle handles kept for reuse.
};

/**
 * @brief Make the default transport (libcurl, connection reuse, TLS >= 1.2).
 * @param[in] options  trust store, proxy, timeouts and host mappings.
 * @return A thread-safe transport to share between pipelines.
 * @throws InvalidArgument for inconsistent options, or a CA file or CA folder that cannot be
 *         read (named in the message), so that this shows before any request is sent.
 */
KVB_EXPORT std::shared_ptr<Transport> makeCurlTransport(const TransportOptions& options = {});

} // namespace kvb::http
