// SPDX-License-Identifier: MIT
#pragma once

// Resource Manager wire shapes (the swaggers under tests/data/specs/arm) to and from the public
// models, through the library's JSON helpers.

#include <kvbridge/arm/batch_account.hpp>
#include <kvbridge/arm/managed_service_identity.hpp>
#include <kvbridge/arm/permission_set.hpp>
#include <kvbridge/arm/pool_resource.hpp>
#include <kvbridge/arm/role_assignment.hpp>
#include <kvbridge/arm/role_definition.hpp>
#include <kvbridge/arm/user_assigned_identity.hpp>
#include <kvbridge/arm/vault.hpp>

#include <string>

#include "arm/arm_connection.hpp"

namespace kvb::arm {

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

/** `identity` of a Batch account or pool. */
ManagedServiceIdentity parseManagedServiceIdentity(const JsonValue& obj);
/** Write `"identity": {...}` for a request: type and the attached ids as `{}`. */
void writeManagedServiceIdentity(JsonWriter& w, const ManagedServiceIdentity& identity);

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

UserAssignedManagedIdentity parseUserAssignedIdentity(const JsonValue& obj);
/** The PUT body of an identity. @throws InvalidArgument for an empty location. */
std::string identityBody(const CreateOrUpdateIdentityOptions& options);

BatchAccount parseBatchAccount(const JsonValue& obj);
PoolResource parsePoolResource(const JsonValue& obj);
/** Pool_Create body (sensitive: extensions may carry protectedSettings). @throws InvalidArgument. */
std::string poolBody(const PoolResource& pool);
/** Pool_Update body. @throws InvalidArgument when it changes nothing. */
std::string poolUpdateBody(const PoolUpdateParameters& update);

} // namespace kvb::arm
