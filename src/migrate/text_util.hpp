// SPDX-License-Identifier: MIT
#pragma once

// Small text helpers shared by the migration sources.

#include <string>
#include <string_view>

namespace kvb::migrate::detail {

std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
std::string trim(std::string_view text);
/** True for exactly 40 hex digits. */
bool isThumbprintHex(std::string_view text);
/** The current time as ISO 8601 UTC with milliseconds. */
std::string nowIso8601();

} // namespace kvb::migrate::detail
