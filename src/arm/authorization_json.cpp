// SPDX-License-Identifier: MIT
// Microsoft.Authorization role definitions, role assignments and permissions (2022-04-01).
#include "arm/arm_json.hpp"

namespace kvb::arm {

using namespace kvb::detail;

Permission parsePermission(const JsonValue& obj) {
    return {optStringArray(obj, "actions"), optStringArray(obj, "notActions"),
            optStringArray(obj, "dataActions"), optStringArray(obj, "notDataActions")};
}

RoleDefinition parseRoleDefinition(const JsonValue& obj) {
    RoleDefinition role;
    readResource(role, obj);
    if (const auto* p = propertiesOf(obj)) {
        role.roleName = optString(*p, "roleName").value_or("");
        role.description = optString(*p, "description").value_or("");
        role.roleType = optString(*p, "type").value_or("");
        role.assignableScopes = optStringArray(*p, "assignableScopes");
        role.permissions = optObjectArray<Permission>(*p, "permissions", parsePermission);
    }
    return role;
}

RoleAssignment parseRoleAssignment(const JsonValue& obj) {
    RoleAssignment assignment;
    readResource(assignment, obj);
    if (const auto* p = propertiesOf(obj)) {
        assignment.scope = optString(*p, "scope").value_or("");
        assignment.roleDefinitionId = optString(*p, "roleDefinitionId").value_or("");
        assignment.principalId = optString(*p, "principalId").value_or("");
        assignment.principalType = optString(*p, "principalType").value_or("");
        assignment.description = optString(*p, "description").value_or("");
        assignment.createdOn = optIsoTime(*p, "createdOn");
        assignment.updatedOn = optIsoTime(*p, "updatedOn");
    }
    return assignment;
}

std::string roleAssignmentBody(std::string_view roleDefinitionId, std::string_view principalId,
                               const CreateRoleAssignmentOptions& options) {
    JsonWriter w;
    w.startObject().key("properties").startObject();
    w.member("roleDefinitionId", roleDefinitionId).member("principalId", principalId);
    if (!options.principalType.empty()) w.member("principalType", options.principalType);
    if (!options.description.empty()) w.member("description", options.description);
    w.endObject().endObject();
    return w.str();
}

} // namespace kvb::arm
