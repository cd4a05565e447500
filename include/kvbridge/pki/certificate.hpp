// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file certificate.hpp
 * @brief kvb::pki::Certificate: one parsed X.509 certificate (public data only).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/pki/pki_types.hpp>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::pki {

/**
 * @brief An X.509 certificate: its DER bytes and the fields the clients and the migration use.
 *
 * A value type: cheap to move, copyable, immutable, thread-safe for concurrent reads. Holds no
 * private key (see CertificateBundle).
 */
class KVB_EXPORT Certificate {
public:
    using TimePoint = std::chrono::system_clock::time_point; ///< The type of the validity bounds.

    /**
     * @brief Parse one DER-encoded certificate; trailing bytes are rejected.
     * @param[in] der  the certificate's bytes.
     * @return The certificate.
     * @throws kvb::CryptoError when @p der is not exactly one X.509 certificate.
     */
    static Certificate fromDer(std::span<const std::uint8_t> der);

    /**
     * @brief Parse the first "CERTIFICATE" block of PEM text (other blocks are skipped).
     * @param[in] pem  the PEM text.
     * @return The certificate.
     * @throws kvb::CryptoError when there is no readable certificate block.
     */
    static Certificate fromPem(std::string_view pem);

    /** @return The DER encoding, exactly as parsed. */
    const std::vector<std::uint8_t>& der() const noexcept { return der_; }

    /** @return Subject distinguished name, RFC 4514 order and escaping ("CN=leaf,O=Org"). */
    const std::string& subject() const noexcept { return subject_; }
    /** @return Issuer distinguished name, same form as subject(). */
    const std::string& issuer() const noexcept { return issuer_; }
    /** @return Serial number as upper-case hex, without leading zero bytes. */
    const std::string& serialNumberHex() const noexcept { return serialNumberHex_; }
    /** @return Start of validity. */
    TimePoint notBefore() const noexcept { return notBefore_; }
    /** @return End of validity. */
    TimePoint notAfter() const noexcept { return notAfter_; }
    /** @return The family of the certificate's public key. */
    KeyType keyType() const noexcept { return keyType_; }
    /** @return True when subject and issuer are the same name (a root or a self-signed leaf). */
    bool isSelfIssued() const noexcept { return subject_ == issuer_; }

    /** @return SHA-1 of the DER as 40 upper-case hex digits: the Batch thumbprint form. */
    std::string thumbprintHex() const;
    /** @return SHA-1 of the DER as unpadded base64url: the Key Vault / JOSE "x5t" form. */
    std::string x5t() const;
    /** @return SHA-256 of the DER as 64 upper-case hex digits. */
    std::string sha256Thumbprint() const;
    /** @return SHA-256 of the DER as unpadded base64url: the JOSE "x5t#S256" form. */
    std::string x5tS256() const;

    /** @return "-----BEGIN CERTIFICATE-----" text with 64-column lines and a final newline. */
    std::string toPem() const;

    /**
     * @param[in] other  the certificate to compare with.
     * @return True when both have the same DER bytes.
     */
    bool operator==(const Certificate& other) const noexcept { return der_ == other.der_; }

private:
    Certificate() = default;
    friend class CertificateBundle;
    friend struct CertificateBuilder;

    std::vector<std::uint8_t> der_;
    std::string subject_;
    std::string issuer_;
    std::string serialNumberHex_;
    TimePoint notBefore_{};
    TimePoint notAfter_{};
    KeyType keyType_ = KeyType::Other;
};

} // namespace kvb::pki
