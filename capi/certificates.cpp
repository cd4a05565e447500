// SPDX-License-Identifier: MIT
// CertificateClient and the kvb_certificate model of the C ABI.

#include <kvbridge/keyvault/certificate_client.hpp>

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "documents/certificates.hpp"
#include "object_properties.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;

using CertificateClientHandle = ValueHandle<Tag::CertificateClient, keyvault::CertificateClient>;

using CertificateHandle = ValueHandle<Tag::Certificate, keyvault::KeyVaultCertificate>;

const keyvault::CertificateClient& clientOf(const kvb_certificate_client* handle) {
    return unwrap<CertificateClientHandle>(handle).value;
}

int returnCertificate(kvb_certificate** out, keyvault::KeyVaultCertificate certificate) {
    if (out == nullptr) return KVB_OK;
    return returnHandle<CertificateHandle>(out, std::move(certificate));
}

/** The common shape of calls that return a kvb_certificate: clear *out, call, hand it out. */
template <class Call>
int certificateCall(kvb_certificate** out, Call call) {
    resetOut(out);
    return returnCertificate(out, call());
}

keyvault::PfxReencode reencodeOf(int reencode) {
    switch (reencode) {
    case KVB_PFX_REENCODE_NONE: return keyvault::PfxReencode::None;
    case KVB_PFX_REENCODE_AES256: return keyvault::PfxReencode::Aes256Sha256;
    case KVB_PFX_REENCODE_LEGACY: return keyvault::PfxReencode::Legacy3DesSha1;
    default: throw InvalidArgument("reencode is not a KVB_PFX_REENCODE_* value");
    }
}

keyvault::CreateCertificateOptions createOptions(const kvb_certificate_create_options* options) {
    const auto& o = optionsOrDefaults(options);
    keyvault::CreateCertificateOptions out;
    applyEnabledAndTags(out, o);
    out.preserveCertOrder = optionalFlag(o.preserve_cert_order, "preserve_cert_order");
    return out;
}

void applyImportOptions(keyvault::ImportCertificateOptions& out,
                        const kvb_certificate_import_options* options) {
    const auto& o = optionsOrDefaults(options);
    applyEnabledAndTags(out, o);
    out.preserveCertOrder = optionalFlag(o.preserve_cert_order, "preserve_cert_order");
    if (o.policy_json) out.policy = readPolicy(o.policy_json);
    out.reencode = reencodeOf(o.reencode);
}

keyvault::UpdateCertificatePropertiesOptions updateOptions(const kvb_certificate_update_options* options) {
    keyvault::UpdateCertificatePropertiesOptions out;
    applyAttributes(out, optionsOrDefaults(options));
    return out;
}

keyvault::MergeCertificateOptions mergeOptions(const uint8_t* const* x5c, const size_t* sizes, size_t count,
                                               const kvb_certificate_merge_options* options) {
    keyvault::MergeCertificateOptions out;
    applyEnabledAndTags(out, optionsOrDefaults(options));
    if (count == 0) throw InvalidArgument("x5c holds no certificate");
    if (x5c == nullptr || sizes == nullptr) throw InvalidArgument("x5c or x5c_sizes is NULL");
    for (size_t i = 0; i < count; ++i) {
        const auto der = bytesIn(x5c[i], sizes[i], "x5c entry");
        if (der.empty()) throw InvalidArgument("x5c holds an empty certificate");
        out.x509Certificates.emplace_back(der.begin(), der.end());
    }
    return out;
}

keyvault::KeyVaultListOptions listOptions(const kvb_certificate_list_options* options) {
    const auto& o = optionsOrDefaults(options);
    keyvault::KeyVaultListOptions out;
    out.includePending = o.include_pending != 0;
    if (o.max_results != 0) out.maxResults = o.max_results;
    return out;
}

const keyvault::CertificateProperties& propertiesOf(const CertificateHandle& h) {
    return h.value.properties;
}

/** Run a call that returns JSON text for an optional (NULL: not wanted) out-parameter. */
template <class Call>
int jsonCall(kvb_string* out, bool wanted, Call call) {
    if (wanted) requireOut(out);
    fillIfWanted(out, call());
    return KVB_OK;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_certificate_client_new(kvb_certificate_client** out, const char* vault_url,
                               const kvb_credential* credential, const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        keyvault::CertificateClient client(std::string(required(vault_url, "vault_url")),
                                           credentialOf(credential), keyVaultOptions(options));
        return returnHandle<CertificateClientHandle>(out, std::move(client));
    });
}

