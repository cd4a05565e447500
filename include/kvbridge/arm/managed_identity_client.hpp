// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file managed_identity_client.hpp
 * @brief ManagedIdentityClient: user-assigned managed identities through Resource Manager
 * (Microsoft.ManagedIdentity, api-version 2024-11-30).
 */

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/arm/user_assigned_identity.hpp>
#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/response.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace kvb::arm {

/** @brief Default Microsoft.ManagedIdentity api-version. */
inline constexpr const char* kManagedIdentityApiVersion = "2024-11-30";

/**
 * @brief The user-assigned identities of one subscription. Const methods, thread-safe; copies
 * share the pipeline. Names are checked first (identity: 3-128 of letters, digits, '-' and '_',
 * starting with a letter or digit), then failures throw ServiceError subclasses.
 */
class KVB_EXPORT ManagedIdentityClient {
public:
    /**
     * @param[in] subscriptionId  the subscription the identities are in.
     * @param[in] credential      source of Entra ID tokens for ArmClientOptions::scope (shared).
     * @param[in] options         endpoint, scope, api-version, pipeline options.
     * @throws InvalidArgument for a malformed subscription id, a null credential or a bad endpoint.
     */
    ManagedIdentityClient(std::string subscriptionId,
                          std::shared_ptr<const identity::TokenCredential> credential,
                          ArmClientOptions options = {});

    /** @return The subscription this client works in. */
    const std::string& subscriptionId() const noexcept;

    /**
     * @brief UserAssignedIdentities_CreateOrUpdate (PUT): create the identity, or update its
     * tags. Its principalId and clientId stay the same across updates.
     * @param[in] resourceGroupName  the identity's resource group.
     * @param[in] identityName       the identity's name.
     * @param[in] options            location (required) and tags.
     * @param[in] context            cancellation and deadline.
     * @return The identity with its principalId, clientId and tenantId; status 201 when created.
     * @throws InvalidArgument for a bad name or an empty location; ServiceError subclasses.
     */
    Response<UserAssignedManagedIdentity>
    createOrUpdateUserAssignedIdentity(std::string_view resourceGroupName, std::string_view identityName,
                                       const CreateOrUpdateIdentityOptions& options,
                                       const Context& context = {}) const;

    /**
     * @brief UserAssignedIdentities_Get.
     * @param[in] resourceGroupName  the identity's resource group.
     * @param[in] identityName       the identity's name.
     * @param[in] context            cancellation and deadline.
     * @return The identity.
     * @throws InvalidArgument for a bad name; NotFoundError when there is none.
     */
    Response<UserAssignedManagedIdentity> getUserAssignedIdentity(std::string_view resourceGroupName,
                                                                  std::string_view identityName,
                                                                  const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::arm
