// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file role_definition.hpp
 * @brief Role definitions (Microsoft.Authorization/roleDefinitions) and the built-in roles the
 * certificate migration grants.
 */

#include <kvbridge/arm/permission_set.hpp>

#include <string>
#include <vector>

namespace kvb::arm {

/** @brief Built-in role "Key Vault Secrets User": read secret contents. */
inline constexpr const char* kKeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
/** @brief Built-in role "Key Vault Certificate User": read certificates and their secrets. */
inline constexpr const char* kKeyVaultCertificateUserRole = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
/** @brief Built-in role "Key Vault Certificates Officer": manage certificates. */
inline constexpr const char* kKeyVaultCertificatesOfficerRole = "a4417e6f-fecd-4de8-b567-7b0420556985";
/** @brief Built-in role "Key Vault Administrator": every data action on the vault. */
inline constexpr const char* kKeyVaultAdministratorRole = "00482a5a-887f-4fb3-b363-3b7fe8e74483";

/** @brief A role definition (RoleDefinitions_Get, RoleDefinitions_List). */
struct RoleDefinition {
    std::string id; ///< e.g. "/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}".
    std::string name;                    ///< The role's GUID.
    std::string type;                    ///< "Microsoft.Authorization/roleDefinitions".
    std::string roleName;                ///< e.g. "Key Vault Secrets User".
    std::string description;             ///< The role's description.
    std::string roleType;                ///< "BuiltInRole" or "CustomRole" (wire name `properties.type`).
    std::vector<Permission> permissions; ///< What the role allows.
    std::vector<std::string> assignableScopes; ///< Where it may be assigned.
};

} // namespace kvb::arm
