// SPDX-License-Identifier: MIT
// KeyClient and the kvb_key model of the C ABI.

#include <kvbridge/keyvault/key_client.hpp>

#include <string>

#include "core/encoding.hpp"
#include "documents/keys.hpp"
#include "keys.hpp"
#include "object_properties.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;
using keyvault::KeyType;

using KeyClientHandle = ValueHandle<Tag::KeyClient, keyvault::KeyClient>;

const keyvault::KeyClient& clientOf(const kvb_key_client* handle) {
    return unwrap<KeyClientHandle>(handle).value;
}

/** A "release policy" field: NULL is unset. */
std::optional<keyvault::KeyReleasePolicy> releasePolicyOf(const char* json) {
    if (json == nullptr) return std::nullopt;
    return readReleasePolicy(json);
}

/** A size or exponent field: 0 is unset. */
std::optional<int> optionalNumber(int32_t value) {
    if (value == 0) return std::nullopt;
    return static_cast<int>(value);
}

keyvault::CreateKeyOptions createOptions(const kvb_key_create_options* options) {
    const auto& o = optionsOrDefaults(options);
    keyvault::CreateKeyOptions out;
    applyAttributes(out, o);
    out.keyOps = stringList(o.key_ops, o.key_ops_count, "key_ops");
    out.keySize = optionalNumber(o.key_size);
    out.publicExponent = optionalNumber(o.public_exponent);
    if (o.curve) out.curve = o.curve;
    out.exportable = optionalFlag(o.exportable, "exportable");
    out.hardwareProtected = optionalFlag(o.hardware_protected, "hardware_protected").value_or(false);
    out.releasePolicy = releasePolicyOf(o.release_policy_json);
    return out;
}

keyvault::ImportKeyOptions importOptions(const kvb_key_import_options* options) {
    const auto& o = optionsOrDefaults(options);
    keyvault::ImportKeyOptions out;
    applyAttributes(out, o);
    out.hardwareProtected = optionalFlag(o.hardware_protected, "hardware_protected");
    out.exportable = optionalFlag(o.exportable, "exportable");
    out.releasePolicy = releasePolicyOf(o.release_policy_json);
    return out;
}

keyvault::UpdateKeyPropertiesOptions updateOptions(const kvb_key_update_options* options) {
    const auto& o = optionsOrDefaults(options);
    keyvault::UpdateKeyPropertiesOptions out;
    applyAttributes(out, o);
    if (o.key_ops) out.keyOps = stringList(o.key_ops, o.key_ops_count, "key_ops");
    out.releasePolicy = releasePolicyOf(o.release_policy_json);
    return out;
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

int kvb_key_create_options_init(kvb_key_create_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_key_client_create_key(kvb_key** out, const kvb_key_client* client, const char* name,
                              const char* key_type, const kvb_key_create_options* options) {
    return guard([&] {
        return keyCall(out, [&] {
            return createKey(clientOf(client), required(name, "name"), required(key_type, "key_type"),
                             createOptions(options));
        });
    });
}

int kvb_key_import_options_init(kvb_key_import_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_key_client_import_key(kvb_key** out, const kvb_key_client* client, const char* name,
                              const char* jwk_json, const kvb_key_import_options* options) {
    return guard([&] {
        return keyCall(out, [&] {
            const auto& c = clientOf(client);
            return c
                .importKey(required(name, "name"), readJwk(required(jwk_json, "jwk_json")),
                           importOptions(options))
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

int kvb_key_update_options_init(kvb_key_update_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_key_client_update_key_properties(kvb_key** out, const kvb_key_client* client, const char* name,
                                         const char* version, const kvb_key_update_options* options) {
    return guard([&] {
        return keyCall(out, [&] {
            const auto& c = clientOf(client);
            return c.updateKeyProperties(required(name, "name"), optional(version), updateOptions(options))
                .value;
        });
    });
}

int kvb_key_client_list_keys(kvb_json_pager** out, const kvb_key_client* client,
                             const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfKeys(keyVaultListOptions(options)),
                               documentOf(writeKeyProperties));
    });
}

int kvb_key_client_list_key_versions(kvb_json_pager** out, const kvb_key_client* client, const char* name,
                                     const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientOf(client).listPropertiesOfKeyVersions(required(name, "name"),
                                                                            keyVaultListOptions(options)),
                               documentOf(writeKeyProperties));
    });
}

int kvb_key_client_delete_key(kvb_string* deleted_json, const kvb_key_client* client, const char* name,
                              const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startDeleteKey(required(name, "name"));
        fillIfWanted(deleted_json, document(writeDeletedKey, operation.pollUntilDone(pacing)));
        return KVB_OK;
    });
}

int kvb_key_client_get_deleted_key(kvb_string* deleted_json, const kvb_key_client* client, const char* name) {
    return guard([&] {
        requireOut(deleted_json);
        fillString(deleted_json,
                   document(writeDeletedKey, clientOf(client).getDeletedKey(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_key_client_list_deleted_keys(kvb_json_pager** out, const kvb_key_client* client,
                                     const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listDeletedKeys(keyVaultListOptions(options)),
                               documentOf(writeDeletedKey));
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
                   document(writeRotationPolicy,
                            clientOf(client).getKeyRotationPolicy(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_key_client_update_rotation_policy(kvb_string* updated_json, const kvb_key_client* client,
                                          const char* name, const char* policy_json) {
    return guard([&] {
        const auto& c = clientOf(client);
        auto response = c.updateKeyRotationPolicy(required(name, "name"),
                                                  readRotationPolicy(required(policy_json, "policy_json")));
        fillIfWanted(updated_json, document(writeRotationPolicy, response.value));
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

int kvb_key_release_options_init(kvb_key_release_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_key_client_release_key(kvb_string* jws, const kvb_key_client* client, const char* name,
                               const char* version, const char* target_attestation_token,
                               const kvb_key_release_options* options) {
    return guard([&] {
        requireOut(jws);
        const auto& o = optionsOrDefaults(options);
        keyvault::ReleaseKeyOptions release;
        if (o.nonce) release.nonce = o.nonce;
        if (o.encryption_algorithm) release.encryptionAlgorithm = o.encryption_algorithm;
        const auto released =
            clientOf(client)
                .releaseKey(required(name, "name"), optional(version),
                            required(target_attestation_token, "target_attestation_token"), release)
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
    return borrowText<KeyHandle>(
        key, [](const KeyHandle& h) -> const std::optional<std::string>& { return h.key.key.crv; });
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
        fillSensitiveDocument(out, writeKey, h.key);
        return KVB_OK;
    });
}

void kvb_key_free(kvb_key* key) {
    freeHandle<KeyHandle>(key);
}

} // extern "C"
