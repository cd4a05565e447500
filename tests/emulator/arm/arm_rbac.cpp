// SPDX-License-Identifier: MIT
#include "arm_rbac.hpp"

#include "../url_util.hpp"

#include <algorithm>

namespace emu::arm {

namespace {

// The control-plane actions Key Vault's data roles carry (read the vault, not change it).
const std::vector<std::string> kKeyVaultReaderActions = {
    "Microsoft.Authorization/*/read",
    "Microsoft.Insights/alertRules/*",
    "Microsoft.Resources/deployments/*",
    "Microsoft.Resources/subscriptions/resourceGroups/read",
    "Microsoft.Support/*",
    "Microsoft.KeyVault/checkNameAvailability/read",
    "Microsoft.KeyVault/deletedVaults/read",
    "Microsoft.KeyVault/locations/*/read",
    "Microsoft.KeyVault/vaults/*/read",
    "Microsoft.KeyVault/operations/read",
};

std::vector<RoleDefinition> makeRoles() {
    std::vector<RoleDefinition> roles;
    roles.push_back({"8e3af657-a8ff-404c-9c6e-f7ac7a6b5a9f",
                     "Owner",
                     "Grants full access to manage all resources, including the ability to assign roles in "
                     "Azure RBAC.",
                     {"*"},
                     {},
                     {},
                     {}});
    roles.push_back(
        {"b24988ac-6180-42a0-ab88-20f7382dd24c",
         "Contributor",
         "Grants full access to manage all resources, but does not allow you to assign roles in "
         "Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
         {"*"},
         {"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
          "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
          "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
          "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
          "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
          "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action"},
         {},
         {}});
    roles.push_back({"00482a5a-887f-4fb3-b363-3b7fe8e74483",
                     "Key Vault Administrator",
                     "Perform all data plane operations on a key vault and all objects in it, including "
                     "certificates, keys, and secrets. Cannot manage key vault resources or manage role "
                     "assignments. Only works for key vaults that use the 'Azure role-based access control' "
                     "permission model.",
                     kKeyVaultReaderActions,
                     {},
                     {"Microsoft.KeyVault/vaults/*"},
                     {}});
    roles.push_back(
        {"a4417e6f-fecd-4de8-b567-7b0420556985",
         "Key Vault Certificates Officer",
         "Perform any action on the certificates of a key vault, excluding reading the secret and "
         "key portions, and managing permissions. Only works for key vaults that use the 'Azure "
         "role-based access control' permission model.",
         kKeyVaultReaderActions,
         {},
         {"Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*",
          "Microsoft.KeyVault/vaults/certificatecontacts/write"},
         {}});
    roles.push_back(
        {"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
         "Key Vault Certificate User",
         "Read certificate contents. Only works for key vaults that use the 'Azure role-based "
         "access control' permission model.",
         {},
         {},
         {"Microsoft.KeyVault/vaults/certificates/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action",
          "Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/keys/read"},
         {}});
    roles.push_back({"4633458b-17de-408a-b874-0445c86b69e6",
                     "Key Vault Secrets User",
                     "Read secret contents. Only works for key vaults that use the 'Azure role-based access "
                     "control' permission model.",
                     {},
                     {},
                     {"Microsoft.KeyVault/vaults/secrets/getSecret/action",
                      "Microsoft.KeyVault/vaults/secrets/readMetadata/action"},
                     {}});
    return roles;
}

bool anyMatches(const std::vector<std::string>& patterns, const std::string& action) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return actionMatches(p, action); });
}

bool roleAllows(const RoleDefinition& role, const std::string& action, AccessControl::Plane plane) {
    if (plane == AccessControl::Plane::Control)
        return anyMatches(role.actions, action) && !anyMatches(role.notActions, action);
    return anyMatches(role.dataActions, action) && !anyMatches(role.notDataActions, action);
}

std::string trimSlash(std::string s) {
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

} // namespace

const std::vector<RoleDefinition>& builtInRoles() {
    static const std::vector<RoleDefinition> roles = makeRoles();
    return roles;
}

