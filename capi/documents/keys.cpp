// SPDX-License-Identifier: MIT
// The documents of keys.h. A JWK keeps the names of its RFC, so its reader and writer are the
// library's; the other documents use the C++ models' names.

#include "documents/keys.hpp"

#include "core/encoding.hpp"
#include "keyvault/key_json.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;

void writeBase64Url(JsonWriter& w, std::string_view name, std::span<const std::uint8_t> bytes) {
    w.member(name, kvd::base64UrlEncode(bytes));
}

void writeReleasePolicy(JsonWriter& w, const keyvault::KeyReleasePolicy& r) {
    writeObject(w, [&] {
        w.member("contentType", r.contentType).member("immutable", r.immutable);
        writeBase64Url(w, "encodedPolicy", r.encodedPolicy);
    });
}

void writeAttestation(JsonWriter& w, const keyvault::KeyAttestation& a) {
    writeObject(w, [&] {
        writeBase64Url(w, "certificatePemFile", a.certificatePemFile);
        writeBase64Url(w, "privateKeyAttestation", a.privateKeyAttestation);
        writeBase64Url(w, "publicKeyAttestation", a.publicKeyAttestation);
        w.member("version", a.version);
    });
}

void writeKeyPropertiesMembers(JsonWriter& w, const keyvault::KeyProperties& p) {
    writePropertiesMembers(w, p);
    w.member("exportable", p.exportable).member("hsmPlatform", p.hsmPlatform).member("keySize", p.keySize);
    w.member("managed", p.managed);
    if (p.releasePolicy) writeReleasePolicy(w.key("releasePolicy"), *p.releasePolicy);
    if (p.attestation) writeAttestation(w.key("attestation"), *p.attestation);
}

void writeKeyMembers(JsonWriter& w, const keyvault::KeyVaultKey& k) {
    writeKeyPropertiesMembers(w, k.properties);
    w.member("kty", k.key.kty).member("keyOps", k.key.keyOps);
    keyvault::writeJsonWebKey(w.key("key"), k.key);
}

} // namespace

void writeKeyProperties(JsonWriter& w, const keyvault::KeyProperties& p) {
    writeObject(w, [&] { writeKeyPropertiesMembers(w, p); });
}

void writeKey(JsonWriter& w, const keyvault::KeyVaultKey& k) {
    writeObject(w, [&] { writeKeyMembers(w, k); });
}

void writeDeletedKey(JsonWriter& w, const keyvault::DeletedKey& d) {
    writeObject(w, [&] {
        writeKeyMembers(w, d.key);
        writeDeletionMembers(w, d);
    });
}

void writeRotationPolicy(JsonWriter& w, const keyvault::KeyRotationPolicy& p) {
    writeObject(w, [&] {
        w.member("id", p.id);
        writeObjects(
            w, "lifetimeActions", p.lifetimeActions, [&](const keyvault::KeyRotationLifetimeAction& a) {
                w.member("action", a.action);
                w.member("timeAfterCreate", a.timeAfterCreate).member("timeBeforeExpiry", a.timeBeforeExpiry);
            });
        w.member("expiresIn", p.expiresIn);
        w.memberUnixTime("createdOn", p.createdOn);
        w.memberUnixTime("updatedOn", p.updatedOn);
    });
}

keyvault::KeyRotationPolicy readRotationPolicy(std::string_view json) {
    return readDocument(json, "rotation policy", [](const JsonValue& o) {
        keyvault::KeyRotationPolicy policy;
        forEachObject(o, "lifetimeActions", [&](const JsonValue& a) {
            policy.lifetimeActions.push_back({kvd::requireString(a, "action"),
                                              kvd::optString(a, "timeAfterCreate"),
                                              kvd::optString(a, "timeBeforeExpiry")});
        });
        policy.expiresIn = kvd::optString(o, "expiresIn");
        return policy;
    });
}

keyvault::KeyReleasePolicy readReleasePolicy(std::string_view json) {
    return readDocument(json, "release policy", [](const JsonValue& o) {
        keyvault::KeyReleasePolicy policy;
        if (auto contentType = kvd::optString(o, "contentType")) policy.contentType = *contentType;
        policy.immutable = kvd::optBool(o, "immutable");
        policy.encodedPolicy = kvd::base64UrlDecode(kvd::requireString(o, "encodedPolicy"));
        return policy;
    });
}

keyvault::JsonWebKey readJwk(std::string_view json) {
    return readSecretDocument(json, "jwk", [](const JsonValue& o) { return keyvault::parseJsonWebKey(o); });
}

} // namespace kvb::capi
