// SPDX-License-Identifier: MIT
// KeyClient and the kvb_key model of the C ABI (issue #9).

#include <kvbridge/keyvault/key_client.hpp>

#include <string>

#include "core/encoding.hpp"
#include "json_glue.hpp"
#include "keys.hpp"
#include "keyvault/key_json.hpp"
#include "object_properties.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;
using keyvault::KeyType;

using KeyClientHandle = ValueHandle<Tag::KeyClient, keyvault::KeyClient>;

const keyvault::KeyClient& clientOf(const kvb_key_client* handle) {
    return unwrap<KeyClientHandle>(handle).value;
}

std::optional<int> optInt32(const JsonValue& o, std::string_view name) {
    if (auto v = kvd::optInt(o, name)) return static_cast<int>(*v);
    return std::nullopt;
}

std::optional<keyvault::KeyReleasePolicy> readReleasePolicy(const JsonValue& o) {
    const auto* member = kvd::findMember(o, "releasePolicy");
    if (member == nullptr) return std::nullopt;
    const auto& r = kvd::requireObject(*member, "releasePolicy");
    keyvault::KeyReleasePolicy policy;
    if (auto contentType = kvd::optString(r, "contentType")) policy.contentType = *contentType;
    policy.immutable = kvd::optBool(r, "immutable");
    policy.encodedPolicy = kvd::base64UrlDecode(kvd::requireString(r, "data"));
    return policy;
}

keyvault::CreateKeyOptions createOptions(const char* json) {
    return readInput(json, "key create options", [](const JsonValue& o) {
        const auto a = readAttributes(o);
        keyvault::CreateKeyOptions out;
        out.keyOps = kvd::optStringArray(o, "keyOps");
        out.keySize = optInt32(o, "keySize");
        out.publicExponent = optInt32(o, "publicExponent");
        out.curve = kvd::optString(o, "curve");
        out.exportable = kvd::optBool(o, "exportable");
        out.hardwareProtected = kvd::optBool(o, "hardwareProtected").value_or(false);
        out.releasePolicy = readReleasePolicy(o);
        applyAttributes(out, a);
        return out;
    });
}

keyvault::ImportKeyOptions importOptions(const char* json) {
    return readInput(json, "key import options", [](const JsonValue& o) {
        const auto a = readAttributes(o);
        keyvault::ImportKeyOptions out;
        out.hardwareProtected = kvd::optBool(o, "hardwareProtected");
        out.exportable = kvd::optBool(o, "exportable");
        out.releasePolicy = readReleasePolicy(o);
        applyAttributes(out, a);
        return out;
    });
}

keyvault::UpdateKeyPropertiesOptions updateOptions(const char* json) {
    return readInput(json, "key update", [](const JsonValue& o) {
        const auto a = readAttributes(o);
        keyvault::UpdateKeyPropertiesOptions out;
        if (kvd::findMember(o, "keyOps")) out.keyOps = kvd::optStringArray(o, "keyOps");
        out.releasePolicy = readReleasePolicy(o);
        applyAttributes(out, a);
        return out;
    });
}

void writeBase64Url(JsonWriter& w, std::string_view name, std::span<const std::uint8_t> bytes) {
    w.member(name, kvd::base64UrlEncode(bytes));
}

void writeKeyProperties(JsonWriter& w, const keyvault::KeyProperties& p) {
    writeCommonProperties(w, p);
    w.member("exportable", p.exportable).member("hsmPlatform", p.hsmPlatform).member("keySize", p.keySize);
    w.member("managed", p.managed);
    if (const auto& r = p.releasePolicy) {
        w.key("releasePolicy").startObject();
        w.member("contentType", r->contentType).member("immutable", r->immutable);
        writeBase64Url(w, "data", r->encodedPolicy);
        w.endObject();
    }
    if (const auto& a = p.attestation) {
        w.key("attestation").startObject();
        writeBase64Url(w, "certificatePemFile", a->certificatePemFile);
        writeBase64Url(w, "privateKeyAttestation", a->privateKeyAttestation);
        writeBase64Url(w, "publicKeyAttestation", a->publicKeyAttestation);
        w.member("version", a->version);
        w.endObject();
    }
}

