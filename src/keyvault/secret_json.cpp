// SPDX-License-Identifier: MIT
#include "keyvault/secret_json.hpp"

#include "keyvault/object_attributes.hpp"

namespace kvb::keyvault {

using namespace kvb::detail;

SecretProperties parseSecretProperties(const JsonValue& obj) {
    // One pass over the members (list pages read 25 of these): no lookup per field.
    SecretProperties p;
    bool hasId = false;
    if (obj.IsObject()) {
        for (const auto& member : obj.GetObject()) {
            const JsonValue& v = member.value;
            if (v.IsNull()) continue; // null is absent, as findMember has it
            const auto name = memberName(member.name);
            if (name == "id") {
                p.id = stringValue(v, name);
                hasId = true;
            } else if (name == "attributes")
                assignAttributes(attributesFrom(v), p);
            else if (name == "contentType")
                p.contentType = stringValue(v, name);
            else if (name == "tags")
                p.tags = stringMapValue(v, name);
            else if (name == "kid")
                p.keyId = stringValue(v, name);
            else if (name == "managed")
                p.managed = boolValue(v, name);
            else if (name == "previousVersion")
                p.previousVersion = stringValue(v, name);
        }
    }
    if (!hasId) throwMissingField("id");
    readId(p.id, p);
    return p;
}

namespace {
SecretString optSecretValue(const JsonValue& obj) {
    const auto* v = findMember(obj, "value");
    if (v == nullptr) return {};
    if (!v->IsString()) throw ParseError("secret 'value' is not a string");
    return SecretString(std::string_view(v->GetString(), v->GetStringLength()));
}
} // namespace

KeyVaultSecret parseSecret(const JsonValue& obj) {
    KeyVaultSecret s;
    s.properties = parseSecretProperties(obj);
    s.value = optSecretValue(obj);
    return s;
}

DeletedSecret parseDeletedSecret(const JsonValue& obj) {
    DeletedSecret d;
    d.properties = parseSecretProperties(obj);
    d.value = optSecretValue(obj);
    d.recoveryId = optString(obj, "recoveryId");
    d.deletedOn = optUnixTime(obj, "deletedDate");
    d.scheduledPurgeDate = optUnixTime(obj, "scheduledPurgeDate");
    return d;
}

void writeSetSecret(JsonWriter& w, const SecretString& value, const SetSecretOptions& options) {
    w.startObject();
    w.member("value", value.reveal());
    w.member("contentType", options.contentType);
    if (!options.tags.empty()) w.member("tags", options.tags);
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn);
    w.endObject();
}

std::string updateSecretBody(const UpdateSecretPropertiesOptions& options) {
    JsonWriter w;
    w.startObject();
    w.member("contentType", options.contentType);
    if (options.tags) w.member("tags", *options.tags);
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn);
    w.endObject();
    return w.str();
}

} // namespace kvb::keyvault
