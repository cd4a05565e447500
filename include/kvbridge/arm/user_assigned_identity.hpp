// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file user_assigned_identity.hpp
 * @brief User-assigned managed identities (Microsoft.ManagedIdentity/userAssignedIdentities).
 */

#include <kvbridge/export.hpp>

#include <map>
#include <string>

namespace kvb::arm {

/** @brief A user-assigned managed identity resource. */
struct UserAssignedManagedIdentity {
    std::string id;       ///< Resource id: what a pool's identity.userAssignedIdentities names.
    std::string name;     ///< Identity name.
    std::string type;     ///< "Microsoft.ManagedIdentity/userAssignedIdentities".
    std::string location; ///< Azure region.
    std::map<std::string, std::string> tags; ///< Resource tags.
    std::string tenantId;                    ///< The identity's tenant.
    std::string principalId; ///< Object id of its service principal: what role assignments take.
    std::string clientId;    ///< Application id: what IMDS and the Key Vault VM extension take.
};

/** @brief What ManagedIdentityClient::createOrUpdateUserAssignedIdentity() sends. */
struct CreateOrUpdateIdentityOptions {
    std::string location{};                    ///< Azure region. Required.
    std::map<std::string, std::string> tags{}; ///< Resource tags.
};

} // namespace kvb::arm
