// SPDX-License-Identifier: MIT
#include "keyvault/object_attributes.hpp"

#include <kvbridge/error.hpp>

namespace kvb::keyvault::detail {

using kvb::detail::findMember;
using kvb::detail::JsonValue;

ObjectAttributes readAttributes(const JsonValue& parent) {
    ObjectAttributes out;
    const JsonValue* attrs = findMember(parent, "attributes");
    if (attrs == nullptr) return out;
    const JsonValue& a = kvb::detail::requireObject(*attrs, "attributes");
    out.enabled = kvb::detail::optBool(a, "enabled");
    out.notBefore = kvb::detail::optUnixTime(a, "nbf");
    out.expiresOn = kvb::detail::optUnixTime(a, "exp");
    out.createdOn = kvb::detail::optUnixTime(a, "created");
    out.updatedOn = kvb::detail::optUnixTime(a, "updated");
    if (auto days = kvb::detail::optInt(a, "recoverableDays")) out.recoverableDays = static_cast<int>(*days);
    out.recoveryLevel = kvb::detail::optString(a, "recoveryLevel");
    return out;
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

} // namespace kvb::keyvault::detail
