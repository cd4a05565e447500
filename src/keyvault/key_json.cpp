// SPDX-License-Identifier: MIT
#include "keyvault/key_json.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <array>

#include "keyvault/object_attributes.hpp"
#include "keyvault/base64url.hpp"

namespace kvb::keyvault {

using namespace kvb::detail;

JsonWebKey parseJsonWebKey(const JsonValue& obj) {
    JsonWebKey k;
    k.kid = optString(obj, "kid").value_or("");
    k.kty = optString(obj, "kty").value_or("");
    k.keyOps = optStringArray(obj, "key_ops");
    k.n = optBytes(obj, "n");
    k.e = optBytes(obj, "e");
    k.d = optSecretBytes(obj, "d");
    k.dp = optSecretBytes(obj, "dp");
    k.dq = optSecretBytes(obj, "dq");
    k.qi = optSecretBytes(obj, "qi");
    k.p = optSecretBytes(obj, "p");
    k.q = optSecretBytes(obj, "q");
    k.k = optSecretBytes(obj, "k");
    k.t = optBytes(obj, "key_hsm");
    k.crv = optString(obj, "crv");
    k.x = optBytes(obj, "x");
    k.y = optBytes(obj, "y");
    return k;
}

void writeJsonWebKey(JsonWriter& w, const JsonWebKey& key) {
    w.startObject();
    if (!key.kid.empty()) w.member("kid", key.kid);
    if (!key.kty.empty()) w.member("kty", key.kty);
    if (!key.keyOps.empty()) w.member("key_ops", key.keyOps);
    writeBytes(w, "n", key.n);
    writeBytes(w, "e", key.e);
    writeBytes(w, "d", key.d.reveal());
    writeBytes(w, "dp", key.dp.reveal());
    writeBytes(w, "dq", key.dq.reveal());
    writeBytes(w, "qi", key.qi.reveal());
    writeBytes(w, "p", key.p.reveal());
    writeBytes(w, "q", key.q.reveal());
    writeBytes(w, "k", key.k.reveal());
    writeBytes(w, "key_hsm", key.t);
    w.member("crv", key.crv);
    writeBytes(w, "x", key.x);
    writeBytes(w, "y", key.y);
    w.endObject();
}

namespace {

std::optional<KeyReleasePolicy> optReleasePolicy(const JsonValue& obj) {
    const auto* member = findMember(obj, "release_policy");
    if (member == nullptr) return std::nullopt;
    const auto& r = requireObject(*member, "release_policy");
    KeyReleasePolicy policy;
    policy.contentType = optString(r, "contentType").value_or("");
    policy.immutable = optBool(r, "immutable");
    policy.encodedPolicy = optBytes(r, "data");
    return policy;
}

void writeReleasePolicy(JsonWriter& w, const std::optional<KeyReleasePolicy>& policy) {
    if (!policy) return;
    w.key("release_policy").startObject();
    if (!policy->contentType.empty()) w.member("contentType", policy->contentType);
    w.member("immutable", policy->immutable);
    writeBytes(w, "data", policy->encodedPolicy);
    w.endObject();
}

void readKeyAttributes(const JsonValue& obj, KeyProperties& p) {
    readAttributes(obj, p);
    const auto* attrs = findMember(obj, "attributes");
    if (attrs == nullptr) return;
    p.exportable = optBool(*attrs, "exportable");
    p.hsmPlatform = optString(*attrs, "hsmPlatform");
    p.keySize = optInt(*attrs, "key_size");
    if (const auto* att = findMember(*attrs, "attestation")) {
        const auto& a = requireObject(*att, "attestation");
        KeyAttestation out;
        out.certificatePemFile = optBytes(a, "certificatePemFile");
        out.privateKeyAttestation = optBytes(a, "privateKeyAttestation");
        out.publicKeyAttestation = optBytes(a, "publicKeyAttestation");
        out.version = optString(a, "version");
        p.attestation = std::move(out);
    }
}

bool isOneOf(std::string_view value, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), value) != set.end();
}

} // namespace

KeyProperties parseKeyProperties(const JsonValue& obj) {
    KeyProperties p;
    if (const auto* key = findMember(obj, "key"))
        p.id = requireString(requireObject(*key, "key"), "kid");
    else
        p.id = requireString(obj, "kid");
    readId(p.id, p);
    readKeyAttributes(obj, p);
    p.tags = optStringMap(obj, "tags");
    p.managed = optBool(obj, "managed").value_or(false);
    p.releasePolicy = optReleasePolicy(obj);
    return p;
}

KeyVaultKey parseKey(const JsonValue& obj) {
    KeyVaultKey k;
    if (const auto* key = findMember(obj, "key")) k.key = parseJsonWebKey(requireObject(*key, "key"));
    k.properties = parseKeyProperties(obj);
    return k;
}

DeletedKey parseDeletedKey(const JsonValue& obj) {
    DeletedKey d;
    d.key = parseKey(obj);
    d.recoveryId = optString(obj, "recoveryId");
    d.deletedOn = optUnixTime(obj, "deletedDate");
    d.scheduledPurgeDate = optUnixTime(obj, "scheduledPurgeDate");
    return d;
}

