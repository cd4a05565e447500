// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file secret.hpp
 * @brief Key Vault secret models and the options of SecretClient calls.
 */

#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace kvb::keyvault {

/** @brief Everything about a secret but its value (list items, update results). */
struct SecretProperties {
    std::string id;       ///< https://{vault}/secrets/{name}[/{version}]
    std::string vaultUrl; ///< Parsed from id.
    std::string name;     ///< Parsed from id.
    std::string version;  ///< Parsed from id; empty in list items of the latest versions.
    std::optional<std::string> contentType;
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore; ///< "nbf"
    std::optional<std::chrono::system_clock::time_point> expiresOn; ///< "exp"
    std::optional<std::chrono::system_clock::time_point> createdOn; ///< read-only
    std::optional<std::chrono::system_clock::time_point> updatedOn; ///< read-only
    std::optional<std::int64_t> recoverableDays;                    ///< read-only
    std::optional<std::string> recoveryLevel; ///< e.g. "Recoverable+Purgeable"; read-only
    std::map<std::string, std::string> tags;
    std::optional<std::string> keyId;           ///< Set when the secret backs a certificate.
    bool managed = false;                       ///< Lifetime managed by Key Vault (certificates).
    std::optional<std::string> previousVersion; ///< Of a certificate-backed secret.
};

/** @brief A secret with its value. */
struct KeyVaultSecret {
    SecretProperties properties;
    SecretString value; ///< Wiped on destruction.
};

/** @brief A soft-deleted secret. The value is empty in list items. */
struct DeletedSecret {
    SecretProperties properties;
    SecretString value;
    std::optional<std::string> recoveryId; ///< https://{vault}/deletedsecrets/{name}
    std::optional<std::chrono::system_clock::time_point> deletedOn;
    std::optional<std::chrono::system_clock::time_point> scheduledPurgeDate;
};

/** @brief Optional parts of setSecret. */
struct SetSecretOptions {
    std::optional<std::string> contentType;
    std::map<std::string, std::string> tags;
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
};

/** @brief Optional parts of getSecret. */
struct GetSecretOptions {
    /**
     * @brief Convert a certificate-backed secret: "application/x-pem-file" turns a PFX into PEM.
     * Api-version 2026-04-01 only (InvalidArgument on older versions).
     */
    std::optional<std::string> outContentType;
};

/** @brief What updateSecretProperties changes; unset fields are left as they are. */
struct UpdateSecretPropertiesOptions {
    std::optional<std::string> contentType;
    std::optional<std::map<std::string, std::string>> tags; ///< Replaces all tags when set.
    std::optional<bool> enabled;
    std::optional<std::chrono::system_clock::time_point> notBefore;
    std::optional<std::chrono::system_clock::time_point> expiresOn;
};

} // namespace kvb::keyvault