void kvb_certificate_client_free(kvb_certificate_client* client) {
    freeHandle<CertificateClientHandle>(client);
}

int kvb_certificate_create_options_init(kvb_certificate_create_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_certificate_client_create_certificate(kvb_string* operation_json,
                                              const kvb_certificate_client* client, const char* name,
                                              const char* policy_json,
                                              const kvb_certificate_create_options* options) {
    return guard([&] {
        const auto n = required(name, "name");
        const auto policy = policy_json ? readPolicy(policy_json)
                                        : keyvault::CertificatePolicy::selfSigned("CN=" + std::string(n));
        auto operation = clientOf(client).startCreateCertificate(n, policy, createOptions(options));
        if (!operation.hasValue()) operation.poll();
        fillIfWanted(operation_json, document(writeOperation, operation.value()));
        return KVB_OK;
    });
}

int kvb_certificate_client_wait_certificate_operation(kvb_string* operation_json,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto pacing = pollOptions(wait_options);
        const auto& c = clientOf(client);
        // The pending operation's id is its resume token; the client checks the name in it.
        const std::string token =
            c.vaultUrl() + "/certificates/" + std::string(required(name, "name")) + "/pending";
        auto operation = c.resumeCreateCertificate(token);
        fillIfWanted(operation_json, document(writeOperation, operation.pollUntilDone(pacing)));
        return KVB_OK;
    });
}

