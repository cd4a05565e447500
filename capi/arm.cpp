// SPDX-License-Identifier: MIT
// The Resource Manager clients of the C ABI behind one kvb_arm_client: vaults, role definitions and
// assignments, permissions, user-assigned identities, Batch accounts and pools.

#include <kvbridge/arm/authorization_client.hpp>
#include <kvbridge/arm/batch_management_client.hpp>
#include <kvbridge/arm/key_vault_management_client.hpp>
#include <kvbridge/arm/managed_identity_client.hpp>

#include "capi_internal.hpp"
#include "documents/arm.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

// C callers hold one handle per subscription; each provider's client keeps its own api-version.
struct ArmClients {
    arm::KeyVaultManagementClient vaults;
    arm::AuthorizationClient authorization;
    arm::ManagedIdentityClient identities;
    arm::BatchManagementClient batch;
};

using ArmClientHandle = ValueHandle<armTag(1), ArmClients>;

const ArmClients& clientsOf(const kvb_arm_client* handle) {
    return unwrap<ArmClientHandle>(handle).value;
}

arm::ArmClientOptions armOptions(const kvb_client_options* transport,
                                 const kvb_arm_client_new_options* options) {
    if (transport && transport->api_version)
        throw InvalidArgument("api_version must be NULL: each Resource Manager provider has its own");
    const auto& o = optionsOrDefaults(options);
    arm::ArmClientOptions out;
    out.client = clientOptions(transport);
    if (o.endpoint) out.endpoint = o.endpoint;
    if (o.scope) out.scope = o.scope;
    return out;
}

arm::ResourceId scopeOf(const char* scope) {
    return arm::ResourceId::parse(required(scope, "scope"));
}

/** Fill @p out (when wanted) with @p model as the document @p write makes. */
template <class Model>
void fillDocument(kvb_string* out, DocumentWriter<Model> write, const Model& model) {
    fillIfWanted(out, document(write, model));
}

