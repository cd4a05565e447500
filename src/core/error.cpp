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

// "2.5 s": tenths of a second are as precise as a wait's length is worth reporting.
std::string seconds(std::chrono::milliseconds d) {
    const long long tenths = (d.count() + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

} // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

ServiceError::ServiceError(ServiceErrorInfo info) : Error(describe(info)), info_(std::move(info)) {}

OperationTimeoutError::OperationTimeoutError(const std::string& operation, std::chrono::milliseconds waited,
                                             int polls)
    : Error(operation + " is not done after " + seconds(waited) + " (" + std::to_string(polls) +
            (polls == 1 ? " poll" : " polls") + "); it goes on at the service: poll it again to wait longer"),
      waited_(waited), polls_(polls) {}

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
