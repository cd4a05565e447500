// SPDX-License-Identifier: MIT
#pragma once

// Base64, base64url and digests over OpenSSL, for the credentials. Kept local to identity until a
// shared src/core/encoding.hpp lands (the pki branch plans one); then these forward to it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::identity::detail {

using Bytes = std::vector<std::uint8_t>;

std::span<const std::uint8_t> asBytes(std::string_view text) noexcept;

/** Standard base64 with padding. */
std::string base64Encode(std::span<const std::uint8_t> data);
/** Strict standard base64 (padding required, no whitespace); nullopt when malformed. */
std::optional<Bytes> base64Decode(std::string_view text);
/** base64url without padding (JWT). */
std::string base64UrlEncode(std::span<const std::uint8_t> data);

Bytes sha1(std::span<const std::uint8_t> data);
Bytes sha256(std::span<const std::uint8_t> data);
Bytes hmacSha256(std::span<const std::uint8_t> key, std::string_view message);

} // namespace kvb::identity::detail
