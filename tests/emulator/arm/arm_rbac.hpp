// SPDX-License-Identifier: MIT
#pragma once

// Azure RBAC as the emulator enforces it: the built-in role definitions the migration uses, the
// role assignments made through Resource Manager, and the one question both planes ask ("may
// this principal do this action at this scope?"). Scopes are resource ids; an assignment applies
// at its scope and below it. Action patterns use '*' and compare case-insensitively, as ARM does.

#include "../keyvault/kv_json.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu::arm {

struct RoleDefinition {
    std::string id; // the GUID
    std::string name;
    std::string description;
    std::vector<std::string> actions, notActions, dataActions, notDataActions;
};

struct RoleAssignment {
    std::string name; // the GUID in the assignment's id
    std::string scope;
    std::string roleDefinitionId; // the role's GUID
    std::string principalId;
    std::string principalType;
    std::string createdOn;
};

// The built-in roles, in a fixed order.
const std::vector<RoleDefinition>& builtInRoles();
const RoleDefinition* roleById(const std::string& guid);

// True when @p scope is @p ancestor or lies under it (segment-wise, case-insensitive).
bool scopeCovers(const std::string& ancestor, const std::string& scope);
// True when @p action matches @p pattern ('*' matches any run of characters).
bool actionMatches(const std::string& pattern, const std::string& action);

class AccessControl {
public:
    enum class Plane { Control, Data };

    // Adds @p a; throws nothing. The caller has checked names and duplicates.
    void put(const RoleAssignment& a);
    std::optional<RoleAssignment> find(const std::string& scope, const std::string& name) const;
    // The assignment for the same scope, principal and role under any name.
    std::optional<RoleAssignment> sameGrant(const RoleAssignment& a) const;
    bool remove(const std::string& scope, const std::string& name);
    // Assignments at @p scope and above it, plus (unless atScopeOnly) those below it.
    std::vector<RoleAssignment> listAt(const std::string& scope, bool atScopeOnly) const;
    // True when one of the principal's assignments covering @p scope allows @p action.
    bool allows(const std::string& principalId, const std::string& scope, const std::string& action,
                Plane plane) const;
    // The role definitions of the principal's assignments that cover @p scope.
    std::vector<RoleDefinition> effectiveRoles(const std::string& principalId,
                                               const std::string& scope) const;
    void clear();
    kv::Json toJson() const;
    void loadJson(const kv::Json& list);

private:
    mutable std::mutex mutex_;
    std::vector<RoleAssignment> assignments_;
};

// The Key Vault data action a request needs and the scope it acts on, below the vault's id:
// "" (the vault) or "/secrets/<name>", "/keys/<name>", "/certificates/<name>".
struct DataAction {
    std::string action;
    std::string subScope;
};
DataAction keyVaultDataAction(const std::string& method, const std::string& path);

// The non-empty segments of a path.
std::vector<std::string> splitSegments(const std::string& path);

} // namespace emu::arm
