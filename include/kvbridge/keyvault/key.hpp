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
    static constexpr const char* Ec = "EC";          ///< Elliptic curve, software-protected.
    static constexpr const char* EcHsm = "EC-HSM";   ///< Elliptic curve in an HSM.
    static constexpr const char* Rsa = "RSA";        ///< RSA, software-protected.
    static constexpr const char* RsaHsm = "RSA-HSM"; ///< RSA in an HSM.
    static constexpr const char* Oct = "oct";        ///< Symmetric (AES) key.
    static constexpr const char* OctHsm = "oct-HSM"; ///< Symmetric (AES) key in an HSM.
};

/** @brief Elliptic curves ("crv"). */
struct KeyCurveName {
    static constexpr const char* P256 = "P-256";   ///< NIST P-256 (secp256r1), for ES256.
    static constexpr const char* P384 = "P-384";   ///< NIST P-384, for ES384.
    static constexpr const char* P521 = "P-521";   ///< NIST P-521, for ES512.
    static constexpr const char* P256K = "P-256K"; ///< SECG secp256k1, for ES256K.
};

/** @brief Key operations ("key_ops"). */
struct KeyOperation {
    static constexpr const char* Encrypt = "encrypt";     ///< CryptographyClient::encrypt.
    static constexpr const char* Decrypt = "decrypt";     ///< CryptographyClient::decrypt.
    static constexpr const char* Sign = "sign";           ///< CryptographyClient::sign.
    static constexpr const char* Verify = "verify";       ///< CryptographyClient::verify.
    static constexpr const char* WrapKey = "wrapKey";     ///< CryptographyClient::wrapKey.
    static constexpr const char* UnwrapKey = "unwrapKey"; ///< CryptographyClient::unwrapKey.
    static constexpr const char* Import = "import";       ///< Importing key material into it.
    static constexpr const char* Export = "export";       ///< Releasing it (KeyClient::releaseKey).
};

/**
 * @brief A JSON Web Key (RFC 7517) as Key Vault writes it. Binary fields are raw bytes (base64url
 * on the wire); private parts live in wiped SecretBytes. Empty fields are not sent.
 */
struct JsonWebKey {
    std::string kid{}; ///< Key id (https://{vault}/keys/{name}/{version}); empty when importing.
    std::string kty{}; ///< Key type, one of the KeyType constants.
    std::vector<std::string> keyOps{}; ///< Allowed KeyOperation values; empty: not restricted.
    std::vector<std::uint8_t> n{};     ///< RSA modulus.
    std::vector<std::uint8_t> e{};     ///< RSA public exponent.
    SecretBytes d{};                   ///< RSA private exponent.
    SecretBytes dp{};                  ///< RSA private key parameter d mod (p-1).
    SecretBytes dq{};                  ///< RSA private key parameter d mod (q-1).
    SecretBytes qi{};                  ///< RSA private key parameter q^-1 mod p.
    SecretBytes p{};                   ///< RSA secret prime p.
    SecretBytes q{};                   ///< RSA secret prime q.
    SecretBytes k{};                   ///< Symmetric key.
    std::vector<std::uint8_t> t{};     ///< HSM token for BYOK import ("key_hsm").
    std::optional<std::string> crv{};  ///< EC curve, one of the KeyCurveName constants.
    std::vector<std::uint8_t> x{};     ///< EC public point, x coordinate.
    std::vector<std::uint8_t> y{};     ///< EC public point, y coordinate.
};

/** @brief A key's release policy (secure key release). */
struct KeyReleasePolicy {
    std::string contentType = "application/json; charset=utf-8"; ///< Media type of the policy document.
    std::optional<bool> immutable{};           ///< True: the policy can never be changed again.
    std::vector<std::uint8_t> encodedPolicy{}; ///< "data": the policy document, raw bytes.
};

/** @brief Attestation of an HSM key (api-version 2026-04-01). */
struct KeyAttestation {
    std::vector<std::uint8_t> certificatePemFile{};    ///< The HSM's certificates, PEM, as bytes.
    std::vector<std::uint8_t> privateKeyAttestation{}; ///< The HSM's statement about the private key.
    std::vector<std::uint8_t> publicKeyAttestation{};  ///< The HSM's statement about the public key.
    std::optional<std::string> version{};              ///< Version of the attestation format.
};

