// SPDX-License-Identifier: MIT
#include <kvbridge/http/request.hpp>

#include <kvbridge/secret_string.hpp>

namespace kvb::http {

const char* methodName(Method method) noexcept {
    switch (method) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    }
    return "GET";
}

Request::~Request() {
    if (sensitiveBody) secureWipe(body);
    // Bearer tokens and Shared Key signatures live in this header; wipe them with the request.
    for (auto& [name, value] : headers.entries())
        if (equalsIgnoreCase(name, "Authorization")) secureWipe(const_cast<std::string&>(value));
}

RawResponse::~RawResponse() {
    if (sensitiveBody) secureWipe(body);
}

} // namespace kvb::http
