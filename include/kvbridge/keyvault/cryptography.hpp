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
    static constexpr const char* Rsa15 = "RSA1_5";
    static constexpr const char* RsaOaep = "RSA-OAEP";
    static constexpr const char* RsaOaep256 = "RSA-OAEP-256";
    static constexpr const char* A128Gcm = "A128GCM";
    static constexpr const char* A192Gcm = "A192GCM";
    static constexpr const char* A256Gcm = "A256GCM";
    static constexpr const char* A128Cbc = "A128CBC";
    static constexpr const char* A192Cbc = "A192CBC";
    static constexpr const char* A256Cbc = "A256CBC";
    static constexpr const char* A128CbcPad = "A128CBCPAD";
    static constexpr const char* A192CbcPad = "A192CBCPAD";
    static constexpr const char* A256CbcPad = "A256CBCPAD";
};

/** @brief Key wrap algorithms ("alg" of wrapKey/unwrapKey). */
struct KeyWrapAlgorithm {
    static constexpr const char* Rsa15 = "RSA1_5";
    static constexpr const char* RsaOaep = "RSA-OAEP";
    static constexpr const char* RsaOaep256 = "RSA-OAEP-256";
    static constexpr const char* A128Kw = "A128KW";
    static constexpr const char* A192Kw = "A192KW";
    static constexpr const char* A256Kw = "A256KW";
};

/** @brief Signature algorithms ("alg" of sign/verify). */
struct SignatureAlgorithm {
    static constexpr const char* Rs256 = "RS256";
    static constexpr const char* Rs384 = "RS384";
    static constexpr const char* Rs512 = "RS512";
    static constexpr const char* Ps256 = "PS256";
    static constexpr const char* Ps384 = "PS384";
    static constexpr const char* Ps512 = "PS512";
    static constexpr const char* Es256 = "ES256";
    static constexpr const char* Es384 = "ES384";
    static constexpr const char* Es512 = "ES512";
    static constexpr const char* Es256K = "ES256K";
};

/** @brief Input of encrypt. The spans must outlive the call. */
struct EncryptParameters {
    std::string algorithm; ///< EncryptionAlgorithm
    std::span<const std::uint8_t> plaintext;
    std::vector<std::uint8_t> iv;                          ///< AES-CBC: 16 bytes; AES-GCM: optional.
    std::vector<std::uint8_t> additionalAuthenticatedData; ///< AES-GCM only.
};

/** @brief Input of decrypt. */
struct DecryptParameters {
    std::string algorithm; ///< EncryptionAlgorithm
    std::span<const std::uint8_t> ciphertext;
    std::vector<std::uint8_t> iv;
    std::vector<std::uint8_t> additionalAuthenticatedData;
    std::vector<std::uint8_t> authenticationTag; ///< AES-GCM: required.
};

struct EncryptResult {
    std::string keyId; ///< The key version that encrypted.
    std::string algorithm;
    std::vector<std::uint8_t> ciphertext;
    std::vector<std::uint8_t> iv;
    std::vector<std::uint8_t> authenticationTag;
    std::vector<std::uint8_t> additionalAuthenticatedData;
};

struct DecryptResult {
    std::string keyId;
    std::string algorithm;
    SecretBytes plaintext;
};

struct WrapResult {
    std::string keyId;
    std::string algorithm;
    std::vector<std::uint8_t> encryptedKey;
};

struct UnwrapResult {
    std::string keyId;
    std::string algorithm;
    SecretBytes key;
};

struct SignResult {
    std::string keyId;
    std::string algorithm;
    std::vector<std::uint8_t> signature; ///< ES*: r||s (JWS form), not DER.
};

struct VerifyResult {
    std::string keyId;
    std::string algorithm;
    bool isValid = false;
};

} // namespace kvb::keyvault
