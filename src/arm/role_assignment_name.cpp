// SPDX-License-Identifier: MIT
// Role definition ids and the deterministic names of role assignments.
#include <kvbridge/arm/role_assignment.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/http/headers.hpp>

#include <algorithm>

#include "arm/arm_connection.hpp"
#include "arm/uuid_v5.hpp"

namespace kvb::arm {

namespace {

// kvbridge's own namespace for name-based UUIDs of role assignments; changing it would give
// every grant a new name, so that a rerun no longer finds what an earlier version made.
constexpr std::string_view kAssignmentNamespace = "6f0ac9c6-3b4f-5d1e-9a47-6b7672696467";

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

bool isGuid(std::string_view text) {
    try {
        validateGuid(text, "");
        return true;
    } catch (const InvalidArgument&) {
        return false;
    }
}

[[noreturn]] void notARole() {
    throw InvalidArgument("role definition must be a GUID or a role definition id "
                          "(.../providers/Microsoft.Authorization/roleDefinitions/{guid})");
}

} // namespace

std::string roleDefinitionGuid(std::string_view roleDefinition) {
    if (isGuid(roleDefinition)) return lowered(roleDefinition);
    if (roleDefinition.empty() || roleDefinition.front() != '/') notARole();
    const auto id = ResourceId::parse(roleDefinition);
    const bool role = !id.providers().empty() &&
                      http::equalsIgnoreCase(id.resourceType(), "Microsoft.Authorization/roleDefinitions") &&
                      isGuid(id.name());
    if (!role) notARole();
    return lowered(id.name());
}

std::string roleDefinitionIdAt(const ResourceId& scope, std::string_view roleDefinition) {
    const auto guid = roleDefinitionGuid(roleDefinition);
    if (!isGuid(roleDefinition)) return std::string(roleDefinition);
    const std::string base = scope.subscriptionId().empty() ? "" : "/subscriptions/" + scope.subscriptionId();
    return base + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
}

std::string roleAssignmentName(const ResourceId& scope, std::string_view principalId,
                               std::string_view roleDefinition) {
    validateGuid(principalId, "principal id");
    const std::string name =
        lowered(scope.str()) + "|" + lowered(principalId) + "|" + roleDefinitionGuid(roleDefinition);
    return nameBasedUuid(kAssignmentNamespace, name);
}

} // namespace kvb::arm
