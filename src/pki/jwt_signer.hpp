// SPDX-License-Identifier: MIT
#pragma once

// Signatures for JWT client assertions (identity) and their verification (the emulator).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <kvbridge/pki/certificate.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include "pki/digest.hpp"

namespace kvb::detail {

/** @brief JWS "alg" values we can produce (RFC 7518 section 3.1). */
enum class JwsAlgorithm {
    Rs256, ///< RSASSA-PKCS1-v1_5 with SHA-256 (what Entra ID client assertions use).
    Ps256, ///< RSASSA-PSS with SHA-256, salt length 32.
    Es256, ///< ECDSA P-256 with SHA-256; signature is R||S, 64 bytes.
    Es384, ///< ECDSA P-384 with SHA-384; signature is R||S, 96 bytes.
};

/** @brief The JWS header name ("RS256", ...). */
std::string_view jwsAlgorithmName(JwsAlgorithm algorithm) noexcept;

/**
 * @brief Sign @p data (the "header.payload" bytes) with the bundle's private key.
 * @return the raw signature in JWS form (ECDSA as fixed-width R||S, not DER).
 * @throws kvb::CryptoError when there is no private key or it does not suit @p algorithm.
 */
std::vector<std::uint8_t> signJws(const pki::CertificateBundle& bundle, std::span<const std::uint8_t> data,
                                  JwsAlgorithm algorithm);

/**
 * @brief Check a JWS signature against the certificate's public key.
 * @return false when it does not verify (including a key/algorithm mismatch).
 * @throws kvb::CryptoError only if the certificate itself cannot be read.
 */
bool verifyJws(const pki::Certificate& certificate, std::span<const std::uint8_t> data,
               std::span<const std::uint8_t> signature, JwsAlgorithm algorithm);

} // namespace kvb::detail
