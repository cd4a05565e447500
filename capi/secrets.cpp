// SPDX-License-Identifier: MIT
// SecretClient and the kvb_secret model of the C ABI.

#include <kvbridge/keyvault/secret_client.hpp>

#include "capi_internal.hpp"
#include "core/encoding.hpp"
#include "documents/secrets.hpp"
#include "object_properties.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

using SecretClientHandle = ValueHandle<Tag::SecretClient, keyvault::SecretClient>;

struct SecretHandle : HandleBase {
    static constexpr Tag kTag = Tag::Secret;
    keyvault::KeyVaultSecret secret;
    std::string value; // NUL-terminated copy for kvb_secret_value(); wiped in the destructor
    explicit SecretHandle(keyvault::KeyVaultSecret s)
        : HandleBase(kTag), secret(std::move(s)), value(secret.value.reveal()) {}
    ~SecretHandle() { secureWipe(value); }
    SecretHandle(const SecretHandle&) = delete;
    SecretHandle& operator=(const SecretHandle&) = delete;
};

const keyvault::SecretClient& clientOf(const kvb_secret_client* handle) {
    return unwrap<SecretClientHandle>(handle).value;
}

int returnSecret(kvb_secret** out, keyvault::KeyVaultSecret secret) {
    return returnHandle<SecretHandle>(out, std::move(secret));
}

template <class Field>
const char* borrow(const kvb_secret* secret, Field field) noexcept {
    return borrowText<SecretHandle>(secret, field);
}

const keyvault::SecretProperties& propertiesOf(const SecretHandle& h) {
    return h.secret.properties;
}

/** Set and update options share their fields: content type, attributes and tags. */
template <class Options, class COptions>
Options secretOptions(const COptions* options) {
    const auto& o = optionsOrDefaults(options);
    Options out;
    if (o.content_type) out.contentType = o.content_type;
    applyAttributes(out, o);
    return out;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_secret_client_new(kvb_secret_client** out, const char* vault_url, const kvb_credential* credential,
                          const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        keyvault::SecretClient client(std::string(required(vault_url, "vault_url")), credentialOf(credential),
                                      keyVaultOptions(options));
        return returnHandle<SecretClientHandle>(out, std::move(client));
    });
}

void kvb_secret_client_free(kvb_secret_client* client) {
    freeHandle<SecretClientHandle>(client);
}

int kvb_secret_set_options_init(kvb_secret_set_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_secret_client_set_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                 const char* value, const kvb_secret_set_options* options) {
    return guard([&] {
        resetOut(out);
        const auto set = secretOptions<keyvault::SetSecretOptions>(options);
        auto response =
            clientOf(client).setSecret(required(name, "name"), SecretString(required(value, "value")), set);
        return returnSecret(out, std::move(response.value));
    });
}

int kvb_secret_get_options_init(kvb_secret_get_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_secret_client_get_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                 const char* version, const kvb_secret_get_options* options) {
    return guard([&] {
        resetOut(out);
        keyvault::GetSecretOptions get;
        if (const auto& o = optionsOrDefaults(options); o.out_content_type)
            get.outContentType = o.out_content_type;
        auto response = clientOf(client).getSecret(required(name, "name"), optional(version), get);
        return returnSecret(out, std::move(response.value));
    });
}

const char* kvb_secret_value(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::string& { return h.value; });
}
const char* kvb_secret_id(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::string& { return h.secret.properties.id; });
}
const char* kvb_secret_name(const kvb_secret* secret) {
    return borrow(secret,
                  [](const SecretHandle& h) -> const std::string& { return h.secret.properties.name; });
}
const char* kvb_secret_version(const kvb_secret* secret) {
    return borrow(secret,
                  [](const SecretHandle& h) -> const std::string& { return h.secret.properties.version; });
}
const char* kvb_secret_content_type(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::optional<std::string>& {
        return h.secret.properties.contentType;
    });
}

