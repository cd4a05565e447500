// SPDX-License-Identifier: MIT
// Microsoft.Authorization: role definitions (the built-in roles, found by name), role
// assignments (put by name, with ARM's duplicate rules), and the caller's permissions at a scope.
#include "arm_common.hpp"

#include "../time_util.hpp"
#include "../url_util.hpp"

namespace emu {

namespace {

constexpr const char* kAssignmentsType = "Microsoft.Authorization/roleAssignments";
constexpr const char* kDefinitionsType = "Microsoft.Authorization/roleDefinitions";

// The quoted value of "<name> eq '<value>'" in an OData filter, compared case-insensitively.
std::optional<std::string> eqValue(const std::string& filter, const std::string& name) {
    const std::string lower = toLower(filter);
    const std::string key = toLower(name) + " eq '";
    const std::size_t at = lower.find(key);
    if (at == std::string::npos) return std::nullopt;
    const std::size_t start = at + key.size();
    const std::size_t end = filter.find('\'', start);
    if (end == std::string::npos) return std::nullopt;
    return filter.substr(start, end - start);
}

kv::Json strings(const std::vector<std::string>& list) {
    kv::Json a = kv::Json::array();
    for (const auto& s : list) a.push(s);
    return a;
}

kv::Json permissionBlock(const arm::RoleDefinition& r) {
    kv::Json p = kv::Json::object();
    p["actions"] = strings(r.actions);
    p["notActions"] = strings(r.notActions);
    p["dataActions"] = strings(r.dataActions);
    p["notDataActions"] = strings(r.notDataActions);
    return p;
}

// The GUID at the end of ".../roleDefinitions/<guid>".
std::string roleGuid(const std::string& roleDefinitionId) {
    const std::string marker = "/roledefinitions/";
    const std::size_t at = toLower(roleDefinitionId).rfind(marker);
    return at == std::string::npos ? "" : roleDefinitionId.substr(at + marker.size());
}

kv::Json list(kv::Json items) {
    kv::Json out = kv::Json::object();
    out["value"] = std::move(items);
    return out;
}

} // namespace

kv::Json ArmService::roleJson(const arm::RoleDefinition& r) const {
    kv::Json props = kv::Json::object();
    props["roleName"] = r.name;
    props["type"] = "BuiltInRole";
    props["description"] = r.description;
    props["assignableScopes"] = strings({"/"});
    kv::Json perms = kv::Json::array();
    perms.push(permissionBlock(r));
    props["permissions"] = perms;
    props["createdOn"] = "2020-05-19T17:52:46.0000000Z";
    props["updatedOn"] = "2024-01-12T16:49:52.0000000Z";
    props["createdBy"] = nullptr;
    props["updatedBy"] = nullptr;
    kv::Json j = kv::Json::object();
    j["properties"] = props;
    j["id"] = "/subscriptions/" + subscription_ + "/providers/" + kDefinitionsType + "/" + r.id;
    j["type"] = kDefinitionsType;
    j["name"] = r.id;
    return j;
}

kv::Json ArmService::assignmentJson(const arm::RoleAssignment& a) const {
    kv::Json props = kv::Json::object();
    props["roleDefinitionId"] =
        "/subscriptions/" + subscription_ + "/providers/" + kDefinitionsType + "/" + a.roleDefinitionId;
    props["principalId"] = a.principalId;
    props["principalType"] = a.principalType;
    props["scope"] = a.scope;
    props["condition"] = nullptr;
    props["conditionVersion"] = nullptr;
    props["createdOn"] = a.createdOn;
    props["updatedOn"] = a.createdOn;
    props["createdBy"] = nullptr;
    props["updatedBy"] = nullptr;
    props["delegatedManagedIdentityResourceId"] = nullptr;
    props["description"] = nullptr;
    kv::Json j = kv::Json::object();
    j["properties"] = props;
    j["id"] = a.scope + "/providers/" + kAssignmentsType + "/" + a.name;
    j["type"] = kAssignmentsType;
    j["name"] = a.name;
    return j;
}

HttpReply ArmService::roleDefinitions(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (req.method != "GET")
        throw ArmFailure(405, "MethodNotAllowed", "Built-in role definitions are read-only.");
    require(caller, "Microsoft.Authorization/roleDefinitions/read", t.scope);
    if (t.rest.size() == 2) {
        const arm::RoleDefinition* r = arm::roleById(t.rest[1]);
        if (r == nullptr)
            throw ArmFailure(404, "RoleDefinitionDoesNotExist",
                             "The specified role definition with ID '" + t.rest[1] + "' does not exist.");
        return arm::jsonReply(roleJson(*r));
    }
    const std::string filter = firstValue(req.query, "$filter");
    const auto wanted = eqValue(filter, "roleName");
    const auto type = eqValue(filter, "type");
    if (!filter.empty() && !wanted && !type)
        throw ArmFailure(400, "InvalidFilterInQueryString",
                         "The filter '" + filter +
                             "' is not supported: use roleName eq '...' or type eq '...'.");
    kv::Json items = kv::Json::array();
    for (const auto& r : arm::builtInRoles()) {
        if (wanted && toLower(*wanted) != toLower(r.name)) continue;
        if (type && toLower(*type) != "builtinrole") continue;
        items.push(roleJson(r));
    }
    return arm::jsonReply(list(items));
}

HttpReply ArmService::roleAssignments(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (t.rest.size() == 1) {
        if (req.method != "GET")
            throw ArmFailure(405, "MethodNotAllowed", "Role assignments are listed with GET.");
        require(caller, "Microsoft.Authorization/roleAssignments/read", t.scope);
        const std::string filter = firstValue(req.query, "$filter");
        const bool atScope = toLower(filter).find("atscope()") != std::string::npos;
        auto principal = eqValue(filter, "principalId");
        if (!principal) {
            // assignedTo('<id>') names the principal too.
            const std::string lower = toLower(filter);
            const std::size_t at = lower.find("assignedto('");
            if (at != std::string::npos) {
                const std::size_t start = at + 12, end = filter.find('\'', start);
                if (end != std::string::npos) principal = filter.substr(start, end - start);
            }
        }
        if (!filter.empty() && !atScope && !principal)
            throw ArmFailure(400, "InvalidFilterInQueryString",
                             "The filter '" + filter +
                                 "' is not supported: use atScope(), principalId eq '...' "
                                 "or assignedTo('...'), joined with 'and'.");
        kv::Json items = kv::Json::array();
        for (const auto& a : access_.listAt(t.scope, atScope)) {
            if (principal && toLower(*principal) != toLower(a.principalId)) continue;
            items.push(assignmentJson(a));
        }
        return arm::jsonReply(list(items));
    }
    if (t.rest.size() != 2) throw ArmFailure(404, "InvalidResourceType", "Unknown role assignment path.");
    const std::string name = t.rest[1];
    if (req.method == "GET") {
        require(caller, "Microsoft.Authorization/roleAssignments/read", t.scope);
        auto a = access_.find(t.scope, name);
        if (!a)
            throw ArmFailure(404, "RoleAssignmentNotFound",
                             "The role assignment '" + name + "' is not found.");
        return arm::jsonReply(assignmentJson(*a));
    }
    if (req.method == "DELETE") {
        require(caller, "Microsoft.Authorization/roleAssignments/delete", t.scope);
        auto a = access_.find(t.scope, name);
        if (!a || !access_.remove(t.scope, name)) {
            return arm::noContent();
        }
        return arm::jsonReply(assignmentJson(*a));
    }
    if (req.method != "PUT")
        throw ArmFailure(405, "MethodNotAllowed", "Role assignments take GET, PUT and DELETE.");
    require(caller, "Microsoft.Authorization/roleAssignments/write", t.scope);
    if (!arm::isGuid(name))
        throw ArmFailure(400, "InvalidRoleAssignmentId",
                         "The role assignment ID '" + name +
                             "' is not valid. The role assignment ID must be a GUID.");
    const kv::Json body = arm::parseBody(req);
    const kv::Json& props = body["properties"];
    const auto roleId = props.isObject() ? props.str("roleDefinitionId") : std::nullopt;
    const auto principal = props.isObject() ? props.str("principalId") : std::nullopt;
    if (!roleId || !principal || !arm::isGuid(*principal))
        throw ArmFailure(400, "InvalidRequestContent",
                         "properties.roleDefinitionId and properties.principalId (a GUID) are required.");
    const arm::RoleDefinition* role = arm::roleById(roleGuid(*roleId));
    if (role == nullptr)
        throw ArmFailure(400, "RoleDefinitionDoesNotExist",
                         "The specified role definition with ID '" + roleGuid(*roleId) + "' does not exist.");
    arm::RoleAssignment want{toLower(name),
                             t.scope,
                             role->id,
                             toLower(*principal),
                             props.str("principalType").value_or("ServicePrincipal"),
                             isoTime(nowMillis())};
    if (auto existing = access_.find(t.scope, name)) {
        if (toLower(existing->principalId) != want.principalId ||
            existing->roleDefinitionId != want.roleDefinitionId)
            throw ArmFailure(
                400, "RoleAssignmentUpdateNotPermitted",
                "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
        return arm::jsonReply(assignmentJson(*existing), 200);
    }
    if (auto same = access_.sameGrant(want))
        throw ArmFailure(409, "RoleAssignmentExists",
                         "The role assignment already exists. The ID of the existing role assignment is " +
                             same->name + ".");
    access_.put(want);
    return arm::jsonReply(assignmentJson(want), 201);
}

HttpReply ArmService::permissions(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (req.method != "GET" || t.rest.size() != 1)
        throw ArmFailure(405, "MethodNotAllowed", "Permissions are read with GET.");
    kv::Json items = kv::Json::array();
    for (const auto& role : access_.effectiveRoles(caller.oid, t.scope)) items.push(permissionBlock(role));
    return arm::jsonReply(list(items));
}

} // namespace emu