const RoleDefinition* roleById(const std::string& guid) {
    for (const auto& r : builtInRoles())
        if (toLower(r.id) == toLower(guid)) return &r;
    return nullptr;
}

bool scopeCovers(const std::string& ancestor, const std::string& scope) {
    const std::string a = toLower(trimSlash(ancestor)), s = toLower(trimSlash(scope));
    if (a == "/" || a == s) return true;
    return s.size() > a.size() && s.compare(0, a.size(), a) == 0 && s[a.size()] == '/';
}

bool actionMatches(const std::string& pattern, const std::string& action) {
    return globMatch(pattern, action);
}

void AccessControl::put(const RoleAssignment& a) {
    std::lock_guard lock(mutex_);
    assignments_.push_back(a);
}

std::optional<RoleAssignment> AccessControl::find(const std::string& scope, const std::string& name) const {
    std::lock_guard lock(mutex_);
    for (const auto& a : assignments_)
        if (toLower(a.name) == toLower(name) && toLower(trimSlash(a.scope)) == toLower(trimSlash(scope)))
            return a;
    return std::nullopt;
}

std::optional<RoleAssignment> AccessControl::sameGrant(const RoleAssignment& want) const {
    std::lock_guard lock(mutex_);
    for (const auto& a : assignments_) {
        if (toLower(trimSlash(a.scope)) == toLower(trimSlash(want.scope)) &&
            toLower(a.principalId) == toLower(want.principalId) &&
            toLower(a.roleDefinitionId) == toLower(want.roleDefinitionId))
            return a;
    }
    return std::nullopt;
}

bool AccessControl::remove(const std::string& scope, const std::string& name) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(assignments_.begin(), assignments_.end(), [&](const RoleAssignment& a) {
        return toLower(a.name) == toLower(name) && toLower(trimSlash(a.scope)) == toLower(trimSlash(scope));
    });
    if (it == assignments_.end()) return false;
    assignments_.erase(it);
    return true;
}

std::vector<RoleAssignment> AccessControl::listAt(const std::string& scope, bool atScopeOnly) const {
    std::lock_guard lock(mutex_);
    std::vector<RoleAssignment> out;
    for (const auto& a : assignments_) {
        if (scopeCovers(a.scope, scope) || (!atScopeOnly && scopeCovers(scope, a.scope))) out.push_back(a);
    }
    return out;
}

bool AccessControl::allows(const std::string& principalId, const std::string& scope,
                           const std::string& action, Plane plane) const {
    for (const auto& role : effectiveRoles(principalId, scope))
        if (roleAllows(role, action, plane)) return true;
    return false;
}

std::vector<RoleDefinition> AccessControl::effectiveRoles(const std::string& principalId,
                                                          const std::string& scope) const {
    std::lock_guard lock(mutex_);
    std::vector<RoleDefinition> out;
    for (const auto& a : assignments_) {
        if (toLower(a.principalId) != toLower(principalId) || !scopeCovers(a.scope, scope)) continue;
        if (const RoleDefinition* role = roleById(a.roleDefinitionId)) out.push_back(*role);
    }
    return out;
}

void AccessControl::clear() {
    std::lock_guard lock(mutex_);
    assignments_.clear();
}

kv::Json AccessControl::toJson() const {
    std::lock_guard lock(mutex_);
    kv::Json list = kv::Json::array();
    for (const auto& a : assignments_) {
        kv::Json j = kv::Json::object();
        j["name"] = a.name;
        j["scope"] = a.scope;
        j["roleDefinitionId"] = a.roleDefinitionId;
        j["principalId"] = a.principalId;
        j["principalType"] = a.principalType;
        j["createdOn"] = a.createdOn;
        list.push(j);
    }
    return list;
}

void AccessControl::loadJson(const kv::Json& list) {
    if (!list.isArray()) return;
    std::lock_guard lock(mutex_);
    for (const auto& j : list.asArray()) {
        if (!j.isObject()) continue;
        assignments_.push_back({j.str("name").value_or(""), j.str("scope").value_or(""),
                                j.str("roleDefinitionId").value_or(""), j.str("principalId").value_or(""),
                                j.str("principalType").value_or(""), j.str("createdOn").value_or("")});
    }
}

