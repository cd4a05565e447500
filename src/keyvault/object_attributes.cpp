// SPDX-License-Identifier: MIT
#include "keyvault/object_attributes.hpp"

#include <kvbridge/error.hpp>

namespace kvb::keyvault {

using kvb::detail::findMember;
using kvb::detail::JsonValue;

ObjectAttributes attributesFrom(const JsonValue& attributes) {
    using namespace kvb::detail;
    ObjectAttributes out;
    for (const auto& member : requireObject(attributes, "attributes").GetObject()) {
        const JsonValue& v = member.value;
        if (v.IsNull()) continue; // null is absent, as findMember has it
        const auto name = memberName(member.name);
        if (name == "enabled")
            out.enabled = boolValue(v, name);
        else if (name == "nbf")
            out.notBefore = unixTimeValue(v, name);
        else if (name == "exp")
            out.expiresOn = unixTimeValue(v, name);
        else if (name == "created")
            out.createdOn = unixTimeValue(v, name);
        else if (name == "updated")
            out.updatedOn = unixTimeValue(v, name);
        else if (name == "recoverableDays")
            out.recoverableDays = static_cast<int>(intValue(v, name));
        else if (name == "recoveryLevel")
            out.recoveryLevel = stringValue(v, name);
    }
    return out;
}

ObjectAttributes readAttributes(const JsonValue& parent) {
    const JsonValue* attrs = findMember(parent, "attributes");
    if (attrs == nullptr) return {};
    return attributesFrom(*attrs);
}

void writeAttributes(kvb::detail::JsonWriter& writer, const std::optional<bool>& enabled,
                     const std::optional<TimePoint>& notBefore, const std::optional<TimePoint>& expiresOn,
                     const std::optional<bool>& exportable) {
    if (!enabled && !notBefore && !expiresOn && !exportable) return;
    writer.key("attributes").startObject();
    writer.member("enabled", enabled);
    writer.memberUnixTime("nbf", notBefore);
    writer.memberUnixTime("exp", expiresOn);
    writer.member("exportable", exportable);
    writer.endObject();
}

KeyVaultId parseResponseId(std::string_view id, std::string_view what) {
    try {
        return KeyVaultId::parse(id);
    } catch (const InvalidArgument&) {
        throw ParseError(std::string(what) + ": 'id' is not a Key Vault object id");
    }
}

} // namespace kvb::keyvault
