// SPDX-License-Identifier: MIT
#pragma once

// Key material on the way into Key Vault (import) and out of it (download), over kvb::pki.

#include <kvbridge/keyvault/certificate.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::keyvault {

/** What an import sends: the value field, its content type and the password (if any). */
struct PreparedImport {
    SecretString value;      ///< base64 PFX, or PEM text with a PKCS#8 key
    std::string contentType; ///< kPkcs12ContentType or kPemContentType
    SecretString password;   ///< PFX password; always empty for PEM (the key is sent decrypted)
};

/**
 * Decide the content type from the bytes; convert a PEM key that is not plain PKCS#8 (PKCS#1,
 * SEC1, encrypted) to PKCS#8; re-encode a PFX when @p options.reencode asks.
 * @throws InvalidArgument (empty value, a bare certificate), CryptoError (unreadable material).
 */
PreparedImport prepareImport(const ImportCertificateOptions& options);

/**
 * Read a downloaded secret value as PFX or PEM, require a private key that matches its
 * certificate, and require that certificate to be @p expectedCer. @return its x5t.
 * @throws CryptoError on any mismatch or unreadable content.
 */
std::string verifyDownload(std::span<const std::uint8_t> content, std::string_view contentType,
                           const std::vector<std::uint8_t>& expectedCer);

} // namespace kvb::keyvault
