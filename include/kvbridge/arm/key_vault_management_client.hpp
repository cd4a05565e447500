// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file key_vault_management_client.hpp
 * @brief KeyVaultManagementClient: create, read and delete Key Vault vaults through Resource
 * Manager (Microsoft.KeyVault, api-version 2025-05-01).
 */

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/arm/vault.hpp>
#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/operation.hpp>
#include <kvbridge/response.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace kvb::arm {

/** @brief Default Microsoft.KeyVault api-version (newest stable with everything used here). */
inline constexpr const char* kKeyVaultApiVersion = "2025-05-01";

/**
 * @brief The vaults of one subscription. Const methods, thread-safe; copies share the pipeline.
 *
 * Names are checked before anything is sent (vault: 3-24 of letters, digits and '-'; resource
 * group: 1-90 characters, no '/', '?', '#', not ending in '.'): InvalidArgument. Failures of the
 * service throw ServiceError subclasses with Resource Manager's code, message and request id
 * (see arm_error.hpp).
 */
class KVB_EXPORT KeyVaultManagementClient {
public:
    /**
     * @param[in] subscriptionId  the subscription the vaults are in.
     * @param[in] credential      source of Entra ID tokens for ArmClientOptions::scope (shared).
     * @param[in] options         endpoint, scope, api-version, pipeline options.
     * @throws InvalidArgument for an empty or malformed subscription id, a null credential, or an
     * endpoint that is not https://host[:port].
     */
    KeyVaultManagementClient(std::string subscriptionId,
                             std::shared_ptr<const identity::TokenCredential> credential,
                             ArmClientOptions options = {});

    /** @return The subscription this client works in. */
    const std::string& subscriptionId() const noexcept;

    /**
     * @brief Vaults_CreateOrUpdate (PUT; long-running): create a vault, or replace the settings of
     * an existing one. Every access policy of an existing vault is replaced by none, which only
     * matters to vaults without RBAC authorization.
     * @param[in] resourceGroupName  the vault's resource group.
     * @param[in] vaultName          the vault's name (3-24 of letters, digits and '-').
     * @param[in] options            location, tenant, SKU, RBAC (on by default), retention, tags.
     * @param[in] context            cancellation and deadline of the first request.
     * @return An operation done once the vault is provisioned; its value is the vault. Resume
     * token: the vault's resource id.
     * @throws InvalidArgument for a bad name, an empty location or tenant id, or a retention
     * outside 7-90 days; ServiceError subclasses when the service refuses;
     * ArmOperationFailedError (from the operation's polls) when provisioning fails.
     */
    Operation<Vault> startCreateOrUpdateVault(std::string_view resourceGroupName, std::string_view vaultName,
                                              const CreateOrUpdateVaultOptions& options,
                                              const Context& context = {}) const;

    /**
     * @brief Vaults_Get.
     * @param[in] resourceGroupName  the vault's resource group.
     * @param[in] vaultName          the vault's name.
     * @param[in] context            cancellation and deadline.
     * @return The vault.
     * @throws InvalidArgument for a bad name; NotFoundError when there is no such vault.
     */
    Response<Vault> getVault(std::string_view resourceGroupName, std::string_view vaultName,
                             const Context& context = {}) const;

    /**
     * @brief Vaults_Delete: the vault goes to the soft-deleted state (purge is a separate call).
     * @param[in] resourceGroupName  the vault's resource group.
     * @param[in] vaultName          the vault's name.
     * @param[in] context            cancellation and deadline.
     * @return status 200 (deleted) or 204 (there was no such vault).
     * @throws InvalidArgument for a bad name; ServiceError subclasses.
     */
    Response<std::monostate> deleteVault(std::string_view resourceGroupName, std::string_view vaultName,
                                         const Context& context = {}) const;

    /**
     * @brief Vaults_CheckNameAvailability: whether @p vaultName can be used for a new vault (vault
     * names are global, and a soft-deleted vault keeps its name).
     * @param[in] vaultName  the name to check; not validated here, the service says what is wrong.
     * @param[in] context    cancellation and deadline.
     * @return Availability, with the reason and message when not available.
     * @throws InvalidArgument for an empty name; ServiceError subclasses.
     */
    Response<VaultNameAvailability> checkVaultNameAvailability(std::string_view vaultName,
                                                               const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::arm
