// SPDX-License-Identifier: MIT
#pragma once

// Text encodings of binary data shared by every area: base64 (Batch and Key Vault bodies),
// base64url (JWT, x5t, Key Vault JWK fields) and hex (thumbprints).
//
// Decoders are strict and throw kvb::ParseError on any malformed input. Their messages give a
// position, never the input, because the input may be a secret.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::detail {

/** @brief Standard base64 (RFC 4648 section 4) with '=' padding, no line breaks. */
std::string base64Encode(std::span<const std::uint8_t> data);
std::string base64Encode(std::string_view data);

/**
 * @brief Decode standard base64. Padding is required; whitespace, the url alphabet and
 * non-zero unused trailing bits are rejected.
 * @throws kvb::ParseError on malformed input.
 */
std::vector<std::uint8_t> base64Decode(std::string_view text);

/** @brief base64url (RFC 4648 section 5) without padding, as JWT and x5t use it. */
std::string base64UrlEncode(std::span<const std::uint8_t> data);
std::string base64UrlEncode(std::string_view data);

/**
 * @brief Decode base64url; trailing '=' padding is accepted but not required.
 * @throws kvb::ParseError on malformed input (including '+' or '/').
 */
std::vector<std::uint8_t> base64UrlDecode(std::string_view text);

enum class HexCase { Lower, Upper };

/** @brief Two hex digits per byte, no separators. */
std::string hexEncode(std::span<const std::uint8_t> data, HexCase letterCase = HexCase::Lower);

/**
 * @brief Decode hex digits of either case; no separators, even length.
 * @throws kvb::ParseError on an odd length or a non-hex character.
 */
std::vector<std::uint8_t> hexDecode(std::string_view text);

/** @brief The value 0-15 of one hex digit of either case, or -1 when @p c is not one. */
int hexDigitValue(char c) noexcept;

/** @brief View the bytes of a string (no copy). */
inline std::span<const std::uint8_t> asBytes(std::string_view text) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/** @brief View bytes as characters (no copy). */
inline std::string_view asChars(std::span<const std::uint8_t> bytes) noexcept {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

} // namespace kvb::detail
