// SPDX-License-Identifier: MIT
#pragma once

// The check behind every "no secret in this output" assertion: not just the whole secret, but
// any run of 16 characters of it (what a cut or partial quote leaves behind).

#include <cstddef>
#include <string>
#include <string_view>

namespace kvb::test {

/** Length of the runs findLeak() looks for: the redaction's promise. */
inline constexpr std::size_t kLeakWindow = 16;

/**
 * Offset in @p text of the first run of kLeakWindow characters that also occurs in @p secret
 * (of the whole secret when it is shorter), or std::string::npos. Linear in both lengths.
 */
std::size_t findLeak(std::string_view text, std::string_view secret);

/** @p text as a JSON string's content (quotes, backslashes, control characters escaped). */
std::string jsonEscaped(std::string_view text);

/** @p text percent-encoded (everything but RFC 3986 unreserved characters). */
std::string urlEncoded(std::string_view text);

} // namespace kvb::test
