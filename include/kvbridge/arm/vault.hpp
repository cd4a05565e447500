// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file vault.hpp
 * @brief Key Vault vault models of Resource Manager (Microsoft.KeyVault/vaults).
 */

#include <kvbridge/export.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace kvb::arm {

/** @brief A vault's pricing tier (`properties.sku.name`). */
enum class VaultSkuName {
    Standard, ///< software-protected keys
    Premium,  ///< adds HSM-protected keys
    Unknown,  ///< a name this version of kvbridge does not know
};

/**
 * @brief Wire name of a vault's SKU.
 * @param sku  the SKU.
 * @return "standard", "premium", or "unknown" for Unknown, in static storage.
 */
KVB_EXPORT const char* toString(VaultSkuName sku) noexcept;

/** @brief `properties` of a vault as Resource Manager returns it (the parts kvbridge uses). */
struct VaultProperties {
    std::string tenantId;                        ///< The Entra ID tenant that authenticates vault requests.
    VaultSkuName sku = VaultSkuName::Standard;   ///< Standard or Premium.
    std::string skuFamily = "A";                 ///< Always "A" today.
    std::string vaultUri;                        ///< Data-plane URL, "https://{name}.vault.azure.net/".
    std::optional<bool> enableRbacAuthorization; ///< True: data actions are authorized by RBAC roles.
    std::optional<bool> enableSoftDelete;        ///< On for every new vault today.
    std::optional<std::int32_t> softDeleteRetentionInDays; ///< 7-90.
    std::optional<bool> enablePurgeProtection;             ///< Once true, never false again.
    std::optional<bool> enabledForDeployment;              ///< VMs may read certificates stored as secrets.
    std::optional<bool> enabledForDiskEncryption;          ///< Azure Disk Encryption may read secrets.
    std::optional<bool> enabledForTemplateDeployment;      ///< Resource Manager deployments may read secrets.
    std::string publicNetworkAccess;                       ///< "Enabled" or "Disabled"; empty when not said.
    std::string provisioningState;                         ///< "Succeeded", "RegisteringDns".
    std::size_t accessPolicyCount = 0; ///< How many access policies the vault has (ignored under RBAC).
};

/** @brief A vault resource (Vaults_Get, Vaults_CreateOrUpdate). */
struct Vault {
    std::string id;                          ///< Resource id.
    std::string name;                        ///< Vault name.
    std::string type;                        ///< "Microsoft.KeyVault/vaults".
    std::string location;                    ///< Azure region, e.g. "westus".
    std::map<std::string, std::string> tags; ///< Resource tags.
    VaultProperties properties;              ///< The vault's settings and state.
};

/**
 * @brief What KeyVaultManagementClient::startCreateOrUpdateVault() sends. RBAC authorization is on
 * by default here (the service's own default is off): the migration grants roles, not access
 * policies.
 */
struct CreateOrUpdateVaultOptions {
    std::string location{};                                  ///< Azure region, e.g. "westeurope". Required.
    std::string tenantId{};                                  ///< Entra ID tenant (a GUID). Required.
    VaultSkuName sku = VaultSkuName::Standard;               ///< Standard or Premium.
    bool enableRbacAuthorization = true;                     ///< Authorize data actions by role assignments.
    std::optional<std::int32_t> softDeleteRetentionInDays{}; ///< 7-90; unset: the service's 90.
    std::optional<bool> enablePurgeProtection{};             ///< Irreversible once true; unset: not sent.
    std::optional<std::string> publicNetworkAccess{};        ///< "Enabled" or "Disabled"; unset: not sent.
    std::map<std::string, std::string> tags{};               ///< Resource tags.
};

/** @brief Answer of Vaults_CheckNameAvailability. */
struct VaultNameAvailability {
    bool nameAvailable = false; ///< True when a new vault may take the name.
    std::string reason;         ///< "AccountNameInvalid" or "AlreadyExists" when not available.
    std::string message;        ///< The service's explanation when not available.
};

} // namespace kvb::arm
