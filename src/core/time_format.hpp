// SPDX-License-Identifier: MIT
#pragma once

// RFC 1123 (HTTP dates, ocp-date, Retry-After) and ISO 8601 (Batch times) in UTC.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kvb::detail {

using TimePoint = std::chrono::system_clock::time_point;

/**
 * Unix seconds as a time point, saturated to the representable range (about years 1678-2262 with
 * nanosecond ticks): services write "never" as 9999-12-31 or a huge expires_in, and converting
 * such a value unchecked overflows a signed integer.
 */
TimePoint fromUnixSeconds(std::int64_t seconds) noexcept;
/** @p t + @p seconds, saturated like fromUnixSeconds(). */
TimePoint addSeconds(TimePoint t, std::int64_t seconds) noexcept;
/** A JSON/string double as whole seconds; nullopt when it is not finite or outside int64. */
std::optional<std::int64_t> wholeSeconds(double value) noexcept;

/** "Sun, 06 Nov 1994 08:49:37 GMT" */
std::string formatRfc1123(TimePoint t);
std::optional<TimePoint> parseRfc1123(std::string_view text);

/** "2024-07-01T12:34:56.789Z" (milliseconds kept when non-zero). */
std::string formatIso8601(TimePoint t);
/** Accepts "Z" or "+hh:mm" offsets and any number of fraction digits. */
std::optional<TimePoint> parseIso8601(std::string_view text);

} // namespace kvb::detail
