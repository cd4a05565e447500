// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file batch_management_client.hpp
 * @brief BatchManagementClient: Batch accounts and pools through Resource Manager
 * (Microsoft.Batch, api-version 2024-07-01).
 */

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/arm/batch_account.hpp>
#include <kvbridge/arm/pool_resource.hpp>
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

/** @brief Default Microsoft.Batch api-version. */
inline constexpr const char* kBatchManagementApiVersion = "2024-07-01";

/**
 * @brief The Batch accounts of one subscription and their pools. Const methods, thread-safe;
 * copies share the pipeline. Names are checked first (account: 3-24 letters and
 * digits; pool: 1-64 of letters, digits, '-' and '_'), then failures throw ServiceError
 * subclasses with Resource Manager's code, message and request id.
 */
class KVB_EXPORT BatchManagementClient {
public:
    /**
     * @param[in] subscriptionId  the subscription the accounts are in.
     * @param[in] credential      source of Entra ID tokens for ArmClientOptions::scope (shared).
     * @param[in] options         endpoint, scope, api-version, pipeline options.
     * @throws InvalidArgument for a malformed subscription id, a null credential or a bad endpoint.
     */
    BatchManagementClient(std::string subscriptionId,
                          std::shared_ptr<const identity::TokenCredential> credential,
                          ArmClientOptions options = {});

    /** @return The subscription this client works in. */
    const std::string& subscriptionId() const noexcept;

    /**
     * @brief BatchAccount_Get.
     * @param[in] resourceGroupName  the account's resource group.
     * @param[in] accountName        the account's name.
     * @param[in] context            cancellation and deadline.
     * @return The account: pool allocation mode, Key Vault reference, identity.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<BatchAccount> getBatchAccount(std::string_view resourceGroupName, std::string_view accountName,
                                           const Context& context = {}) const;

    /**
     * @brief Pool_Create (PUT): create a pool, or replace an existing one's settings (Batch
     * refuses changes to some properties of an existing pool; then a ServiceError says which).
     * @param[in] resourceGroupName  the account's resource group.
     * @param[in] accountName        the account.
     * @param[in] poolName           the pool's name (1-64 of letters, digits, '-' and '_').
     * @param[in] pool               the pool; vmSize required, identity with user-assigned ids.
     * @param[in] context            cancellation and deadline.
     * @return The pool as the service stored it (allocationState "Resizing" at first).
     * @throws InvalidArgument for a bad name, an empty vmSize, an identity of type "UserAssigned"
     * without identities, or raw JSON (startTask, settings, rawJson) that is not valid JSON;
     * ServiceError subclasses.
     */
    Response<PoolResource> createOrUpdatePool(std::string_view resourceGroupName,
                                              std::string_view accountName, std::string_view poolName,
                                              const PoolResource& pool, const Context& context = {}) const;

    /**
     * @brief Pool_Get.
     * @param[in] resourceGroupName  the account's resource group.
     * @param[in] accountName        the account.
     * @param[in] poolName           the pool.
     * @param[in] context            cancellation and deadline.
     * @return The pool, with its ETag in etag.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<PoolResource> getPool(std::string_view resourceGroupName, std::string_view accountName,
                                   std::string_view poolName, const Context& context = {}) const;

    /**
     * @brief Pool_Update (PATCH): change what @p update sets, e.g. resize.
     * @param[in] resourceGroupName  the account's resource group.
     * @param[in] accountName        the account.
     * @param[in] poolName           the pool.
     * @param[in] update             what to change.
     * @param[in] context            cancellation and deadline.
     * @return The pool after the change.
     * @throws InvalidArgument for a bad name or an update that sets nothing; ServiceError subclasses.
     */
    Response<PoolResource> updatePool(std::string_view resourceGroupName, std::string_view accountName,
                                      std::string_view poolName, const PoolUpdateParameters& update,
                                      const Context& context = {}) const;

    /**
     * @brief Pool_Delete (long-running: 202 with Location, polled until the pool is gone).
     * @param[in] resourceGroupName  the account's resource group.
     * @param[in] accountName        the account.
     * @param[in] poolName           the pool.
     * @param[in] context            cancellation and deadline of the first request.
     * @return An operation done once the pool is deleted. Resume token: the pool's resource id.
     * @throws InvalidArgument for a bad name; ServiceError subclasses.
     */
    Operation<std::monostate> startDeletePool(std::string_view resourceGroupName,
                                              std::string_view accountName, std::string_view poolName,
                                              const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::arm
