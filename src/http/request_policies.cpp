// SPDX-License-Identifier: MIT
#include "http/policies.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/version.hpp>

#include <openssl/rand.h>
#include <sys/utsname.h>

#include <array>
#include <cstdio>

namespace kvb::http::detail {

std::string newUuid() {
    std::array<unsigned char, 16> b{};
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) throw CryptoError("random generator failed");
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                  b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}

RawResponse RequestIdPolicy::send(Request& request, const NextPolicy& next, const Context& context) const {
    // Set once, before the retry policy: every try of one call carries the same id.
    if (!request.headers.contains("x-ms-client-request-id") && !request.headers.contains("client-request-id"))
        request.headers.set("x-ms-client-request-id", newUuid());
    return next(request, context);
}

UserAgentPolicy::UserAgentPolicy(const std::string& applicationId) {
    utsname u{};
    std::string platform = "unknown";
    if (uname(&u) == 0) platform = std::string(u.sysname) + " " + u.machine;
    userAgent_ = (applicationId.empty() ? "" : applicationId + " ") + "kvbridge/" + versionString() + " (" +
                 platform + ")";
}

RawResponse UserAgentPolicy::send(Request& request, const NextPolicy& next, const Context& context) const {
    request.headers.set("User-Agent", userAgent_);
    return next(request, context);
}

} // namespace kvb::http::detail
