// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file authorization_client.hpp
 * @brief AuthorizationClient: role definitions, role assignments and the caller's permissions
 * through Resource Manager (Microsoft.Authorization, api-version 2022-04-01).
 */

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/arm/permission_set.hpp>
#include <kvbridge/arm/resource_id.hpp>
#include <kvbridge/arm/role_assignment.hpp>
#include <kvbridge/arm/role_definition.hpp>
#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/response.hpp>

#include <memory>
#include <optional>
#include <string_view>

namespace kvb::arm {

/** @brief Default Microsoft.Authorization api-version. */
inline constexpr const char* kAuthorizationApiVersion = "2022-04-01";

/**
 * @brief Role-based access control at any scope (a subscription, resource group or resource,
 * given as a ResourceId). Const methods, thread-safe; copies share the pipeline. Failures throw
 * ServiceError subclasses with Resource Manager's code, message and request id.
 */
class KVB_EXPORT AuthorizationClient {
public:
    /**
     * @param[in] credential  source of Entra ID tokens for ArmClientOptions::scope (shared).
     * @param[in] options     endpoint, scope, api-version, pipeline options.
     * @throws InvalidArgument for a null credential or an endpoint that is not https://host[:port].
     */
    explicit AuthorizationClient(std::shared_ptr<const identity::TokenCredential> credential,
                                 ArmClientOptions options = {});

    /**
     * @brief RoleDefinitions_Get: a role definition by GUID, as seen at @p scope.
     * @param[in] scope           e.g. the subscription.
     * @param[in] roleDefinition  a role GUID or role definition id.
     * @param[in] context         cancellation and deadline.
     * @return The role definition.
     * @throws InvalidArgument for a @p roleDefinition that is neither; NotFoundError.
     */
    Response<RoleDefinition> getRoleDefinition(const ResourceId& scope, std::string_view roleDefinition,
                                               const Context& context = {}) const;

    /**
     * @brief RoleDefinitions_List with `$filter=roleName eq '...'`: a role (built-in or custom)
     * by its display name, e.g. "Key Vault Secrets User", at @p scope and above.
     * @param[in] scope     where to look.
     * @param[in] roleName  the exact role name (matched by the service).
     * @param[in] context   cancellation and deadline.
     * @return The role, or nullopt when no role has that name.
     * @throws InvalidArgument for an empty name; ServiceError subclasses.
     */
    Response<std::optional<RoleDefinition>> findRoleDefinitionByName(const ResourceId& scope,
                                                                     std::string_view roleName,
                                                                     const Context& context = {}) const;

    /**
     * @brief RoleAssignments_Create, idempotent: assign @p roleDefinition to @p principalId at
     * @p scope under the deterministic name of roleAssignmentName(). When the service answers
     * 409 RoleAssignmentExists (this grant was made before, under this or another name), the
     * existing assignment is looked up and returned instead.
     * @param[in] scope           where the role is held (e.g. a vault's resource id).
     * @param[in] principalId     the principal's object id (a managed identity's principalId).
     * @param[in] roleDefinition  a role GUID (kKeyVaultSecretsUserRole, ...) or role definition id.
     * @param[in] options         principal type, description.
     * @param[in] context         cancellation and deadline.
     * @return The assignment; status 201 when it was created now, 200 when it already existed.
     * @throws InvalidArgument for a principal id that is not a GUID or a bad role; ServiceError
     * subclasses (ConflictError when 409 comes for another reason).
     */
    Response<RoleAssignment> createRoleAssignment(const ResourceId& scope, std::string_view principalId,
                                                  std::string_view roleDefinition,
                                                  const CreateRoleAssignmentOptions& options = {},
                                                  const Context& context = {}) const;

    /**
     * @brief RoleAssignments_ListForScope with `$filter=principalId eq '...'`: the assignments of
     * @p principalId that apply at @p scope (at, above and below it, as the service answers),
     * lazily paged by nextLink.
     * @param[in] scope        where to look.
     * @param[in] principalId  the principal's object id (a GUID).
     * @param[in] context      cancellation and deadline of every page.
     * @return A pager over the assignments.
     * @throws InvalidArgument for a principal id that is not a GUID (before any request).
     */
    Pager<RoleAssignment> listRoleAssignments(const ResourceId& scope, std::string_view principalId,
                                              const Context& context = {}) const;

    /**
     * @brief RoleAssignments_Delete.
     * @param[in] scope           the assignment's scope.
     * @param[in] assignmentName  the assignment's name (a GUID).
     * @param[in] context         cancellation and deadline.
     * @return The deleted assignment (status 200), or nullopt (status 204: there was none).
     * @throws InvalidArgument for a name that is not a GUID; ServiceError subclasses.
     */
    Response<std::optional<RoleAssignment>> deleteRoleAssignment(const ResourceId& scope,
                                                                 std::string_view assignmentName,
                                                                 const Context& context = {}) const;

    /**
     * @brief Permissions_ListForResourceGroup / Permissions_ListForResource: everything the
     * caller may do at @p scope, every page read.
     * @param[in] scope    a resource group or a resource.
     * @param[in] context  cancellation and deadline of every page.
     * @return The caller's permission blocks; ask them with allowsAction()/allowsDataAction().
     * @throws InvalidArgument when @p scope is a subscription or tenant-level id (the API takes a
     * resource group or resource); ServiceError subclasses.
     */
    Response<PermissionSet> getPermissions(const ResourceId& scope, const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::arm