void writeKey(JsonWriter& w, const keyvault::KeyVaultKey& k) {
    writeKeyProperties(w, k.properties);
    w.member("kty", k.key.kty).member("keyOps", k.key.keyOps);
    w.key("key");
    keyvault::writeJsonWebKey(w, k.key);
}

std::string keyPropertiesJson(const keyvault::KeyProperties& p) {
    return jsonObject([&](JsonWriter& w) { writeKeyProperties(w, p); });
}

std::string deletedKeyJson(const keyvault::DeletedKey& d) {
    return jsonObject([&](JsonWriter& w) {
        writeKey(w, d.key);
        writeDeletion(w, d);
    });
}

std::string rotationPolicyJson(const keyvault::KeyRotationPolicy& p) {
    return jsonObject([&](JsonWriter& w) {
        w.member("id", p.id);
        w.key("lifetimeActions").startArray();
        for (const auto& a : p.lifetimeActions) {
            w.startObject().key("trigger").startObject();
            w.member("timeAfterCreate", a.timeAfterCreate).member("timeBeforeExpiry", a.timeBeforeExpiry);
            w.endObject().key("action").startObject().member("type", a.action).endObject();
            w.endObject();
        }
        w.endArray();
        w.key("attributes").startObject();
        w.member("expiryTime", p.expiresIn);
        w.memberUnixTime("created", p.createdOn);
        w.memberUnixTime("updated", p.updatedOn);
        w.endObject();
    });
}

keyvault::KeyRotationPolicy rotationPolicyFromJson(const char* json) {
    return readInput(required(json, "policy_json").data(), "rotation policy",
                     [](const JsonValue& o) { return keyvault::parseRotationPolicy(o); });
}

/** Create with the typed call for RSA/EC/oct so that hardwareProtected and the EC default curve apply. */
keyvault::KeyVaultKey createKey(const keyvault::KeyClient& client, std::string_view name,
                                std::string_view type, const keyvault::CreateKeyOptions& options) {
    if (type == KeyType::Rsa) return client.createRsaKey(name, options).value;
    if (type == KeyType::Ec) return client.createEcKey(name, options).value;
    if (type == KeyType::Oct) return client.createOctKey(name, options).value;
    return client.createKey(name, type, options).value;
}

const keyvault::KeyProperties& propertiesOf(const KeyHandle& h) {
    return h.key.properties;
}

/** The common shape of calls that return a kvb_key: clear *out, call, hand out the key. */
template <class Call>
int keyCall(kvb_key** out, Call call) {
    resetOut(out);
    return returnKey(out, call());
}

} // namespace

keyvault::JsonWebKey jwkFromJson(const char* json) {
    return readSecretInput(json, "JWK", [](const JsonValue& o) { return keyvault::parseJsonWebKey(o); });
}

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_key_client_new(kvb_key_client** out, const char* vault_url, const kvb_credential* credential,
                       const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        keyvault::KeyClient client(std::string(required(vault_url, "vault_url")), credentialOf(credential),
                                   keyVaultOptions(options));
        return returnHandle<KeyClientHandle>(out, std::move(client));
    });
}

void kvb_key_client_free(kvb_key_client* client) {
    freeHandle<KeyClientHandle>(client);
}

int kvb_key_client_create_key(kvb_key** out, const kvb_key_client* client, const char* name,
                              const char* key_type, const char* options_json) {
    return guard([&] {
        return keyCall(out, [&] {
            return createKey(clientOf(client), required(name, "name"), required(key_type, "key_type"),
                             createOptions(options_json));
        });
    });
}

