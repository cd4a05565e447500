// SPDX-License-Identifier: MIT
#include <kvbridge/error.hpp>

#include <utility>

namespace kvb {

namespace {

// The message carries the status, the service's code and message, and the request id: what a
// person needs to act or to open a support case. Never the body or a header value.
std::string describe(const ServiceErrorInfo& info) {
    std::string text = "service answered HTTP " + std::to_string(info.httpStatus);
    if (!info.serviceCode.empty()) text += " " + info.serviceCode;
    if (!info.message.empty()) text += ": " + info.message;
    if (!info.requestId.empty()) text += " (request id " + info.requestId + ")";
    return text;
}

} // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

ServiceError::ServiceError(ServiceErrorInfo info) : Error(describe(info)), info_(std::move(info)) {}

void throwServiceError(ServiceErrorInfo info) {
    if (info.serviceCode == "CertificateRetired") throw CertificateRetiredError(std::move(info));
    switch (info.httpStatus) {
    case 404: throw NotFoundError(std::move(info));
    case 409: throw ConflictError(std::move(info));
    case 429: throw ThrottledError(std::move(info));
    default: throw ServiceError(std::move(info));
    }
}

namespace http {
TransportError::TransportError(const std::string& message, int curlCode)
    : Error(message), curlCode_(curlCode) {}
} // namespace http

} // namespace kvb
