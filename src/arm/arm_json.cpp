// SPDX-License-Identifier: MIT
// The identity block and user-assigned identities (Microsoft.ManagedIdentity).
#include "arm/arm_json.hpp"

#include <kvbridge/error.hpp>

namespace kvb::arm {

using namespace kvb::detail;

ManagedServiceIdentity parseManagedServiceIdentity(const JsonValue& obj) {
    ManagedServiceIdentity identity;
    identity.type = optString(obj, "type").value_or("None");
    identity.principalId = optString(obj, "principalId").value_or("");
    identity.tenantId = optString(obj, "tenantId").value_or("");
    if (const auto* ids = findMember(obj, "userAssignedIdentities")) {
        for (const auto& member : requireObject(*ids, "userAssignedIdentities").GetObject()) {
            const auto& details = requireObject(member.value, "userAssignedIdentities");
            identity.userAssignedIdentities[std::string(memberName(member.name))] = {
                optString(details, "principalId").value_or(""), optString(details, "clientId").value_or("")};
        }
    }
    return identity;
}

void writeManagedServiceIdentity(JsonWriter& w, const ManagedServiceIdentity& identity) {
    w.key("identity").startObject().member("type", identity.type);
    if (!identity.userAssignedIdentities.empty()) {
        // principalId and clientId are read-only: a request names the identities only.
        w.key("userAssignedIdentities").startObject();
        for (const auto& entry : identity.userAssignedIdentities)
            w.key(entry.first).startObject().endObject();
        w.endObject();
    }
    w.endObject();
}

UserAssignedManagedIdentity parseUserAssignedIdentity(const JsonValue& obj) {
    UserAssignedManagedIdentity identity;
    readResource(identity, obj);
    if (const auto* p = propertiesOf(obj)) {
        identity.tenantId = optString(*p, "tenantId").value_or("");
        identity.principalId = optString(*p, "principalId").value_or("");
        identity.clientId = optString(*p, "clientId").value_or("");
    }
    return identity;
}

std::string identityBody(const CreateOrUpdateIdentityOptions& options) {
    if (options.location.empty()) throw InvalidArgument("identity location is required");
    JsonWriter w;
    w.startObject().member("location", options.location);
    if (!options.tags.empty()) w.member("tags", options.tags);
    w.endObject();
    return w.str();
}

} // namespace kvb::arm