int kvb_key_client_import_key(kvb_key** out, const kvb_key_client* client, const char* name,
                              const char* jwk_json, const char* options_json) {
    return guard([&] {
        return keyCall(out, [&] {
            const auto& c = clientOf(client);
            return c.importKey(required(name, "name"), jwkFromJson(jwk_json), importOptions(options_json))
                .value;
        });
    });
}

int kvb_key_client_get_key(kvb_key** out, const kvb_key_client* client, const char* name,
                           const char* version) {
    return guard([&] {
        return keyCall(
            out, [&] { return clientOf(client).getKey(required(name, "name"), optional(version)).value; });
    });
}

int kvb_key_client_update_key_properties(kvb_key** out, const kvb_key_client* client, const char* name,
                                         const char* version, const char* update_json) {
    return guard([&] {
        return keyCall(out, [&] {
            const auto& c = clientOf(client);
            return c
                .updateKeyProperties(required(name, "name"), optional(version), updateOptions(update_json))
                .value;
        });
    });
}

int kvb_key_client_list_keys(kvb_json_pager** out, const kvb_key_client* client) {
    return kvb_key_client_list_keys_with_options(out, client, nullptr);
}

int kvb_key_client_list_keys_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                          const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfKeys(keyVaultListOptions(options)),
                               keyPropertiesJson);
    });
}

int kvb_key_client_list_key_versions(kvb_json_pager** out, const kvb_key_client* client, const char* name) {
    return kvb_key_client_list_key_versions_with_options(out, client, name, nullptr);
}

int kvb_key_client_list_key_versions_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                                  const char* name,
                                                  const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientOf(client).listPropertiesOfKeyVersions(required(name, "name"),
                                                                            keyVaultListOptions(options)),
                               keyPropertiesJson);
    });
}

int kvb_key_client_delete_key(kvb_string* deleted_json, const kvb_key_client* client, const char* name,
                              const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startDeleteKey(required(name, "name"));
        fillIfWanted(deleted_json, deletedKeyJson(operation.pollUntilDone(pacing)));
        return KVB_OK;
    });
}

int kvb_key_client_get_deleted_key(kvb_string* deleted_json, const kvb_key_client* client, const char* name) {
    return guard([&] {
        requireOut(deleted_json);
        fillString(deleted_json,
                   deletedKeyJson(clientOf(client).getDeletedKey(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_key_client_list_deleted_keys(kvb_json_pager** out, const kvb_key_client* client) {
    return kvb_key_client_list_deleted_keys_with_options(out, client, nullptr);
}

int kvb_key_client_list_deleted_keys_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                                  const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listDeletedKeys(keyVaultListOptions(options)),
                               deletedKeyJson);
    });
}

int kvb_key_client_recover_deleted_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                       const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        if (out) *out = nullptr;
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startRecoverDeletedKey(required(name, "name"));
        return returnKey(out, operation.pollUntilDone(pacing));
    });
}

int kvb_key_client_purge_deleted_key(const kvb_key_client* client, const char* name) {
    return guard([&] {
        clientOf(client).purgeDeletedKey(required(name, "name"));
        return KVB_OK;
    });
}

