// SPDX-License-Identifier: MIT
#pragma once

// Message digests and HMAC used for thumbprints, JWT and Batch shared-key signing.

#include <cstdint>
#include <span>
#include <vector>

#include <kvbridge/secret_string.hpp>

namespace kvb::detail {

/** @brief SHA-1 (20 bytes). Only for thumbprints, never for security decisions. */
std::vector<std::uint8_t> sha1(std::span<const std::uint8_t> data);
/** @brief SHA-256 (32 bytes). */
std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data);
/**
 * @brief HMAC-SHA-256 of @p data under @p key (32 bytes).
 * @throws kvb::CryptoError if OpenSSL fails.
 */
std::vector<std::uint8_t> hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

} // namespace kvb::detail
