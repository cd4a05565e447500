// SPDX-License-Identifier: MIT
#include <kvbridge/pki/thumbprint.hpp>

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"

namespace kvb::pki {
namespace {
constexpr std::size_t kSha1Size = 20;
} // namespace

std::string thumbprintHexToX5t(std::string_view thumbprintHex) {
    if (thumbprintHex.size() != 2 * kSha1Size) {
        throw InvalidArgument("a SHA-1 thumbprint must be 40 hex digits");
    }
    try {
        return detail::base64UrlEncode(detail::hexDecode(thumbprintHex));
    } catch (const ParseError&) {
        throw InvalidArgument("a SHA-1 thumbprint must be 40 hex digits");
    }
}

std::string x5tToThumbprintHex(std::string_view x5t) {
    std::vector<std::uint8_t> digest;
    try {
        digest = detail::base64UrlDecode(x5t);
    } catch (const ParseError&) {
        throw InvalidArgument("an x5t must be base64url");
    }
    if (digest.size() != kSha1Size) {
        throw InvalidArgument("an x5t must encode a 20-byte SHA-1");
    }
    return detail::hexEncode(digest, detail::HexCase::Upper);
}

std::string normalizeThumbprintHex(std::string_view thumbprintHex) {
    std::string digits;
    digits.reserve(thumbprintHex.size());
    for (const char c : thumbprintHex) {
        if (c != ' ' && c != ':') {
            digits.push_back(c);
        }
    }
    return x5tToThumbprintHex(thumbprintHexToX5t(digits));
}

} // namespace kvb::pki