int kvb_key_client_backup_key(kvb_string* backup, const kvb_key_client* client, const char* name) {
    return guard([&] {
        requireOut(backup);
        fillString(backup, kvd::asChars(clientOf(client).backupKey(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_key_client_restore_key_backup(kvb_key** out, const kvb_key_client* client, const uint8_t* backup,
                                      size_t size) {
    return guard([&] {
        return keyCall(
            out, [&] { return clientOf(client).restoreKeyBackup(bytesIn(backup, size, "backup")).value; });
    });
}

int kvb_key_client_rotate_key(kvb_key** out, const kvb_key_client* client, const char* name) {
    return guard([&] {
        return keyCall(out, [&] { return clientOf(client).rotateKey(required(name, "name")).value; });
    });
}

int kvb_key_client_get_rotation_policy(kvb_string* policy_json, const kvb_key_client* client,
                                       const char* name) {
    return guard([&] {
        requireOut(policy_json);
        fillString(policy_json,
                   rotationPolicyJson(clientOf(client).getKeyRotationPolicy(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_key_client_update_rotation_policy(kvb_string* updated_json, const kvb_key_client* client,
                                          const char* name, const char* policy_json) {
    return guard([&] {
        const auto& c = clientOf(client);
        auto response =
            c.updateKeyRotationPolicy(required(name, "name"), rotationPolicyFromJson(policy_json));
        fillIfWanted(updated_json, rotationPolicyJson(response.value));
        return KVB_OK;
    });
}

int kvb_key_client_get_random_bytes(kvb_string* bytes, const kvb_key_client* client, int count) {
    return guard([&] {
        requireOut(bytes);
        const auto random = clientOf(client).getRandomBytes(count).value;
        fillString(bytes, kvd::asChars(random.reveal()));
        return KVB_OK;
    });
}

int kvb_key_client_release_key(kvb_string* jws, const kvb_key_client* client, const char* name,
                               const char* version, const char* target_attestation_token, const char* nonce,
                               const char* encryption_algorithm) {
    return guard([&] {
        requireOut(jws);
        keyvault::ReleaseKeyOptions options;
        if (nonce) options.nonce = nonce;
        if (encryption_algorithm) options.encryptionAlgorithm = encryption_algorithm;
        const auto released =
            clientOf(client)
                .releaseKey(required(name, "name"), optional(version),
                            required(target_attestation_token, "target_attestation_token"), options)
                .value;
        fillString(jws, released.value.reveal());
        return KVB_OK;
    });
}

int kvb_key_client_get_key_attestation(kvb_key** out, const kvb_key_client* client, const char* name,
                                       const char* version) {
    return guard([&] {
        return keyCall(out, [&] {
            return clientOf(client).getKeyAttestation(required(name, "name"), optional(version)).value;
        });
    });
}

const char* kvb_key_id(const kvb_key* key) {
    return borrowText<KeyHandle>(
        key, [](const KeyHandle& h) -> const std::string& { return h.key.properties.id; });
}
const char* kvb_key_name(const kvb_key* key) {
    return borrowText<KeyHandle>(
        key, [](const KeyHandle& h) -> const std::string& { return h.key.properties.name; });
}
const char* kvb_key_version(const kvb_key* key) {
    return borrowText<KeyHandle>(
        key, [](const KeyHandle& h) -> const std::string& { return h.key.properties.version; });
}
const char* kvb_key_type(const kvb_key* key) {
    return borrowText<KeyHandle>(key, [](const KeyHandle& h) -> const std::string& { return h.key.key.kty; });
}
const char* kvb_key_curve(const kvb_key* key) {
    return borrowText<KeyHandle>(key, [](const KeyHandle& h) -> const std::string& { return h.curve; });
}

int kvb_key_attribute(int64_t* value, int* present, const kvb_key* key, int which) {
    return readAttribute<KeyHandle>(value, present, key, which, propertiesOf);
}
const char* kvb_key_recovery_level(const kvb_key* key) {
    return recoveryLevel<KeyHandle>(key, propertiesOf);
}
size_t kvb_key_tag_count(const kvb_key* key) {
    return tagCount<KeyHandle>(key, propertiesOf);
}
int kvb_key_tag(const char** name, const char** value, const kvb_key* key, size_t index) {
    return readTag<KeyHandle>(name, value, key, index, propertiesOf);
}

int kvb_key_to_json(kvb_string* out, const kvb_key* key) {
    return guard([&] {
        requireOut(out);
        const auto& h = unwrap<KeyHandle>(key);
        fillJsonObject(out, [&](JsonWriter& w) { writeKey(w, h.key); });
        return KVB_OK;
    });
}

void kvb_key_free(kvb_key* key) {
    freeHandle<KeyHandle>(key);
}

} // extern "C"