int kvb_secret_attribute(int64_t* value, int* present, const kvb_secret* secret, int which) {
    return readAttribute<SecretHandle>(value, present, secret, which, propertiesOf);
}
const char* kvb_secret_recovery_level(const kvb_secret* secret) {
    return recoveryLevel<SecretHandle>(secret, propertiesOf);
}
size_t kvb_secret_tag_count(const kvb_secret* secret) {
    return tagCount<SecretHandle>(secret, propertiesOf);
}
int kvb_secret_tag(const char** name, const char** value, const kvb_secret* secret, size_t index) {
    return readTag<SecretHandle>(name, value, secret, index, propertiesOf);
}

int kvb_secret_to_json(kvb_string* out, const kvb_secret* secret) {
    return guard([&] {
        requireOut(out);
        fillSensitiveDocument(out, writeSecret, unwrap<SecretHandle>(secret).secret);
        return KVB_OK;
    });
}

void kvb_secret_free(kvb_secret* secret) {
    freeHandle<SecretHandle>(secret);
}

int kvb_secret_update_options_init(kvb_secret_update_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_secret_client_update_secret_properties(kvb_string* properties_json, const kvb_secret_client* client,
                                               const char* name, const char* version,
                                               const kvb_secret_update_options* options) {
    return guard([&] {
        const auto update = secretOptions<keyvault::UpdateSecretPropertiesOptions>(options);
        auto response =
            clientOf(client).updateSecretProperties(required(name, "name"), optional(version), update);
        fillIfWanted(properties_json, document(writeSecretProperties, response.value));
        return KVB_OK;
    });
}

int kvb_secret_client_list_secrets(kvb_json_pager** out, const kvb_secret_client* client,
                                   const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfSecrets(keyVaultListOptions(options)),
                               documentOf(writeSecretProperties));
    });
}

int kvb_secret_client_list_secret_versions(kvb_json_pager** out, const kvb_secret_client* client,
                                           const char* name, const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientOf(client).listPropertiesOfSecretVersions(required(name, "name"),
                                                                               keyVaultListOptions(options)),
                               documentOf(writeSecretProperties));
    });
}

int kvb_secret_client_delete_secret(kvb_string* deleted_json, const kvb_secret_client* client,
                                    const char* name, const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto pacing = pollOptions(wait_options);
        const auto deleted = clientOf(client).startDeleteSecret(required(name, "name")).pollUntilDone(pacing);
        if (deleted_json) fillSensitiveDocument(deleted_json, writeDeletedSecret, deleted);
        return KVB_OK;
    });
}

int kvb_secret_client_get_deleted_secret(kvb_string* deleted_json, const kvb_secret_client* client,
                                         const char* name) {
    return guard([&] {
        requireOut(deleted_json);
        const auto deleted = clientOf(client).getDeletedSecret(required(name, "name")).value;
        fillSensitiveDocument(deleted_json, writeDeletedSecret, deleted);
        return KVB_OK;
    });
}

int kvb_secret_client_list_deleted_secrets(kvb_json_pager** out, const kvb_secret_client* client,
                                           const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listDeletedSecrets(keyVaultListOptions(options)),
                               documentOf(writeDeletedSecret));
    });
}

int kvb_secret_client_recover_deleted_secret(kvb_string* properties_json, const kvb_secret_client* client,
                                             const char* name,
                                             const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startRecoverDeletedSecret(required(name, "name"));
        fillIfWanted(properties_json, document(writeSecretProperties, operation.pollUntilDone(pacing)));
        return KVB_OK;
    });
}

int kvb_secret_client_purge_deleted_secret(const kvb_secret_client* client, const char* name) {
    return guard([&] {
        clientOf(client).purgeDeletedSecret(required(name, "name"));
        return KVB_OK;
    });
}

int kvb_secret_client_backup_secret(kvb_string* backup, const kvb_secret_client* client, const char* name) {
    return guard([&] {
        requireOut(backup);
        fillString(backup, kvb::detail::asChars(clientOf(client).backupSecret(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_secret_client_restore_secret_backup(kvb_string* properties_json, const kvb_secret_client* client,
                                            const uint8_t* backup, size_t size) {
    return guard([&] {
        auto response = clientOf(client).restoreSecretBackup(bytesIn(backup, size, "backup"));
        fillIfWanted(properties_json, document(writeSecretProperties, response.value));
        return KVB_OK;
    });
}

} // extern "C"