std::vector<std::string> splitSegments(const std::string& path) {
    std::vector<std::string> segs;
    std::string cur;
    for (char c : path) {
        if (c != '/') {
            cur += c;
        } else if (!cur.empty()) {
            segs.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) segs.push_back(std::move(cur));
    return segs;
}

DataAction keyVaultDataAction(const std::string& method, const std::string& path) {
    const std::vector<std::string> s = splitSegments(path);
    const std::string area = s.empty() ? "" : toLower(s[0]);
    const std::string op = s.size() > 2 ? toLower(s.back()) : "";
    const bool get = method == "GET" || method == "HEAD";
    const std::string base = "Microsoft.KeyVault/vaults/";
    auto scoped = [&](const std::string& kind, const std::string& verb) {
        return DataAction{base + kind + "/" + verb, s.size() > 1 ? "/" + kind + "/" + s[1] : ""};
    };
    auto vaultWide = [&](const std::string& what) { return DataAction{base + what, ""}; };
    const bool deleted = area.rfind("deleted", 0) == 0;
    const std::string kind = deleted ? area.substr(7) : area;
    if (kind == "secrets") {
        if (method == "POST" && s.size() == 2 && s[1] == "restore")
            return vaultWide("secrets/restore/action");
        if (deleted) {
            if (get) return scoped(kind, "readMetadata/action");
            if (method == "DELETE") return scoped(kind, "purge/action");
            return scoped(kind, "recover/action");
        }
        if (s.size() == 1 || op == "versions") return scoped(kind, "readMetadata/action");
        if (op == "backup") return scoped(kind, "backup/action");
        if (get) return scoped(kind, "getSecret/action");
        if (method == "PUT") return scoped(kind, "setSecret/action");
        if (method == "DELETE") return scoped(kind, "delete");
        return scoped(kind, "update/action");
    }
    if (kind == "keys") {
        if (method == "POST" && s.size() == 2 && s[1] == "restore") return vaultWide("keys/restore/action");
        if (deleted) {
            if (get) return scoped(kind, "read");
            if (method == "DELETE") return scoped(kind, "purge/action");
            return scoped(kind, "recover/action");
        }
        if (op == "rotationpolicy") return scoped("keyrotationpolicies", get ? "read" : "write");
        if (get) return scoped(kind, "read");
        if (method == "PUT") return scoped(kind, "import/action");
        if (method == "DELETE") return scoped(kind, "delete");
        if (method == "PATCH") return scoped(kind, "update/action");
        if (op == "wrapkey" || op == "unwrapkey")
            return scoped(kind, op.substr(0, op.size() - 3) + "/action");
        return scoped(kind, op + "/action"); // create, backup, rotate, encrypt, sign, release, ...
    }
    if (area == "rng") return vaultWide("rng/action");
    if (kind == "certificates") {
        if (s.size() >= 2 && toLower(s[1]) == "contacts") return vaultWide("certificatecontacts/write");
        if (s.size() >= 2 && toLower(s[1]) == "issuers")
            return vaultWide(std::string("certificatecas/") + (get                  ? "read"
                                                               : method == "DELETE" ? "delete"
                                                                                    : "write"));
        if (method == "POST" && s.size() == 2 && s[1] == "restore")
            return vaultWide("certificates/restore/action");
        if (deleted) {
            if (get) return scoped(kind, "read");
            if (method == "DELETE") return scoped(kind, "purge/action");
            return scoped(kind, "recover/action");
        }
        if (get) return scoped(kind, "read");
        if (method == "DELETE" && s.size() == 2) return scoped(kind, "delete");
        if (op == "create" || op == "import" || op == "backup") return scoped(kind, op + "/action");
        return scoped(kind, "update/action");
    }
    return vaultWide("read");
}

} // namespace emu::arm
