// SPDX-License-Identifier: MIT
#include <kvbridge/arm/authorization_client.hpp>

#include <kvbridge/error.hpp>

#include "arm/arm_json.hpp"

namespace kvb::arm {

using http::Method;

namespace {

constexpr std::string_view kProvider = "Microsoft.Authorization";

// OData string literals double their single quotes.
std::string odataString(std::string_view text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

bool sameRole(const RoleAssignment& assignment, const std::string& roleGuid) {
    try {
        return roleDefinitionGuid(assignment.roleDefinitionId) == roleGuid;
    } catch (const InvalidArgument&) {
        return false;
    }
}

// The list answers assignments above and below the scope too; only one held at it counts.
bool atScope(const RoleAssignment& assignment, const ResourceId& scope) {
    try {
        return !assignment.scope.empty() && ResourceId::parse(assignment.scope) == scope;
    } catch (const InvalidArgument&) {
        return false;
    }
}

} // namespace

struct AuthorizationClient::Impl {
    ArmConnection conn;

    Impl(std::shared_ptr<const identity::TokenCredential> credential, const ArmClientOptions& options)
        : conn(std::move(credential), options, kAuthorizationApiVersion) {}

    kvb::detail::UrlBuilder url(const ResourceId& scope, std::string_view collection,
                                std::string_view name = {}) const {
        if (name.empty()) return conn.url(scope, {"providers", kProvider, collection});
        return conn.url(scope, {"providers", kProvider, collection, name});
    }

    // The assignment of @p roleGuid to @p principalId at exactly @p scope, if one exists.
    std::optional<RoleAssignment> findAssignment(const ResourceId& scope, std::string_view principalId,
                                                 const std::string& roleGuid,
                                                 const AuthorizationClient& client,
                                                 const Context& context) const {
        for (const auto& assignment : client.listRoleAssignments(scope, principalId, context))
            if (atScope(assignment, scope) && sameRole(assignment, roleGuid)) return assignment;
        return std::nullopt;
    }
};

AuthorizationClient::AuthorizationClient(std::shared_ptr<const identity::TokenCredential> credential,
                                         ArmClientOptions options)
    : impl_(std::make_shared<const Impl>(std::move(credential), options)) {}

Response<RoleDefinition> AuthorizationClient::getRoleDefinition(const ResourceId& scope,
                                                                std::string_view roleDefinition,
                                                                const Context& context) const {
    const auto guid = roleDefinitionGuid(roleDefinition);
    return armGet<RoleDefinition>(impl_->conn, impl_->url(scope, "roleDefinitions", guid).str(),
                                  parseRoleDefinition, "role definition", context);
}

Response<std::optional<RoleDefinition>>
AuthorizationClient::findRoleDefinitionByName(const ResourceId& scope, std::string_view roleName,
                                              const Context& context) const {
    if (roleName.empty()) throw InvalidArgument("role name must not be empty");
    auto url = impl_->url(scope, "roleDefinitions");
    url.query("$filter", "roleName eq " + odataString(roleName));
    auto pager = armList<RoleDefinition>(impl_->conn, std::move(url).str(), parseRoleDefinition,
                                         "role definitions page", context);
    Response<std::optional<RoleDefinition>> out;
    for (; pager.hasPage(); pager.moveToNextPage()) {
        out.status = pager.page().status;
        out.headers = pager.page().headers;
        if (!pager.page().items.empty()) {
            out.value = pager.page().items.front();
            break;
        }
    }
    return out;
}

Response<RoleAssignment> AuthorizationClient::createRoleAssignment(const ResourceId& scope,
                                                                   std::string_view principalId,
                                                                   std::string_view roleDefinition,
                                                                   const CreateRoleAssignmentOptions& options,
                                                                   const Context& context) const {
    const auto name = roleAssignmentName(scope, principalId, roleDefinition);
    const auto roleGuid = roleDefinitionGuid(roleDefinition);
    auto request =
        jsonRequest(Method::Put, impl_->url(scope, "roleAssignments", name).str(),
                    roleAssignmentBody(roleDefinitionIdAt(scope, roleDefinition), principalId, options));
    try {
        // 200: the service had this assignment under this name already and changed nothing.
        return armSend<RoleAssignment>(impl_->conn, request, {200, 201}, parseRoleAssignment,
                                       "role assignment", context);
    } catch (const ConflictError& conflict) {
        // The grant exists (under this name, or under another one made by some other tool).
        if (conflict.serviceCode() != "RoleAssignmentExists") throw;
        auto existing = impl_->findAssignment(scope, principalId, roleGuid, *this, context);
        if (!existing) throw;
        Response<RoleAssignment> out;
        out.status = 200;
        out.value = std::move(*existing);
        return out;
    }
}

Pager<RoleAssignment> AuthorizationClient::listRoleAssignments(const ResourceId& scope,
                                                               std::string_view principalId,
                                                               const Context& context) const {
    validateGuid(principalId, "principal id");
    auto url = impl_->url(scope, "roleAssignments");
    url.query("$filter", "principalId eq " + odataString(principalId));
    return armList<RoleAssignment>(impl_->conn, std::move(url).str(), parseRoleAssignment,
                                   "role assignments page", context);
}

Response<std::optional<RoleAssignment>>
AuthorizationClient::deleteRoleAssignment(const ResourceId& scope, std::string_view assignmentName,
                                          const Context& context) const {
    validateGuid(assignmentName, "role assignment name");
    http::Request request(Method::Delete, impl_->url(scope, "roleAssignments", assignmentName).str());
    auto raw = kvb::detail::sendExpecting(*impl_->conn.pipeline, request, {200, 204}, context);
    Response<std::optional<RoleAssignment>> out;
    out.status = raw.status;
    if (raw.status == 200 && !raw.body.empty()) {
        const auto doc = kvb::detail::parseJson(raw.body, "role assignment");
        out.value = parseRoleAssignment(kvb::detail::requireObject(doc, "role assignment"));
    }
    out.headers = std::move(raw.headers);
    return out;
}

Response<PermissionSet> AuthorizationClient::getPermissions(const ResourceId& scope,
                                                            const Context& context) const {
    if (scope.resourceGroupName().empty())
        throw InvalidArgument("permissions are listed for a resource group or a resource, not for " +
                              scope.str());
    auto pager = armList<Permission>(impl_->conn, impl_->url(scope, "permissions").str(), parsePermission,
                                     "permissions page", context);
    Response<PermissionSet> out;
    for (; pager.hasPage(); pager.moveToNextPage()) {
        const auto& page = pager.page();
        out.status = page.status;
        out.headers = page.headers;
        out.value.permissions.insert(out.value.permissions.end(), page.items.begin(), page.items.end());
    }
    return out;
}

} // namespace kvb::arm