/** @brief Everything about a key but its material. */
struct KeyProperties {
    std::string id{};              ///< https://{vault}/keys/{name}[/{version}]
    std::string vaultUrl{};        ///< Parsed from id.
    std::string name{};            ///< Parsed from id.
    std::string version{};         ///< Parsed from id; empty when the id names no version.
    std::optional<bool> enabled{}; ///< A disabled key cannot be used.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< "nbf": not usable before.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< "exp": not usable after.
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).
    std::optional<std::int64_t> recoverableDays{}; ///< read-only; soft-delete retention in days
    std::optional<std::string> recoveryLevel{};    ///< read-only, e.g. "Recoverable+Purgeable"
    std::optional<bool> exportable{};              ///< Whether the private key may be released.
    std::optional<std::string> hsmPlatform{};      ///< read-only: the HSM platform holding the key.
    std::optional<std::int64_t> keySize{};         ///< Size in bits of a symmetric key (128, 192, 256).
    std::optional<KeyAttestation> attestation{};   ///< Set by KeyClient::getKeyAttestation only.
    std::map<std::string, std::string> tags{};     ///< The caller's name/value labels.
    bool managed = false; ///< True when Key Vault manages its lifetime (the key of a certificate).
    std::optional<KeyReleasePolicy> releasePolicy{}; ///< Who may have it released.
};

/** @brief A key: its JSON Web Key (public parts only, unless released) and properties. */
struct KeyVaultKey {
    JsonWebKey key{};           ///< The key material the service shows (public parts).
    KeyProperties properties{}; ///< Id, attributes and tags.
};

/** @brief A soft-deleted key; key material is absent in list items. */
struct DeletedKey {
    KeyVaultKey key{};                                                ///< The key as it was when deleted.
    std::optional<std::string> recoveryId{};                          ///< https://{vault}/deletedkeys/{name}
    std::optional<std::chrono::system_clock::time_point> deletedOn{}; ///< When it was deleted.
    std::optional<std::chrono::system_clock::time_point> scheduledPurgeDate{}; ///< When the vault purges it.
};

/** @brief Options of createKey and its typed variants. Sizes and curves are checked before sending. */
struct CreateKeyOptions {
    std::vector<std::string> keyOps{};               ///< Empty: the service default (all for the type).
    std::optional<int> keySize{};                    ///< RSA: 2048, 3072, 4096; oct: 128, 192, 256.
    std::optional<int> publicExponent{};             ///< RSA only (e.g. 65537).
    std::optional<std::string> curve{};              ///< EC only: KeyCurveName.
    std::optional<bool> exportable{};                ///< Needs a release policy.
    std::optional<KeyReleasePolicy> releasePolicy{}; ///< Who may have the key released.
    std::map<std::string, std::string> tags{};       ///< Name/value labels of the new version.
    std::optional<bool> enabled{};                   ///< Unset: the service's default (enabled).
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< Not usable before this.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< Not usable after this.
    bool hardwareProtected = false; ///< createRsaKey/createEcKey/createOctKey: use the -HSM type.
};

/** @brief Options of importKey. */
struct ImportKeyOptions {
    std::optional<bool> hardwareProtected{}; ///< "Hsm": keep the imported key in an HSM.
    std::optional<bool> enabled{};           ///< Unset: the service's default (enabled).
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< Not usable before this.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< Not usable after this.
    std::optional<bool> exportable{};                ///< Whether the key may be released later.
    std::map<std::string, std::string> tags{};       ///< Name/value labels of the new version.
    std::optional<KeyReleasePolicy> releasePolicy{}; ///< Who may have the key released.
};

/** @brief What updateKeyProperties changes; unset fields are left as they are. */
struct UpdateKeyPropertiesOptions {
    std::optional<std::vector<std::string>> keyOps{}; ///< Replaces the allowed operations when set.
    std::optional<bool> enabled{};                    ///< Enable or disable the version.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< New start of validity.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< New expiry.
    std::optional<std::map<std::string, std::string>> tags{};         ///< Replaces all tags when set.
    std::optional<KeyReleasePolicy> releasePolicy{}; ///< Replaces the release policy when set.
};

/** @brief One rule of a rotation policy: when (ISO 8601 duration) to do what. */
struct KeyRotationLifetimeAction {
    std::string action{};                          ///< "Rotate" or "Notify".
    std::optional<std::string> timeAfterCreate{};  ///< e.g. "P90D": that long after a version is made.
    std::optional<std::string> timeBeforeExpiry{}; ///< e.g. "P30D": that long before expiry.
};

/** @brief A key's rotation policy. */
struct KeyRotationPolicy {
    std::optional<std::string> id{};                          ///< The policy's URL; set by the service.
    std::vector<KeyRotationLifetimeAction> lifetimeActions{}; ///< What to do, and when.
    std::optional<std::string> expiresIn{}; ///< "expiryTime", ISO 8601 duration of new versions.
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).
};

/** @brief Options of releaseKey. */
struct ReleaseKeyOptions {
    std::optional<std::string>
        nonce{}; ///< A nonce of the caller's, so that an old answer cannot be replayed.
    std::optional<std::string>
        encryptionAlgorithm{}; ///< "enc": CKM_RSA_AES_KEY_WRAP, RSA_AES_KEY_WRAP_256/384
};

/** @brief The released key: a JWS signed by the vault, as returned. */
struct ReleaseKeyResult {
    SecretString value{}; ///< The signed object (a JWS) that holds the released key.
};

} // namespace kvb::keyvault
