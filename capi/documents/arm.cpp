// SPDX-License-Identifier: MIT
// The documents of arm.h.

#include "documents/arm.hpp"

#include "arm/arm_json.hpp"

namespace kvb::capi {

namespace {

/** id, name and type, which every resource has. */
template <class Resource>
void writeResourceMembers(JsonWriter& w, const Resource& r) {
    w.member("id", r.id).member("name", r.name).member("type", r.type);
}

/** writeResourceMembers() plus the location and tags of a tracked resource. */
template <class Resource>
void writeTrackedResourceMembers(JsonWriter& w, const Resource& r) {
    writeResourceMembers(w, r);
    w.member("location", r.location).member("tags", r.tags);
}

void writePermissions(JsonWriter& w, const std::vector<arm::Permission>& permissions) {
    writeObjects(w, "permissions", permissions, [&](const arm::Permission& p) {
        w.member("actions", p.actions).member("notActions", p.notActions);
        w.member("dataActions", p.dataActions).member("notDataActions", p.notDataActions);
    });
}

void writeIdentityDocument(JsonWriter& w, const arm::ManagedServiceIdentity& i) {
    writeObject(w, [&] {
        w.member("type", i.type);
        w.member("principalId", unlessEmpty(i.principalId)).member("tenantId", unlessEmpty(i.tenantId));
        writeObject(w.key("userAssignedIdentities"), [&] {
            // A pair, not a structured binding: clang before 16 cannot capture one in a lambda.
            for (const auto& entry : i.userAssignedIdentities) {
                const auto& details = entry.second;
                writeObject(w.key(entry.first), [&] {
                    w.member("principalId", details.principalId).member("clientId", details.clientId);
                });
            }
        });
    });
}

} // namespace

void writeVault(JsonWriter& w, const arm::Vault& v) {
    writeObject(w, [&] {
        writeTrackedResourceMembers(w, v);
        const auto& p = v.properties;
        writeObject(w.key("properties"), [&] {
            w.member("tenantId", p.tenantId).member("sku", arm::toString(p.sku));
            w.member("skuFamily", p.skuFamily).member("vaultUri", p.vaultUri);
            w.member("enableRbacAuthorization", p.enableRbacAuthorization);
            w.member("enableSoftDelete", p.enableSoftDelete);
            w.member("softDeleteRetentionInDays", p.softDeleteRetentionInDays);
            w.member("enablePurgeProtection", p.enablePurgeProtection);
            w.member("enabledForDeployment", p.enabledForDeployment);
            w.member("enabledForDiskEncryption", p.enabledForDiskEncryption);
            w.member("enabledForTemplateDeployment", p.enabledForTemplateDeployment);
            w.member("publicNetworkAccess", unlessEmpty(p.publicNetworkAccess));
            w.member("provisioningState", unlessEmpty(p.provisioningState));
            w.member("accessPolicyCount", static_cast<std::int64_t>(p.accessPolicyCount));
        });
    });
}

void writeVaultNameAvailability(JsonWriter& w, const arm::VaultNameAvailability& a) {
    writeObject(w, [&] {
        w.member("nameAvailable", a.nameAvailable);
        w.member("reason", unlessEmpty(a.reason)).member("message", unlessEmpty(a.message));
    });
}

void writePermissionSet(JsonWriter& w, const arm::PermissionSet& p) {
    writeObject(w, [&] { writePermissions(w, p.permissions); });
}

arm::PermissionSet readPermissionSet(std::string_view json) {
    return readDocument(json, "permission set", [](const JsonValue& o) {
        arm::PermissionSet set;
        forEachObject(o, "permissions", [&](const JsonValue& item) {
            set.permissions.push_back({kvb::detail::optStringArray(item, "actions"),
                                       kvb::detail::optStringArray(item, "notActions"),
                                       kvb::detail::optStringArray(item, "dataActions"),
                                       kvb::detail::optStringArray(item, "notDataActions")});
        });
        return set;
    });
}

void writeRoleDefinition(JsonWriter& w, const arm::RoleDefinition& r) {
    writeObject(w, [&] {
        writeResourceMembers(w, r);
        w.member("roleName", r.roleName).member("description", unlessEmpty(r.description));
        w.member("roleType", r.roleType);
        writePermissions(w, r.permissions);
        w.member("assignableScopes", r.assignableScopes);
    });
}

void writeRoleAssignment(JsonWriter& w, const arm::RoleAssignment& r) {
    writeObject(w, [&] {
        writeResourceMembers(w, r);
        w.member("scope", r.scope).member("roleDefinitionId", r.roleDefinitionId);
        w.member("principalId", r.principalId).member("principalType", r.principalType);
        w.member("description", unlessEmpty(r.description));
        w.memberUnixTime("createdOn", r.createdOn);
        w.memberUnixTime("updatedOn", r.updatedOn);
    });
}

void writeUserAssignedIdentity(JsonWriter& w, const arm::UserAssignedManagedIdentity& i) {
    writeObject(w, [&] {
        writeTrackedResourceMembers(w, i);
        w.member("tenantId", i.tenantId).member("principalId", i.principalId).member("clientId", i.clientId);
    });
}

void writeBatchAccount(JsonWriter& w, const arm::BatchAccount& a) {
    writeObject(w, [&] {
        writeTrackedResourceMembers(w, a);
        w.member("accountEndpoint", a.accountEndpoint).member("provisioningState", a.provisioningState);
        w.member("poolAllocationMode", a.poolAllocationMode);
        if (const auto& ref = a.keyVaultReference)
            writeObject(w.key("keyVaultReference"), [&] { w.member("id", ref->id).member("url", ref->url); });
        if (a.identity) writeIdentityDocument(w.key("identity"), *a.identity);
        w.member("autoStorageAccountId", a.autoStorageAccountId);
        w.member("publicNetworkAccess", unlessEmpty(a.publicNetworkAccess));
    });
}

void writeArmPool(JsonWriter& w, const arm::PoolResource& p) {
    if (p.rawJson.empty())
        writeObject(w, [] {});
    else
        w.raw(p.rawJson);
}

arm::PoolResource readArmPool(std::string_view json) {
    return readDocument(json, "arm pool", [](const JsonValue& o) { return arm::parsePoolResource(o); });
}

} // namespace kvb::capi