int kvb_certificate_client_get_certificate_operation(kvb_string* operation_json,
                                                     const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        return jsonCall(operation_json, true, [&] {
            return document(writeOperation,
                            clientOf(client).getCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_cancel_certificate_operation(kvb_string* operation_json,
                                                        const kvb_certificate_client* client,
                                                        const char* name) {
    return guard([&] {
        return jsonCall(operation_json, false, [&] {
            return document(writeOperation,
                            clientOf(client).cancelCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_delete_certificate_operation(kvb_string* operation_json,
                                                        const kvb_certificate_client* client,
                                                        const char* name) {
    return guard([&] {
        return jsonCall(operation_json, false, [&] {
            return document(writeOperation,
                            clientOf(client).deleteCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_merge_options_init(kvb_certificate_merge_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_certificate_client_merge_certificate(kvb_certificate** out, const kvb_certificate_client* client,
                                             const char* name, const uint8_t* const* x5c,
                                             const size_t* x5c_sizes, size_t x5c_count,
                                             const kvb_certificate_merge_options* options) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto merge = mergeOptions(x5c, x5c_sizes, x5c_count, options);
            return clientOf(client).mergeCertificate(required(name, "name"), merge).value;
        });
    });
}

int kvb_certificate_import_options_init(kvb_certificate_import_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_certificate_client_import_certificate(kvb_certificate** out, const kvb_certificate_client* client,
                                              const char* name, const uint8_t* data, size_t size,
                                              const char* password,
                                              const kvb_certificate_import_options* options) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto bytes = bytesIn(data, size, "data");
            if (bytes.empty()) throw InvalidArgument("the certificate data is empty");
            auto import = keyvault::ImportCertificateOptions::fromPfx(SecretBytes(bytes),
                                                                      SecretString(optional(password)));
            applyImportOptions(import, options);
            return clientOf(client).importCertificate(required(name, "name"), import).value;
        });
    });
}

int kvb_certificate_client_get_certificate(kvb_certificate** out, const kvb_certificate_client* client,
                                           const char* name) {
    return guard([&] {
        return certificateCall(out,
                               [&] { return clientOf(client).getCertificate(required(name, "name")).value; });
    });
}

int kvb_certificate_client_get_certificate_version(kvb_certificate** out,
                                                   const kvb_certificate_client* client, const char* name,
                                                   const char* version) {
    return guard([&] {
        return certificateCall(out, [&] {
            return clientOf(client).getCertificateVersion(required(name, "name"), optional(version)).value;
        });
    });
}

int kvb_certificate_update_options_init(kvb_certificate_update_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_certificate_client_update_certificate_properties(kvb_certificate** out,
                                                         const kvb_certificate_client* client,
                                                         const char* name, const char* version,
                                                         const kvb_certificate_update_options* options) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto update = updateOptions(options);
            return clientOf(client)
                .updateCertificateProperties(required(name, "name"), optional(version), update)
                .value;
        });
    });
}

int kvb_certificate_client_get_certificate_policy(kvb_string* policy_json,
                                                  const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        return jsonCall(policy_json, true, [&] {
            return document(writePolicy, clientOf(client).getCertificatePolicy(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_update_certificate_policy(kvb_string* updated_json,
                                                     const kvb_certificate_client* client, const char* name,
                                                     const char* policy_json) {
    return guard([&] {
        return jsonCall(updated_json, false, [&] {
            const auto& c = clientOf(client);
            return document(writePolicy,
                            c.updateCertificatePolicy(required(name, "name"),
                                                      readPolicy(required(policy_json, "policy_json")))
                                .value);
        });
    });
}

int kvb_certificate_list_options_init(kvb_certificate_list_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_certificate_client_list_certificates(kvb_json_pager** out, const kvb_certificate_client* client,
                                             const kvb_certificate_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfCertificates(listOptions(options)),
                               documentOf(writeCertificateProperties));
    });
}

int kvb_certificate_client_list_certificate_versions(kvb_json_pager** out,
                                                     const kvb_certificate_client* client, const char* name,
                                                     const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientOf(client).listPropertiesOfCertificateVersions(
                                   required(name, "name"), keyVaultListOptions(options)),
                               documentOf(writeCertificateProperties));
    });
}

int kvb_certificate_client_download_certificate(kvb_string* content, kvb_string* content_type,
                                                const kvb_certificate_client* client, const char* name,
                                                const char* version) {
    return guard([&] {
        requireOut(content);
        const auto downloaded =
            clientOf(client).downloadCertificate(required(name, "name"), optional(version)).value;
        fillIfWanted(content_type, downloaded.contentType);
        fillString(content, kvd::asChars(downloaded.content.reveal()));
        return KVB_OK;
    });
}

int kvb_certificate_client_delete_certificate(kvb_string* deleted_json, const kvb_certificate_client* client,
                                              const char* name,
                                              const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        return jsonCall(deleted_json, false, [&] {
            const auto pacing = pollOptions(wait_options);
            auto operation = clientOf(client).startDeleteCertificate(required(name, "name"));
            return document(writeDeletedCertificate, operation.pollUntilDone(pacing));
        });
    });
}

int kvb_certificate_client_recover_deleted_certificate(kvb_certificate** out,
                                                       const kvb_certificate_client* client, const char* name,
                                                       const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        if (out) *out = nullptr;
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startRecoverDeletedCertificate(required(name, "name"));
        return returnCertificate(out, operation.pollUntilDone(pacing));
    });
}

int kvb_certificate_client_get_deleted_certificate(kvb_string* deleted_json,
                                                   const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        return jsonCall(deleted_json, true, [&] {
            return document(writeDeletedCertificate,
                            clientOf(client).getDeletedCertificate(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_list_deleted_certificates(kvb_json_pager** out,
                                                     const kvb_certificate_client* client,
                                                     const kvb_certificate_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listDeletedCertificates(listOptions(options)),
                               documentOf(writeDeletedCertificate));
    });
}

int kvb_certificate_client_purge_deleted_certificate(const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        clientOf(client).purgeDeletedCertificate(required(name, "name"));
        return KVB_OK;
    });
}

int kvb_certificate_client_backup_certificate(kvb_string* backup, const kvb_certificate_client* client,
                                              const char* name) {
    return guard([&] {
        requireOut(backup);
        fillString(backup, kvd::asChars(clientOf(client).backupCertificate(required(name, "name")).value));
        return KVB_OK;
    });
}

int kvb_certificate_client_restore_certificate_backup(kvb_certificate** out,
                                                      const kvb_certificate_client* client,
                                                      const uint8_t* backup, size_t size) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto bytes = bytesIn(backup, size, "backup");
            return clientOf(client).restoreCertificateBackup(bytes).value;
        });
    });
}