/** Set @p out (when wanted) to 1 or 0. */
void fillFlag(int* out, bool value) {
    if (out) *out = value ? 1 : 0;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_arm_client_new_options_init(kvb_arm_client_new_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_arm_client_new(kvb_arm_client** out, const char* subscription_id, const kvb_credential* credential,
                       const kvb_client_options* client_options, const kvb_arm_client_new_options* options) {
    return guard([&] {
        resetOut(out);
        const std::string subscription(required(subscription_id, "subscription_id"));
        const auto token = credentialOf(credential);
        const auto o = armOptions(client_options, options);
        return returnHandle<ArmClientHandle>(out,
                                             ArmClients{arm::KeyVaultManagementClient(subscription, token, o),
                                                        arm::AuthorizationClient(token, o),
                                                        arm::ManagedIdentityClient(subscription, token, o),
                                                        arm::BatchManagementClient(subscription, token, o)});
    });
}

void kvb_arm_client_free(kvb_arm_client* client) {
    freeHandle<ArmClientHandle>(client);
}

int kvb_vault_create_options_init(kvb_vault_create_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_arm_client_create_vault(kvb_string* vault_json, const kvb_arm_client* client,
                                const char* resource_group, const char* vault_name, const char* location,
                                const char* tenant_id, const kvb_vault_create_options* options,
                                const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto& clients = clientsOf(client);
        const auto& o = optionsOrDefaults(options);
        arm::CreateOrUpdateVaultOptions create;
        create.location = required(location, "location");
        create.tenantId = required(tenant_id, "tenant_id");
        if (o.sku) {
            const std::string_view sku(o.sku);
            if (sku == "premium")
                create.sku = arm::VaultSkuName::Premium;
            else if (sku != "standard")
                throw InvalidArgument("sku must be \"standard\" or \"premium\"");
        }
        if (o.enable_rbac_authorization != 0 && o.enable_rbac_authorization != 1)
            throw InvalidArgument("enable_rbac_authorization must be 1 or 0");
        create.enableRbacAuthorization = o.enable_rbac_authorization == 1;
        if (o.soft_delete_retention_days != 0)
            create.softDeleteRetentionInDays = o.soft_delete_retention_days;
        create.enablePurgeProtection = optionalFlag(o.enable_purge_protection, "enable_purge_protection");
        if (o.public_network_access) create.publicNetworkAccess = o.public_network_access;
        applyTags(create, o);
        const auto pacing = pollOptions(wait_options);
        auto operation = clients.vaults.startCreateOrUpdateVault(required(resource_group, "resource_group"),
                                                                 required(vault_name, "vault_name"), create);
        fillDocument(vault_json, writeVault, operation.pollUntilDone(pacing));
        return KVB_OK;
    });
}

int kvb_arm_client_get_vault(kvb_string* vault_json, const kvb_arm_client* client, const char* resource_group,
                             const char* vault_name) {
    return guard([&] {
        requireOut(vault_json);
        const auto vault = clientsOf(client).vaults.getVault(required(resource_group, "resource_group"),
                                                             required(vault_name, "vault_name"));
        fillDocument(vault_json, writeVault, vault.value);
        return KVB_OK;
    });
}

int kvb_arm_client_delete_vault(int* deleted, const kvb_arm_client* client, const char* resource_group,
                                const char* vault_name) {
    return guard([&] {
        const auto response = clientsOf(client).vaults.deleteVault(required(resource_group, "resource_group"),
                                                                   required(vault_name, "vault_name"));
        fillFlag(deleted, response.status != 204);
        return KVB_OK;
    });
}

int kvb_arm_client_check_vault_name(kvb_string* availability_json, const kvb_arm_client* client,
                                    const char* vault_name) {
    return guard([&] {
        requireOut(availability_json);
        const auto answer =
            clientsOf(client).vaults.checkVaultNameAvailability(required(vault_name, "vault_name"));
        fillDocument(availability_json, writeVaultNameAvailability, answer.value);
        return KVB_OK;
    });
}

int kvb_arm_client_find_role_definition(kvb_string* role_json, const kvb_arm_client* client,
                                        const char* scope, const char* role_name) {
    return guard([&]() -> int {
        requireOut(role_json);
        const std::string name(required(role_name, "role_name"));
        const auto role = clientsOf(client).authorization.findRoleDefinitionByName(scopeOf(scope), name);
        if (!role.value) return fail(KVB_E_NOT_FOUND, "no role definition named '" + name + "' at the scope");
        fillDocument(role_json, writeRoleDefinition, *role.value);
        return KVB_OK;
    });
}

int kvb_role_assignment_create_options_init(kvb_role_assignment_create_options* options,
                                            unsigned int version) {
    return initOptions(options, version);
}

int kvb_arm_client_create_role_assignment(kvb_string* assignment_json, const kvb_arm_client* client,
                                          const char* scope, const char* principal_id,
                                          const char* role_definition,
                                          const kvb_role_assignment_create_options* options) {
    return guard([&] {
        const auto& o = optionsOrDefaults(options);
        arm::CreateRoleAssignmentOptions create;
        if (o.principal_type) create.principalType = o.principal_type;
        if (o.description) create.description = o.description;
        const auto assignment = clientsOf(client).authorization.createRoleAssignment(
            scopeOf(scope), required(principal_id, "principal_id"),
            required(role_definition, "role_definition"), create);
        fillDocument(assignment_json, writeRoleAssignment, assignment.value);
        return KVB_OK;
    });
}

int kvb_arm_client_list_role_assignments(kvb_json_pager** out, const kvb_arm_client* client,
                                         const char* scope, const char* principal_id) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientsOf(client).authorization.listRoleAssignments(
                                   scopeOf(scope), required(principal_id, "principal_id")),
                               documentOf(writeRoleAssignment));
    });
}

int kvb_arm_client_delete_role_assignment(int* deleted, const kvb_arm_client* client, const char* scope,
                                          const char* assignment_name) {
    return guard([&] {
        const auto response = clientsOf(client).authorization.deleteRoleAssignment(
            scopeOf(scope), required(assignment_name, "assignment_name"));
        fillFlag(deleted, response.value.has_value());
        return KVB_OK;
    });
}

int kvb_arm_client_get_permissions(kvb_string* permissions_json, const kvb_arm_client* client,
                                   const char* scope) {
    return guard([&] {
        requireOut(permissions_json);
        const auto permissions = clientsOf(client).authorization.getPermissions(scopeOf(scope));
        fillDocument(permissions_json, writePermissionSet, permissions.value);
        return KVB_OK;
    });
}

int kvb_permission_set_allows(int* allowed, const char* permissions_json, const char* action,
                              int data_action) {
    return guard([&] {
        requireOut(allowed);
        if (data_action != 0 && data_action != 1) throw InvalidArgument("data_action must be 1 or 0");
        const auto set = readPermissionSet(required(permissions_json, "permissions_json"));
        const std::string_view what = required(action, "action");
        fillFlag(allowed, data_action == 1 ? set.allowsDataAction(what) : set.allowsAction(what));
        return KVB_OK;
    });
}

