// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file batch_account.hpp
 * @brief A Batch account as Resource Manager returns it (Microsoft.Batch/batchAccounts).
 */

#include <kvbridge/arm/managed_service_identity.hpp>
#include <kvbridge/export.hpp>

#include <map>
#include <optional>
#include <string>

namespace kvb::arm {

/** @brief The vault a Batch account in user-subscription mode keeps its secrets in. */
struct BatchAccountKeyVaultReference {
    std::string id;  ///< The vault's resource id.
    std::string url; ///< The vault's data-plane URL.
};

/** @brief A Batch account (BatchAccount_Get), the parts the certificate migration reads. */
struct BatchAccount {
    std::string id;                          ///< Resource id.
    std::string name;                        ///< Account name.
    std::string type;                        ///< "Microsoft.Batch/batchAccounts".
    std::string location;                    ///< Azure region, e.g. "japaneast".
    std::map<std::string, std::string> tags; ///< Resource tags.
    std::string accountEndpoint;    ///< Data-plane host, "{account}.{region}.batch.azure.com" (no scheme).
    std::string provisioningState;  ///< "Succeeded", "Creating", ...
    std::string poolAllocationMode; ///< "BatchService" or "UserSubscription".
    std::optional<BatchAccountKeyVaultReference> keyVaultReference; ///< Set in user-subscription mode.
    std::optional<ManagedServiceIdentity> identity;                 ///< The account's own identities.
    std::optional<std::string> autoStorageAccountId; ///< The linked storage account's resource id.
    std::string publicNetworkAccess;                 ///< "Enabled", "Disabled", "SecuredByPerimeter".
};

} // namespace kvb::arm
