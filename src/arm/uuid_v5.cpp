// SPDX-License-Identifier: MIT
#include "arm/uuid_v5.hpp"

#include <cstdint>
#include <vector>

#include "arm/arm_connection.hpp"
#include "core/encoding.hpp"
#include "pki/digest.hpp"

namespace kvb::arm {

std::string nameBasedUuid(std::string_view namespaceUuid, std::string_view name) {
    validateGuid(namespaceUuid, "namespace UUID");
    std::string hex;
    for (const char c : namespaceUuid)
        if (c != '-') hex += c;
    std::vector<std::uint8_t> input = kvb::detail::hexDecode(hex);
    input.insert(input.end(), name.begin(), name.end());
    auto bytes = kvb::detail::sha1(input);
    bytes.resize(16);
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x50); // version 5
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    const std::string digits = kvb::detail::hexEncode(bytes);
    return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" +
           digits.substr(16, 4) + "-" + digits.substr(20);
}

} // namespace kvb::arm
