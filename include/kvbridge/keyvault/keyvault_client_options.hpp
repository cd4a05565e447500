// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file keyvault_client_options.hpp
 * @brief Options shared by the Key Vault clients, and Key Vault object ids.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/http/pipeline.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kvb::keyvault {

/** @brief Newest stable Key Vault data-plane version (specs/keyvault/2026-04-01). */
inline constexpr const char* kDefaultApiVersion = "2026-04-01";

/** @brief Options of every Key Vault client (SecretClient, KeyClient, CertificateClient, ...). */
struct KeyVaultClientOptions {
    http::ClientOptions client;                  ///< Transport, retry, logging, policies.
    std::string apiVersion = kDefaultApiVersion; ///< Also "7.5", "7.6", "2025-07-01".
    /**
     * @brief Check that the 401 challenge's resource domain matches the vault host. Disable only
     * for Azure Stack or an emulator that cannot use real names.
     */
    bool verifyChallengeResource = true;
};

/** @brief Options of every Key Vault list call (secrets, keys, certificates, issuers). */
struct KeyVaultListOptions {
    /** @brief Items per page the service should return (1-25); unset: the service default. */
    std::optional<int> maxResults{};
    /**
     * @brief Also list certificates whose creation is still pending (the `includePending` query
     * parameter). Only CertificateClient::listPropertiesOfCertificates() and
     * CertificateClient::listDeletedCertificates() take it; every other list throws
     * InvalidArgument when it is set.
     */
    bool includePending = false;
};

/** @brief A parsed Key Vault object id: https://{vault}/{collection}/{name}[/{version}]. */
struct KVB_EXPORT KeyVaultId {
    std::string vaultUrl;   ///< "https://myvault.vault.azure.net" (with port if any)
    std::string collection; ///< "secrets", "keys", "certificates", "deletedsecrets", ...
    std::string name;       ///< The object's name.
    std::string version;    ///< Empty when the id names no version.

    /**
     * @brief Split an object id into its parts (percent-escapes in the path are decoded).
     * @param[in] id  an id as the service returns it, e.g.
     *                "https://myvault.vault.azure.net/secrets/db/0f1e2d".
     * @return The parts.
     * @throws InvalidArgument when @p id is not such a URL.
     */
    static KeyVaultId parse(std::string_view id);
};

} // namespace kvb::keyvault
