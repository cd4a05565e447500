// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file cryptography.hpp
 * @brief Algorithms, parameters and results of CryptographyClient.
 */

#include <kvbridge/keyvault/key.hpp>
#include <kvbridge/secret_string.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kvb::keyvault {

/** @brief Encryption algorithms ("alg" of encrypt/decrypt). */
struct EncryptionAlgorithm {
    static constexpr const char* Rsa15 = "RSA1_5";            ///< RSAES-PKCS1-v1_5; kept for old data only.
    static constexpr const char* RsaOaep = "RSA-OAEP";        ///< RSAES-OAEP with SHA-1.
    static constexpr const char* RsaOaep256 = "RSA-OAEP-256"; ///< RSAES-OAEP with SHA-256.
    static constexpr const char* A128Gcm = "A128GCM";         ///< AES-128-GCM.
    static constexpr const char* A192Gcm = "A192GCM";         ///< AES-192-GCM.
    static constexpr const char* A256Gcm = "A256GCM";         ///< AES-256-GCM.
    static constexpr const char* A128Cbc = "A128CBC";         ///< AES-128-CBC, no padding.
    static constexpr const char* A192Cbc = "A192CBC";         ///< AES-192-CBC, no padding.
    static constexpr const char* A256Cbc = "A256CBC";         ///< AES-256-CBC, no padding.
    static constexpr const char* A128CbcPad = "A128CBCPAD";   ///< AES-128-CBC with PKCS#7 padding.
    static constexpr const char* A192CbcPad = "A192CBCPAD";   ///< AES-192-CBC with PKCS#7 padding.
    static constexpr const char* A256CbcPad = "A256CBCPAD";   ///< AES-256-CBC with PKCS#7 padding.
};

/** @brief Key wrap algorithms ("alg" of wrapKey/unwrapKey). */
struct KeyWrapAlgorithm {
    static constexpr const char* Rsa15 = "RSA1_5";            ///< RSAES-PKCS1-v1_5; kept for old data only.
    static constexpr const char* RsaOaep = "RSA-OAEP";        ///< RSAES-OAEP with SHA-1.
    static constexpr const char* RsaOaep256 = "RSA-OAEP-256"; ///< RSAES-OAEP with SHA-256.
    static constexpr const char* A128Kw = "A128KW";           ///< AES-128 key wrap (RFC 3394).
    static constexpr const char* A192Kw = "A192KW";           ///< AES-192 key wrap (RFC 3394).
    static constexpr const char* A256Kw = "A256KW";           ///< AES-256 key wrap (RFC 3394).
};

/** @brief Signature algorithms ("alg" of sign/verify). */
struct SignatureAlgorithm {
    static constexpr const char* Rs256 = "RS256";   ///< RSASSA-PKCS1-v1_5 with SHA-256.
    static constexpr const char* Rs384 = "RS384";   ///< RSASSA-PKCS1-v1_5 with SHA-384.
    static constexpr const char* Rs512 = "RS512";   ///< RSASSA-PKCS1-v1_5 with SHA-512.
    static constexpr const char* Ps256 = "PS256";   ///< RSASSA-PSS with SHA-256.
    static constexpr const char* Ps384 = "PS384";   ///< RSASSA-PSS with SHA-384.
    static constexpr const char* Ps512 = "PS512";   ///< RSASSA-PSS with SHA-512.
    static constexpr const char* Es256 = "ES256";   ///< ECDSA on P-256 with SHA-256.
    static constexpr const char* Es384 = "ES384";   ///< ECDSA on P-384 with SHA-384.
    static constexpr const char* Es512 = "ES512";   ///< ECDSA on P-521 with SHA-512.
    static constexpr const char* Es256K = "ES256K"; ///< ECDSA on secp256k1 with SHA-256.
};

/** @brief Input of encrypt. The spans must outlive the call. */
struct EncryptParameters {
    std::string algorithm{};                                 ///< One of the EncryptionAlgorithm constants.
    std::span<const std::uint8_t> plaintext{};               ///< The data to encrypt.
    std::vector<std::uint8_t> iv{};                          ///< AES-CBC: 16 bytes; AES-GCM: optional.
    std::vector<std::uint8_t> additionalAuthenticatedData{}; ///< AES-GCM only.
};

/** @brief Input of decrypt. The span must outlive the call. */
struct DecryptParameters {
    std::string algorithm{};                                 ///< The EncryptionAlgorithm used to encrypt.
    std::span<const std::uint8_t> ciphertext{};              ///< The data to decrypt.
    std::vector<std::uint8_t> iv{};                          ///< AES: the IV used to encrypt.
    std::vector<std::uint8_t> additionalAuthenticatedData{}; ///< AES-GCM: as given to encrypt.
    std::vector<std::uint8_t> authenticationTag{};           ///< AES-GCM: required.
};

/** @brief Output of encrypt: what decrypt needs back. */
struct EncryptResult {
    std::string keyId{};                                     ///< The key version that encrypted.
    std::string algorithm{};                                 ///< The algorithm used.
    std::vector<std::uint8_t> ciphertext{};                  ///< The encrypted data.
    std::vector<std::uint8_t> iv{};                          ///< AES: the IV that was used.
    std::vector<std::uint8_t> authenticationTag{};           ///< AES-GCM: the tag decrypt must be given.
    std::vector<std::uint8_t> additionalAuthenticatedData{}; ///< AES-GCM: as given.
};

/** @brief Output of decrypt. */
struct DecryptResult {
    std::string keyId{};     ///< The key version that decrypted.
    std::string algorithm{}; ///< The algorithm used.
    SecretBytes plaintext{}; ///< The decrypted data, wiped when dropped.
};

/** @brief Output of wrapKey and secureWrapKey. */
struct WrapResult {
    std::string keyId{};                      ///< The key version that wrapped.
    std::string algorithm{};                  ///< The algorithm used.
    std::vector<std::uint8_t> encryptedKey{}; ///< The wrapped key.
};

/** @brief Output of unwrapKey and secureUnwrapKey. */
struct UnwrapResult {
    std::string keyId{};     ///< The key version that unwrapped.
    std::string algorithm{}; ///< The algorithm used.
    SecretBytes key{};       ///< The unwrapped key, wiped when dropped.
};

/** @brief Output of sign and signData. */
struct SignResult {
    std::string keyId{};                   ///< The key version that signed.
    std::string algorithm{};               ///< The algorithm used.
    std::vector<std::uint8_t> signature{}; ///< ES*: r||s (JWS form), not DER.
};

/** @brief Output of verify and verifyData. */
struct VerifyResult {
    std::string keyId{};     ///< The key version that verified.
    std::string algorithm{}; ///< The algorithm used.
    bool isValid = false;    ///< True when the signature matches the digest.
};

} // namespace kvb::keyvault
