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
    std::string id{};                         ///< https://{vault}/secrets/{name}[/{version}]
    std::string vaultUrl{};                   ///< Parsed from id.
    std::string name{};                       ///< Parsed from id.
    std::string version{};                    ///< Parsed from id; empty in list items of the latest versions.
    std::optional<std::string> contentType{}; ///< What the value holds, as its writer said (free text).
    std::optional<bool> enabled{};            ///< A disabled secret cannot be read.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< "nbf"; unset: valid at once.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< "exp"; unset: never expires.
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).
    std::optional<std::int64_t> recoverableDays{}; ///< Soft-delete retention, days; read-only
    std::optional<std::string> recoveryLevel{};    ///< e.g. "Recoverable+Purgeable"; read-only
    std::map<std::string, std::string> tags{};     ///< The caller's name/value labels.
    std::optional<std::string> keyId{};            ///< Set when the secret backs a certificate.
    bool managed = false;                          ///< Lifetime managed by Key Vault (certificates).
    std::optional<std::string> previousVersion{};  ///< Of a certificate-backed secret.
};

/** @brief A secret with its value. */
struct KeyVaultSecret {
    SecretProperties properties{}; ///< Id, attributes and tags.
    SecretString value{};          ///< Wiped on destruction.
};

/** @brief A soft-deleted secret. The value is empty in list items. */
struct DeletedSecret {
    SecretProperties properties{};           ///< As the secret had them when it was deleted.
    SecretString value{};                    ///< Its value, when the answer carried one.
    std::optional<std::string> recoveryId{}; ///< https://{vault}/deletedsecrets/{name}
    std::optional<std::chrono::system_clock::time_point> deletedOn{};          ///< When it was deleted.
    std::optional<std::chrono::system_clock::time_point> scheduledPurgeDate{}; ///< When the vault purges it.
};

/** @brief Optional parts of setSecret. */
struct SetSecretOptions {
    std::optional<std::string> contentType{};  ///< Free text describing the value (e.g. "text/plain").
    std::map<std::string, std::string> tags{}; ///< Name/value labels of the new version.
    std::optional<bool> enabled{};             ///< Unset: the service's default (enabled).
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< Not readable before this.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< Not readable after this.
};

/** @brief Optional parts of getSecret. */
struct GetSecretOptions {
    /**
     * @brief Convert a certificate-backed secret: "application/x-pem-file" turns a PFX into PEM.
     * Api-version 2026-04-01 only (InvalidArgument on older versions).
     */
    std::optional<std::string> outContentType{};
};

/** @brief What updateSecretProperties changes; unset fields are left as they are. */
struct UpdateSecretPropertiesOptions {
    std::optional<std::string> contentType{};                         ///< New content type.
    std::optional<std::map<std::string, std::string>> tags{};         ///< Replaces all tags when set.
    std::optional<bool> enabled{};                                    ///< Enable or disable the version.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< New start of validity.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< New expiry.
};

} // namespace kvb::keyvault
