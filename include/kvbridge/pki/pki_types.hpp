// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pki_types.hpp
 * @brief Small enumerations shared by the kvb::pki classes.
 */

#include <kvbridge/export.hpp>

namespace kvb::pki {

/**
 * @brief Algorithms used when writing a PKCS#12 (PFX) file.
 *
 * Some services accept only one family: Key Vault and modern OpenSSL prefer AES, while older
 * Windows components only read the legacy form.
 */
enum class PfxEncryption {
    /** PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) for keys and certificates; SHA-256 MAC. */
    Aes256Sha256,
    /** PKCS#12 PBE with SHA-1 and 3DES for keys and certificates; SHA-1 MAC. */
    Legacy3DesSha1,
};

/** @brief The family of a private or public key. */
enum class KeyType {
    Rsa,   ///< RSA (PKCS#1).
    Ec,    ///< Elliptic curve (NIST P-256, P-384, P-521...).
    Other, ///< Anything else OpenSSL can read (Ed25519, DSA...).
};

/** @brief Container of a file or byte string holding certificates and maybe a key. */
enum class ContainerFormat {
    Pfx, ///< PKCS#12 (.pfx, .p12), binary.
    Pem, ///< PEM text: certificates and/or a private key.
    Der, ///< One DER-encoded X.509 certificate (.cer, .der).
};

} // namespace kvb::pki
