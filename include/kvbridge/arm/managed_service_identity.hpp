// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file managed_service_identity.hpp
 * @brief The `identity` block of Resource Manager resources (Batch accounts and pools).
 */

#include <kvbridge/export.hpp>

#include <map>
#include <string>

namespace kvb::arm {

/** @brief What Resource Manager says of one user-assigned identity attached to a resource. */
struct UserAssignedIdentityDetails {
    std::string principalId; ///< Object id: what role assignments name. Empty in a request.
    std::string clientId;    ///< Application id: what IMDS and the Key Vault VM extension name.
};

/**
 * @brief A resource's managed identities: `{"type": "UserAssigned", "userAssignedIdentities":
 * {"<identity resource id>": {...}}}`.
 */
struct ManagedServiceIdentity {
    /** @brief "None", "SystemAssigned", "UserAssigned" or "SystemAssigned,UserAssigned". */
    std::string type = "None";
    std::string principalId; ///< The system-assigned identity's object id, when there is one.
    std::string tenantId;    ///< The system-assigned identity's tenant, when there is one.
    /** @brief Attached user-assigned identities by resource id (written as `{}` in a request). */
    std::map<std::string, UserAssignedIdentityDetails> userAssignedIdentities;
};

} // namespace kvb::arm