KeyRotationPolicy parseRotationPolicy(const JsonValue& obj) {
    KeyRotationPolicy p;
    p.id = optString(obj, "id");
    if (const auto* actions = findMember(obj, "lifetimeActions")) {
        if (!actions->IsArray()) throw ParseError("'lifetimeActions' is not an array");
        for (const auto& item : actions->GetArray()) {
            const auto& a = requireObject(item, "lifetime action");
            KeyRotationLifetimeAction action;
            if (const auto* trigger = findMember(a, "trigger")) {
                action.timeAfterCreate = optString(*trigger, "timeAfterCreate");
                action.timeBeforeExpiry = optString(*trigger, "timeBeforeExpiry");
            }
            if (const auto* type = findMember(a, "action"))
                action.action = optString(*type, "type").value_or("");
            p.lifetimeActions.push_back(std::move(action));
        }
    }
    if (const auto* attrs = findMember(obj, "attributes")) {
        p.expiresIn = optString(*attrs, "expiryTime");
        p.createdOn = optUnixTime(*attrs, "created");
        p.updatedOn = optUnixTime(*attrs, "updated");
    }
    return p;
}

void validateCreateKey(std::string_view keyType, const CreateKeyOptions& options) {
    const bool rsa = isOneOf(keyType, {KeyType::Rsa, KeyType::RsaHsm});
    const bool ec = isOneOf(keyType, {KeyType::Ec, KeyType::EcHsm});
    const bool oct = isOneOf(keyType, {KeyType::Oct, KeyType::OctHsm});
    if (!rsa && !ec && !oct) throw InvalidArgument("unknown key type '" + std::string(keyType) + "'");
    if (!ec && options.curve) throw InvalidArgument("a curve is only valid for EC keys");
    if (!rsa && options.publicExponent) throw InvalidArgument("a public exponent is only valid for RSA keys");
    if (rsa && options.keySize && !isOneOf(std::to_string(*options.keySize), {"2048", "3072", "4096"}))
        throw InvalidArgument("RSA key size must be 2048, 3072 or 4096");
    if (oct && options.keySize && !isOneOf(std::to_string(*options.keySize), {"128", "192", "256"}))
        throw InvalidArgument("oct key size must be 128, 192 or 256");
    if (ec) {
        const std::string curve = options.curve.value_or(KeyCurveName::P256);
        static constexpr std::array<std::pair<std::string_view, int>, 4> kCurves{
            {{KeyCurveName::P256, 256},
             {KeyCurveName::P384, 384},
             {KeyCurveName::P521, 521},
             {KeyCurveName::P256K, 256}}};
        const auto it =
            std::find_if(kCurves.begin(), kCurves.end(), [&](const auto& c) { return c.first == curve; });
        if (it == kCurves.end()) throw InvalidArgument("unknown curve '" + curve + "'");
        if (options.keySize && *options.keySize != it->second)
            throw InvalidArgument("key size " + std::to_string(*options.keySize) + " does not match curve " +
                                  curve);
    }
    if (options.publicExponent && (*options.publicExponent < 3 || *options.publicExponent % 2 == 0))
        throw InvalidArgument("public exponent must be an odd number of at least 3");
    if (options.exportable.value_or(false) && !options.releasePolicy)
        throw InvalidArgument("an exportable key needs a release policy");
}

std::string createKeyBody(std::string_view keyType, const CreateKeyOptions& options) {
    JsonWriter w;
    w.startObject();
    w.member("kty", keyType);
    w.member("key_size", options.keySize);
    w.member("public_exponent", options.publicExponent);
    if (!options.keyOps.empty()) w.member("key_ops", options.keyOps);
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn, options.exportable);
    if (!options.tags.empty()) w.member("tags", options.tags);
    w.member("crv", options.curve);
    writeReleasePolicy(w, options.releasePolicy);
    w.endObject();
    return w.str();
}

void writeImportKey(JsonWriter& w, const JsonWebKey& key, const ImportKeyOptions& options) {
    w.startObject();
    w.member("Hsm", options.hardwareProtected);
    w.key("key");
    writeJsonWebKey(w, key);
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn, options.exportable);
    if (!options.tags.empty()) w.member("tags", options.tags);
    writeReleasePolicy(w, options.releasePolicy);
    w.endObject();
}

std::string updateKeyBody(const UpdateKeyPropertiesOptions& options) {
    JsonWriter w;
    w.startObject();
    if (options.keyOps) w.member("key_ops", *options.keyOps);
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn);
    if (options.tags) w.member("tags", *options.tags);
    writeReleasePolicy(w, options.releasePolicy);
    w.endObject();
    return w.str();
}

std::string rotationPolicyBody(const KeyRotationPolicy& policy) {
    JsonWriter w;
    w.startObject();
    w.key("lifetimeActions").startArray();
    for (const auto& a : policy.lifetimeActions) {
        if (a.action != "Rotate" && a.action != "Notify")
            throw InvalidArgument("lifetime action must be Rotate or Notify");
        if (!a.timeAfterCreate && !a.timeBeforeExpiry)
            throw InvalidArgument("lifetime action needs timeAfterCreate or timeBeforeExpiry");
        w.startObject();
        w.key("trigger").startObject();
        w.member("timeAfterCreate", a.timeAfterCreate);
        w.member("timeBeforeExpiry", a.timeBeforeExpiry);
        w.endObject();
        w.key("action").startObject().member("type", a.action).endObject();
        w.endObject();
    }
    w.endArray();
    if (policy.expiresIn) {
        w.key("attributes").startObject();
        w.member("expiryTime", policy.expiresIn);
        w.endObject();
    }
    w.endObject();
    return w.str();
}

} // namespace kvb::keyvault