int kvb_certificate_client_create_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                         const char* issuer_json) {
    return guard([&] {
        return jsonCall(issuer_out, false, [&] {
            return document(
                writeIssuer,
                clientOf(client).createIssuer(readIssuer(required(issuer_json, "issuer_json"))).value);
        });
    });
}

int kvb_certificate_client_get_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                      const char* name) {
    return guard([&] {
        return jsonCall(issuer_out, true, [&] {
            return document(writeIssuer, clientOf(client).getIssuer(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_update_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                         const char* issuer_json) {
    return guard([&] {
        return jsonCall(issuer_out, false, [&] {
            return document(
                writeIssuer,
                clientOf(client).updateIssuer(readIssuer(required(issuer_json, "issuer_json"))).value);
        });
    });
}

int kvb_certificate_client_delete_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                         const char* name) {
    return guard([&] {
        return jsonCall(issuer_out, false, [&] {
            return document(writeIssuer, clientOf(client).deleteIssuer(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_list_issuers(kvb_json_pager** out, const kvb_certificate_client* client,
                                        const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfIssuers(keyVaultListOptions(options)),
                               documentOf(writeIssuerProperties));
    });
}

int kvb_certificate_client_set_contacts(kvb_string* contacts_out, const kvb_certificate_client* client,
                                        const char* contacts_json) {
    return guard([&] {
        return jsonCall(contacts_out, false, [&] {
            return document(
                writeContacts,
                clientOf(client).setContacts(readContacts(required(contacts_json, "contacts_json"))).value);
        });
    });
}

int kvb_certificate_client_get_contacts(kvb_string* contacts_out, const kvb_certificate_client* client) {
    return guard([&] {
        return jsonCall(contacts_out, true,
                        [&] { return document(writeContacts, clientOf(client).getContacts().value); });
    });
}

int kvb_certificate_client_delete_contacts(kvb_string* contacts_out, const kvb_certificate_client* client) {
    return guard([&] {
        return jsonCall(contacts_out, false,
                        [&] { return document(writeContacts, clientOf(client).deleteContacts().value); });
    });
}

const char* kvb_certificate_id(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const CertificateHandle& h) -> const std::string& { return h.value.properties.id; });
}
const char* kvb_certificate_name(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(certificate, [](const CertificateHandle& h) -> const std::string& {
        return h.value.properties.name;
    });
}
const char* kvb_certificate_version(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(certificate, [](const CertificateHandle& h) -> const std::string& {
        return h.value.properties.version;
    });
}
const char* kvb_certificate_x5t(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const CertificateHandle& h) -> const std::string& { return h.value.properties.x5t; });
}
const char* kvb_certificate_secret_id(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const CertificateHandle& h) -> const std::string& { return h.value.secretId; });
}
const char* kvb_certificate_key_id(const kvb_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const CertificateHandle& h) -> const std::string& { return h.value.keyId; });
}

int kvb_certificate_cer(const uint8_t** data, size_t* size, const kvb_certificate* certificate) {
    return guard([&] {
        requireOut(data);
        requireOut(size);
        const auto& cer = unwrap<CertificateHandle>(certificate).value.cer;
        *data = cer.data();
        *size = cer.size();
        return KVB_OK;
    });
}

int kvb_certificate_attribute(int64_t* value, int* present, const kvb_certificate* certificate, int which) {
    return readAttribute<CertificateHandle>(value, present, certificate, which, propertiesOf);
}
const char* kvb_certificate_recovery_level(const kvb_certificate* certificate) {
    return recoveryLevel<CertificateHandle>(certificate, propertiesOf);
}
size_t kvb_certificate_tag_count(const kvb_certificate* certificate) {
    return tagCount<CertificateHandle>(certificate, propertiesOf);
}
int kvb_certificate_tag(const char** name, const char** value, const kvb_certificate* certificate,
                        size_t index) {
    return readTag<CertificateHandle>(name, value, certificate, index, propertiesOf);
}

int kvb_certificate_to_json(kvb_string* out, const kvb_certificate* certificate) {
    return valueToJson<CertificateHandle>(out, certificate, writeCertificate);
}

void kvb_certificate_free(kvb_certificate* certificate) {
    freeHandle<CertificateHandle>(certificate);
}

} // extern "C"
