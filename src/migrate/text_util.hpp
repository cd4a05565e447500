// SPDX-License-Identifier: MIT
#pragma once

// Small text helpers shared by the migration sources.

#include <kvbridge/secret_string.hpp>

#include <string>
#include <string_view>

namespace kvb::detail {

std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
std::string trim(std::string_view text);
/** True for exactly 40 hex digits. */
bool isThumbprintHex(std::string_view text);
/** The bytes as text (PEM held in a SecretBytes). */
inline std::string_view asText(const SecretBytes& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
/** The current time as ISO 8601 UTC with milliseconds. */
std::string nowIso8601();

} // namespace kvb::detail