int kvb_identity_create_options_init(kvb_identity_create_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_arm_client_create_user_assigned_identity(kvb_string* identity_json, const kvb_arm_client* client,
                                                 const char* resource_group, const char* identity_name,
                                                 const char* location,
                                                 const kvb_identity_create_options* options) {
    return guard([&] {
        arm::CreateOrUpdateIdentityOptions create;
        create.location = required(location, "location");
        applyTags(create, optionsOrDefaults(options));
        const auto identity = clientsOf(client).identities.createOrUpdateUserAssignedIdentity(
            required(resource_group, "resource_group"), required(identity_name, "identity_name"), create);
        fillDocument(identity_json, writeUserAssignedIdentity, identity.value);
        return KVB_OK;
    });
}

int kvb_arm_client_get_user_assigned_identity(kvb_string* identity_json, const kvb_arm_client* client,
                                              const char* resource_group, const char* identity_name) {
    return guard([&] {
        requireOut(identity_json);
        const auto identity = clientsOf(client).identities.getUserAssignedIdentity(
            required(resource_group, "resource_group"), required(identity_name, "identity_name"));
        fillDocument(identity_json, writeUserAssignedIdentity, identity.value);
        return KVB_OK;
    });
}

int kvb_arm_client_get_batch_account(kvb_string* account_json, const kvb_arm_client* client,
                                     const char* resource_group, const char* account_name) {
    return guard([&] {
        requireOut(account_json);
        const auto account = clientsOf(client).batch.getBatchAccount(
            required(resource_group, "resource_group"), required(account_name, "account_name"));
        fillDocument(account_json, writeBatchAccount, account.value);
        return KVB_OK;
    });
}

int kvb_arm_client_create_pool(kvb_string* pool_json_out, const kvb_arm_client* client,
                               const char* resource_group, const char* account_name, const char* pool_name,
                               const char* pool_json) {
    return guard([&] {
        const auto& clients = clientsOf(client);
        const auto pool = readArmPool(required(pool_json, "pool_json"));
        const auto created = clients.batch.createOrUpdatePool(required(resource_group, "resource_group"),
                                                              required(account_name, "account_name"),
                                                              required(pool_name, "pool_name"), pool);
        fillDocument(pool_json_out, writeArmPool, created.value);
        return KVB_OK;
    });
}

int kvb_arm_client_get_pool(kvb_string* pool_json, const kvb_arm_client* client, const char* resource_group,
                            const char* account_name, const char* pool_name) {
    return guard([&] {
        requireOut(pool_json);
        const auto pool = clientsOf(client).batch.getPool(required(resource_group, "resource_group"),
                                                          required(account_name, "account_name"),
                                                          required(pool_name, "pool_name"));
        fillDocument(pool_json, writeArmPool, pool.value);
        return KVB_OK;
    });
}

int kvb_arm_pool_update_options_init(kvb_arm_pool_update_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_arm_client_update_pool(kvb_string* pool_json, const kvb_arm_client* client,
                               const char* resource_group, const char* account_name, const char* pool_name,
                               const kvb_arm_pool_update_options* options) {
    return guard([&] {
        const auto& clients = clientsOf(client);
        const auto& o = optionsOrDefaults(options);
        arm::PoolUpdateParameters update;
        const bool fixed =
            o.target_dedicated_nodes >= 0 || o.target_low_priority_nodes >= 0 || o.resize_timeout;
        if (fixed && o.auto_scale_formula)
            throw InvalidArgument("a pool has a fixed size or an autoscale formula, not both");
        if (o.auto_scale_evaluation_interval && !o.auto_scale_formula)
            throw InvalidArgument("auto_scale_evaluation_interval needs auto_scale_formula");
        if (fixed) {
            arm::FixedScaleSettings size;
            if (o.target_dedicated_nodes >= 0) size.targetDedicatedNodes = o.target_dedicated_nodes;
            if (o.target_low_priority_nodes >= 0) size.targetLowPriorityNodes = o.target_low_priority_nodes;
            if (o.resize_timeout) size.resizeTimeout = o.resize_timeout;
            update.scaleSettings.emplace().fixedScale = size;
        } else if (o.auto_scale_formula) {
            auto& autoScale = update.scaleSettings.emplace().autoScale.emplace();
            autoScale.formula = o.auto_scale_formula;
            if (o.auto_scale_evaluation_interval)
                autoScale.evaluationInterval = o.auto_scale_evaluation_interval;
        }
        const auto updated = clients.batch.updatePool(required(resource_group, "resource_group"),
                                                      required(account_name, "account_name"),
                                                      required(pool_name, "pool_name"), update);
        fillDocument(pool_json, writeArmPool, updated.value);
        return KVB_OK;
    });
}

int kvb_arm_client_delete_pool(const kvb_arm_client* client, const char* resource_group,
                               const char* account_name, const char* pool_name,
                               const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto& clients = clientsOf(client);
        const auto pacing = pollOptions(wait_options);
        clients.batch
            .startDeletePool(required(resource_group, "resource_group"),
                             required(account_name, "account_name"), required(pool_name, "pool_name"))
            .pollUntilDone(pacing);
        return KVB_OK;
    });
}

} // extern "C"
