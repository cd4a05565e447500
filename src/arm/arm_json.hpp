// SPDX-License-Identifier: MIT
#pragma once

// Resource Manager wire shapes (the swaggers under tests/data/specs/arm) to and from the public
// models, through the library's JSON helpers.

#include <kvbridge/arm/permission_set.hpp>
#include <kvbridge/arm/role_assignment.hpp>
#include <kvbridge/arm/role_definition.hpp>
#include <kvbridge/arm/vault.hpp>

#include <string>

#include "arm/arm_connection.hpp"

namespace kvb::arm::detail {

/** The envelope every resource shares: id, name, type (and location, tags where the model has them). */
template <class Model>
void readResource(Model& model, const JsonValue& obj) {
    model.id = kvb::detail::optString(obj, "id").value_or("");
    model.name = kvb::detail::optString(obj, "name").value_or("");
    model.type = kvb::detail::optString(obj, "type").value_or("");
    if constexpr (requires { model.location; }) {
        model.location = kvb::detail::optString(obj, "location").value_or("");
        model.tags = kvb::detail::optStringMap(obj, "tags");
    }
}

Vault parseVault(const JsonValue& obj);
VaultNameAvailability parseVaultNameAvailability(const JsonValue& obj);
/** VaultCreateOrUpdateParameters. @throws InvalidArgument for missing or out-of-range settings. */
std::string vaultBody(const CreateOrUpdateVaultOptions& options);

Permission parsePermission(const JsonValue& obj);
RoleDefinition parseRoleDefinition(const JsonValue& obj);
RoleAssignment parseRoleAssignment(const JsonValue& obj);
/** RoleAssignmentCreateParameters. */
std::string roleAssignmentBody(std::string_view roleDefinitionId, std::string_view principalId,
                               const CreateRoleAssignmentOptions& options);

} // namespace kvb::arm::detail
