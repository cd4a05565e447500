// SPDX-License-Identifier: MIT
#pragma once

// The certificates a PKCS#12 file shows without its password: many exports keep the certificate
// bags unencrypted (only the MAC and the key bag need the password), so a file that will not
// open can still say which certificate it holds.

#include <cstdint>
#include <span>
#include <vector>

#include <kvbridge/pki/certificate.hpp>

namespace kvb::detail {

/** @brief What a PKCS#12 file shows without its password. */
struct PfxOpenCertificates {
    std::vector<pki::Certificate> chain; ///< leaf first; empty when none is readable without the password
    bool encryptedCertificates = false;  ///< some certificate bags are encrypted with the password
};

/**
 * @brief Read the unencrypted certificate bags of @p pfx. The leaf is the certificate tied to
 * the key bag (localKeyID), else the one that issued none of the others.
 * @throws kvb::CryptoError "not a PKCS#12 file".
 */
PfxOpenCertificates readPfxCertificatesWithoutPassword(std::span<const std::uint8_t> pfx);

} // namespace kvb::detail
