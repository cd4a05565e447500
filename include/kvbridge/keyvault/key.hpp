// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file key.hpp
 * @brief Key Vault key models (JSON Web Key, properties, rotation policy) and KeyClient options.
 */

#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kvb::keyvault {

/** @brief JSON Web Key types ("kty"). */
struct KeyType {
    static constexpr const char* Ec = "EC";
    static constexpr const char* EcHsm = "EC-HSM";
    static constexpr const char* Rsa = "RSA";
    static constexpr const char* RsaHsm = "RSA-HSM";
    static constexpr const char* Oct = "oct";
    static constexpr const char* OctHsm = "oct-HSM";
};

/** @brief Elliptic curves ("crv"). */
struct KeyCurveName {
    static constexpr const char* P256 = "P-256";
    static constexpr const char* P384 = "P-384";
    static constexpr const char* P521 = "P-521";
    static constexpr const char* P256K = "P-256K";
};

/** @brief Key operations ("key_ops"). */
struct KeyOperation {
    static constexpr const char* Encrypt = "encrypt";
    static constexpr const char* Decrypt = "decrypt";
    static constexpr const char* Sign = "sign";
    static constexpr const char* Verify = "verify";
    static constexpr const char* WrapKey = "wrapKey";
    static constexpr const char* UnwrapKey = "unwrapKey";
    static constexpr const char* Import = "import";
    static constexpr const char* Export = "export";
};

/**
 * @brief A JSON Web Key (RFC 7517) as Key Vault writes it. Binary fields are raw bytes (base64url
 * on the wire); private parts live in wiped SecretBytes. Empty fields are not sent.
 */
struct JsonWebKey {
    std::string kid; ///< Key id (https://{vault}/keys/{name}/{version}); empty when importing.
    std::string kty; ///< KeyType.
    std::vector<std::string> keyOps;
    std::vector<std::uint8_t> n;     ///< RSA modulus.
    std::vector<std::uint8_t> e;     ///< RSA public exponent.
    SecretBytes d, dp, dq, qi, p, q; ///< RSA private parts.
    SecretBytes k;                   ///< Symmetric key.
    std::vector<std::uint8_t> t;     ///< HSM token for BYOK import ("key_hsm").
    std::optional<std::string> crv;  ///< KeyCurveName.
    std::vector<std::uint8_t> x, y;  ///< EC public point.
};

/** @brief A key's release policy (secure key release). */
struct KeyReleasePolicy {
    std::string contentType = "application/json; charset=utf-8";
    std::optional<bool> immutable;
    std::vector<std::uint8_t> encodedPolicy; ///< "data": the policy document, raw bytes.
};

/** @brief Attestation of an HSM key (api-version 2026-04-01). */
struct KeyAttestation {
    std::vector<std::uint8_t> certificatePemFile;
    std::vector<std::uint8_t> privateKeyAttestation;
    std::vector<std::uint8_t> publicKeyAttestation;
    std::optional<std::string> version;
};

/** @brief Everything about a key but its material. */
struct KeyProperties {
    std::string id; ///< https://{vault}/keys/{name}[/{version}]
    std::string vaultUrl;
    std::string name;
    std::string version;
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
    std::optional<std::chrono::system_clock::time_point> createdOn;
    std::optional<std::chrono::system_clock::time_point> updatedOn;
    std::optional<std::int64_t> recoverableDays;
    std::optional<std::string> recoveryLevel;
    std::optional<bool> exportable;
    std::optional<std::string> hsmPlatform;
    std::optional<std::int64_t> keySize;
    std::optional<KeyAttestation> attestation;
    std::map<std::string, std::string> tags;
    bool managed = false;
    std::optional<KeyReleasePolicy> releasePolicy;
};

/** @brief A key: its JSON Web Key (public parts only, unless released) and properties. */
struct KeyVaultKey {
    JsonWebKey key;
    KeyProperties properties;
};

/** @brief A soft-deleted key; key material is absent in list items. */
struct DeletedKey {
    KeyVaultKey key;
    std::optional<std::string> recoveryId;
    std::optional<std::chrono::system_clock::time_point> deletedOn;
    std::optional<std::chrono::system_clock::time_point> scheduledPurgeDate;
};

/** @brief Options of createKey and its typed variants. Sizes and curves are checked before sending. */
struct CreateKeyOptions {
    std::vector<std::string> keyOps;   ///< Empty: the service default (all for the type).
    std::optional<int> keySize;        ///< RSA: 2048, 3072, 4096; oct: 128, 192, 256.
    std::optional<int> publicExponent; ///< RSA only (e.g. 65537).
    std::optional<std::string> curve;  ///< EC only: KeyCurveName.
    std::optional<bool> exportable;    ///< Needs a release policy.
    std::optional<KeyReleasePolicy> releasePolicy;
    std::map<std::string, std::string> tags;
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
    bool hardwareProtected = false; ///< createRsaKey/createEcKey/createOctKey: use the -HSM type.
};

/** @brief Options of importKey. */
struct ImportKeyOptions {
    std::optional<bool> hardwareProtected; ///< "Hsm"
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
    std::optional<bool> exportable;
    std::map<std::string, std::string> tags;
    std::optional<KeyReleasePolicy> releasePolicy;
};

/** @brief What updateKeyProperties changes; unset fields are left as they are. */
struct UpdateKeyPropertiesOptions {
    std::optional<std::vector<std::string>> keyOps;
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
    std::optional<std::map<std::string, std::string>> tags; ///< Replaces all tags when set.
    std::optional<KeyReleasePolicy> releasePolicy;
};

/** @brief One rule of a rotation policy: when (ISO 8601 duration) to do what. */
struct KeyRotationLifetimeAction {
    std::string action;                         ///< "Rotate" or "Notify".
    std::optional<std::string> timeAfterCreate; ///< e.g. "P90D"
    std::optional<std::string> timeBeforeExpiry;
};

/** @brief A key's rotation policy. */
struct KeyRotationPolicy {
    std::optional<std::string> id; ///< read-only
    std::vector<KeyRotationLifetimeAction> lifetimeActions;
    std::optional<std::string> expiresIn; ///< "expiryTime", ISO 8601 duration of new versions.
    std::optional<std::chrono::system_clock::time_point> createdOn;
    std::optional<std::chrono::system_clock::time_point> updatedOn;
};

/** @brief Options of releaseKey. */
struct ReleaseKeyOptions {
    std::optional<std::string> nonce;
    std::optional<std::string> encryptionAlgorithm; ///< "enc": CKM_RSA_AES_KEY_WRAP, RSA_AES_KEY_WRAP_256/384
};

/** @brief The released key: a JWS signed by the vault, as returned. */
struct ReleaseKeyResult {
    SecretString value;
};

} // namespace kvb::keyvault
