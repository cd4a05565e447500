// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file role_assignment.hpp
 * @brief Role assignments (Microsoft.Authorization/roleAssignments) and the deterministic names
 * that make granting a role idempotent.
 */

#include <kvbridge/arm/resource_id.hpp>
#include <kvbridge/export.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kvb::arm {

/** @brief A role assignment: a principal holds a role at a scope. */
struct RoleAssignment {
    std::string id;               ///< "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}".
    std::string name;             ///< A GUID.
    std::string type;             ///< "Microsoft.Authorization/roleAssignments".
    std::string scope;            ///< The scope the role is held at.
    std::string roleDefinitionId; ///< The role definition's resource id.
    std::string principalId;      ///< Object id of the user, group or service principal.
    std::string principalType;    ///< "User", "Group", "ServicePrincipal", "ForeignGroup".
    std::string description;      ///< Free text, when set.
    std::optional<std::chrono::system_clock::time_point>
        createdOn; ///< When it was made, when the service says.
    std::optional<std::chrono::system_clock::time_point>
        updatedOn; ///< When it last changed, when the service says.
};

/** @brief Options of AuthorizationClient::createRoleAssignment(). */
struct CreateRoleAssignmentOptions {
    /**
     * @brief The principal's type. A managed identity is a "ServicePrincipal"; saying so lets
     * Resource Manager accept an identity created seconds ago, before it has replicated.
     */
    std::string principalType = "ServicePrincipal";
    std::string description{}; ///< Free text stored with the assignment; empty: none.
};

/**
 * @brief The GUID of a role in a role definition id, or the GUID itself.
 * @param[in] roleDefinition  a GUID, or a role definition resource id
 * ("/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}" or
 * "/providers/Microsoft.Authorization/roleDefinitions/{guid}").
 * @return The GUID in lower case.
 * @throws InvalidArgument when @p roleDefinition is neither.
 */
KVB_EXPORT std::string roleDefinitionGuid(std::string_view roleDefinition);

/**
 * @brief The role definition id to assign at @p scope: built-in and custom roles are addressed
 * under the scope's subscription (`/subscriptions/{sub}/providers/Microsoft.Authorization/
 * roleDefinitions/{guid}`), or under the tenant (`/providers/...`) for a scope outside any
 * subscription.
 * @param[in] scope           where the role will be assigned.
 * @param[in] roleDefinition  a role GUID (kKeyVaultSecretsUserRole, ...) or role definition id.
 * @return The role definition id.
 * @throws InvalidArgument when @p roleDefinition is neither a GUID nor a role definition id.
 */
KVB_EXPORT std::string roleDefinitionIdAt(const ResourceId& scope, std::string_view roleDefinition);

/**
 * @brief The deterministic name of the assignment of @p roleDefinition to @p principalId at
 * @p scope, so that granting the same role again finds the first grant instead of adding one.
 *
 * A name-based UUID, version 5 (RFC 4122 section 4.3: SHA-1), in the namespace
 * 6f0ac9c6-3b4f-5d1e-9a47-6b7672696467 (kvbridge's own), over the UTF-8 text
 * `lower(scope.str()) + "|" + lower(principalId) + "|" + lower(role GUID)`. Scope spellings that
 * differ in case or keyword spelling give the same name; so do a role GUID and its role
 * definition id.
 * @param[in] scope           where the role is assigned.
 * @param[in] principalId     the principal's object id (a GUID).
 * @param[in] roleDefinition  a role GUID or role definition id.
 * @return The name, 8-4-4-4-12 lower-case hex digits.
 * @throws InvalidArgument when @p principalId is not a GUID or @p roleDefinition is neither a
 * GUID nor a role definition id.
 */
KVB_EXPORT std::string roleAssignmentName(const ResourceId& scope, std::string_view principalId,
                                          std::string_view roleDefinition);

} // namespace kvb::arm
