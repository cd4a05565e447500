// SPDX-License-Identifier: MIT
#include "fake_transport.hpp"

#include <kvbridge/error.hpp>

namespace kvb::test {

FakeTransport& FakeTransport::respond(int status, std::string body, http::Headers headers) {
    std::lock_guard lock(mutex_);
    Step step;
    step.response.status = status;
    step.response.body = std::move(body);
    step.response.headers = std::move(headers);
    steps_.push_back(std::move(step));
    return *this;
}

FakeTransport& FakeTransport::fail(int curlCode) {
    std::lock_guard lock(mutex_);
    Step step;
    step.failure = true;
    step.curlCode = curlCode;
    steps_.push_back(std::move(step));
    return *this;
}

void FakeTransport::fallback(std::function<http::RawResponse(const http::Request&)> handler) {
    std::lock_guard lock(mutex_);
    fallback_ = std::move(handler);
}

http::RawResponse FakeTransport::send(const http::Request& request, const Context& context) {
    context.throwIfCancelled();
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    if (steps_.empty()) {
        if (fallback_) return fallback_(request);
        throw http::TransportError("fake transport: no response queued", 7);
    }
    Step step = std::move(steps_.front());
    steps_.pop_front();
    if (step.failure) throw http::TransportError("fake transport failure", step.curlCode);
    return step.response;
}

std::vector<http::Request> FakeTransport::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::size_t FakeTransport::count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
}

} // namespace kvb::test
