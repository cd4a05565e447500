// SPDX-License-Identifier: MIT
#pragma once

// A scripted Transport for unit tests: answers queued responses and records every request.

#include <kvbridge/http/transport.hpp>

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace kvb::test {

class FakeTransport final : public http::Transport {
public:
    /** Queue a response (status, body, headers). */
    FakeTransport& respond(int status, std::string body = {}, http::Headers headers = {});
    /** Queue a transport failure (TransportError with @p curlCode). */
    FakeTransport& fail(int curlCode = 56);
    /** Answer with @p handler for every request once the queue is empty. */
    void fallback(std::function<http::RawResponse(const http::Request&)> handler);

    http::RawResponse send(const http::Request& request, const Context& context) override;

    std::vector<http::Request> requests() const;
    std::size_t count() const;

private:
    struct Step {
        bool failure = false;
        int curlCode = 0;
        http::RawResponse response;
    };
    mutable std::mutex mutex_;
    std::deque<Step> steps_;
    std::vector<http::Request> requests_;
    std::function<http::RawResponse(const http::Request&)> fallback_;
};

} // namespace kvb::test
