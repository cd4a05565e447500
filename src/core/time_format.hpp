// SPDX-License-Identifier: MIT
#pragma once

// RFC 1123 (HTTP dates, ocp-date, Retry-After) and ISO 8601 (Batch times) in UTC.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kvb::detail {

using TimePoint = std::chrono::system_clock::time_point;

/** "Sun, 06 Nov 1994 08:49:37 GMT" */
std::string formatRfc1123(TimePoint t);
std::optional<TimePoint> parseRfc1123(std::string_view text);

/** "2024-07-01T12:34:56.789Z" (milliseconds kept when non-zero). */
std::string formatIso8601(TimePoint t);
/** Accepts "Z" or "+hh:mm" offsets and any number of fraction digits. */
std::optional<TimePoint> parseIso8601(std::string_view text);

} // namespace kvb::detail
