// SPDX-License-Identifier: MIT
#pragma once

// The documents of arm.h: vaults, roles and access, identities, Batch accounts and pools.

#include <kvbridge/arm/batch_account.hpp>
#include <kvbridge/arm/permission_set.hpp>
#include <kvbridge/arm/pool_resource.hpp>
#include <kvbridge/arm/role_assignment.hpp>
#include <kvbridge/arm/role_definition.hpp>
#include <kvbridge/arm/user_assigned_identity.hpp>
#include <kvbridge/arm/vault.hpp>

#include <string_view>

#include "documents/document.hpp"

namespace kvb::capi {

/** "vault". */
void writeVault(JsonWriter& w, const arm::Vault& v);
/** "vault name availability". */
void writeVaultNameAvailability(JsonWriter& w, const arm::VaultNameAvailability& a);
/** "permission set". */
void writePermissionSet(JsonWriter& w, const arm::PermissionSet& p);
/** Read a "permission set" (what kvb_arm_client_get_permissions() wrote). */
arm::PermissionSet readPermissionSet(std::string_view json);
/** "role definition". */
void writeRoleDefinition(JsonWriter& w, const arm::RoleDefinition& r);
/** "role assignment". */
void writeRoleAssignment(JsonWriter& w, const arm::RoleAssignment& r);
/** "user assigned identity". */
void writeUserAssignedIdentity(JsonWriter& w, const arm::UserAssignedManagedIdentity& i);
/** "batch account". */
void writeBatchAccount(JsonWriter& w, const arm::BatchAccount& a);
/** "arm pool": the resource as the service sent it. */
void writeArmPool(JsonWriter& w, const arm::PoolResource& p);
/** Read an "arm pool" (a Pool_Create body). @throws InvalidArgument. */
arm::PoolResource readArmPool(std::string_view json);

} // namespace kvb::capi
