// SPDX-License-Identifier: MIT
#pragma once

// Name-based UUIDs (RFC 4122 section 4.3, version 5: SHA-1).

#include <string>
#include <string_view>

namespace kvb::arm {

/**
 * The version 5 UUID of @p name in @p namespaceUuid (8-4-4-4-12 hex digits), lower case.
 * @throws InvalidArgument when @p namespaceUuid is not a UUID.
 */
std::string nameBasedUuid(std::string_view namespaceUuid, std::string_view name);

} // namespace kvb::arm
