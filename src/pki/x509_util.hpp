// SPDX-License-Identifier: MIT
#pragma once

// Conversions between OpenSSL's X509 and kvb::pki::Certificate.

#include <string_view>
#include <vector>

#include <kvbridge/pki/certificate.hpp>

#include "pki/openssl_util.hpp"

namespace kvb::pki {

/** Builds Certificate values (a friend of Certificate). */
struct CertificateBuilder {
    /** @throws kvb::CryptoError when a field cannot be read. */
    static Certificate fromX509(X509* cert);
};

} // namespace kvb::pki

namespace kvb::detail {

/** @brief A new X509 from a Certificate's DER. */
X509Ptr toX509(const pki::Certificate& cert);

/**
 * @brief Every "CERTIFICATE" / "TRUSTED CERTIFICATE" block of @p pem, in order; other blocks
 * are skipped.
 * @throws kvb::CryptoError when a certificate block is malformed.
 */
std::vector<X509Ptr> readPemCertificates(std::string_view pem);

/** @brief The family of @p key. */
pki::KeyType keyTypeOf(const EVP_PKEY* key) noexcept;

/** @brief Does @p text look like PEM (has a "-----BEGIN " line)? */
bool looksLikePem(std::string_view text) noexcept;

} // namespace kvb::detail
