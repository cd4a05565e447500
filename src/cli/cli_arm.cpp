// SPDX-License-Identifier: MIT
#include "cli_arm.hpp"

#include "cli_services.hpp"

#include <kvbridge/arm/authorization_client.hpp>
#include <kvbridge/arm/key_vault_management_client.hpp>
#include <kvbridge/error.hpp>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace kvbcli {

using namespace kvb;

namespace {

arm::ArmClientOptions armOptions(const Options& o) {
    arm::ArmClientOptions out;
    out.client = clientOptions(o);
    out.endpoint = o.armEndpoint;
    return out;
}

// The vault's id, or the id of one of its secrets or certificates: where the role is held.
arm::ResourceId scopeOf(const Options& o) {
    auto scope = arm::ResourceId::resourceGroup(o.subscription, o.resourceGroup)
                     .withProvider("Microsoft.KeyVault", "vaults", o.vaultName);
    if (!o.secretName.empty()) return scope.child("secrets", o.secretName);
    if (!o.certificateName.empty()) return scope.child("certificates", o.certificateName);
    return scope;
}

bool isGuid(const std::string& text) {
    try {
        arm::roleDefinitionGuid(text);
        return true;
    } catch (const InvalidArgument&) {
        return false;
    }
}

// A role's GUID from its name ("Key Vault Secrets User") or its GUID or id as given.
std::string roleGuidOf(const arm::AuthorizationClient& client, const arm::ResourceId& scope,
                       const std::string& role, const Context& context) {
    if (isGuid(role)) return arm::roleDefinitionGuid(role);
    const auto found = client.findRoleDefinitionByName(scope, role, context);
    if (!found.value)
        throw std::runtime_error("no role named '" + role + "' can be assigned at " + scope.str());
    return found.value->name;
}

std::string roleGuidOfId(const std::string& roleDefinitionId) {
    return roleDefinitionId.substr(roleDefinitionId.find_last_of('/') + 1);
}

void printAssignment(const arm::RoleAssignment& a) {
    std::cout << a.name << "  role " << roleGuidOfId(a.roleDefinitionId) << "  at " << a.scope << "\n";
}

int grant(const Options& o, const arm::AuthorizationClient& client, const arm::ResourceId& scope,
          const Context& context) {
    const auto role = roleGuidOf(client, scope, o.role, context);
    arm::CreateRoleAssignmentOptions create;
    create.principalType = o.principalType;
    create.description = "granted by kvbridge";
    const auto made = client.createRoleAssignment(scope, o.principal, role, create, context);
    std::cout << (made.status == 201 ? "granted " : "already granted ") << o.role << " to " << o.principal
              << " at " << scope.str() << " (assignment " << made.value.name << ")\n";
    return 0;
}

int list(const Options& o, const arm::AuthorizationClient& client, const arm::ResourceId& scope,
         const Context& context) {
    for (const auto& a : client.listRoleAssignments(scope, o.principal, context)) printAssignment(a);
    return 0;
}

// Every assignment of the role to the principal made at exactly this scope (inherited ones are
// another scope's to revoke), whatever tool named it.
int revoke(const Options& o, const arm::AuthorizationClient& client, const arm::ResourceId& scope,
           const Context& context) {
    const auto role = roleGuidOf(client, scope, o.role, context);
    int revoked = 0;
    for (const auto& a : client.listRoleAssignments(scope, o.principal, context)) {
        if (roleGuidOfId(a.roleDefinitionId) != role || arm::ResourceId::parse(a.scope) != scope) continue;
        if (client.deleteRoleAssignment(scope, a.name, context).value) ++revoked;
    }
    std::cout << (revoked == 0
                      ? "nothing to revoke: " + o.principal + " holds no " + o.role + " at " + scope.str()
                      : "revoked " + o.role + " from " + o.principal + " at " + scope.str())
              << "\n";
    return 0;
}

} // namespace

int runVaultCreate(const Options& o, const Context& context) {
    arm::CreateOrUpdateVaultOptions create;
    create.location = o.location;
    create.tenantId = o.tenant;
    if (create.tenantId.empty())
        if (const char* tenant = std::getenv("AZURE_TENANT_ID")) create.tenantId = tenant;
    if (create.tenantId.empty()) throw InvalidArgument("--tenant ID is required (or AZURE_TENANT_ID)");
    create.sku = o.sku == "premium" ? arm::VaultSkuName::Premium : arm::VaultSkuName::Standard;
    create.enableRbacAuthorization = o.rbac;
    if (o.retentionDays != 0) create.softDeleteRetentionInDays = o.retentionDays;
    if (o.purgeProtection) create.enablePurgeProtection = true;
    const arm::KeyVaultManagementClient client(o.subscription, credential(o), armOptions(o));
    auto operation = client.startCreateOrUpdateVault(o.resourceGroup, o.vaultName, create, context);
    const auto& vault = operation.pollUntilDone({}, context);
    std::cout << "vault " << vault.name << ": " << vault.properties.vaultUri << " ("
              << (vault.properties.enableRbacAuthorization.value_or(false) ? "role-based access control"
                                                                           : "access policies")
              << ")\nid: " << vault.id << "\n";
    return 0;
}

int runAccess(const Options& o, const Context& context) {
    const auto scope = scopeOf(o);
    const arm::AuthorizationClient client(credential(o), armOptions(o));
    if (o.command == "access grant") return grant(o, client, scope, context);
    if (o.command == "access list") return list(o, client, scope, context);
    return revoke(o, client, scope, context);
}

} // namespace kvbcli
