// SPDX-License-Identifier: MIT
#pragma once

// libcurl transport: a pool of easy handles, each keeping its connection alive, so concurrent
// callers never share a handle and sequential callers reuse warm TLS connections.

#include <kvbridge/http/transport.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace kvb::http {

class CurlTransport final : public Transport {
public:
    explicit CurlTransport(TransportOptions options);
    ~CurlTransport() override;

    RawResponse send(const Request& request, const Context& context) override;

    /** New TCP connections opened so far (CURLINFO_NUM_CONNECTS summed): proves reuse in tests. */
    long connectionsOpened() const noexcept { return connections_.load(); }

private:
    struct Handle;
    std::unique_ptr<Handle> acquire();
    void release(std::unique_ptr<Handle> handle);
    void configure(Handle& handle, Method method) const;

    TransportOptions options_;
    std::mutex poolMutex_;
    std::vector<std::unique_ptr<Handle>> idle_;
    std::atomic<long> connections_{0};
};

} // namespace kvb::http
