// SPDX-License-Identifier: MIT
// CertificateClient and the kvb_certificate model of the C ABI (issue #9).

#include <kvbridge/keyvault/certificate_client.hpp>

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "json_glue.hpp"
#include "keyvault/certificate_models.hpp"
#include "object_properties.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;
namespace models = keyvault;

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

// --- JSON out ---------------------------------------------------------------------------------

void writeProperties(JsonWriter& w, const keyvault::CertificateProperties& p) {
    writeCommonProperties(w, p);
    w.member("x5t", p.x5t).member("preserveCertOrder", p.preserveCertOrder);
}

std::string propertiesJson(const keyvault::CertificateProperties& p) {
    return jsonObject([&](JsonWriter& w) { writeProperties(w, p); });
}

void writeCertificate(JsonWriter& w, const keyvault::KeyVaultCertificate& c) {
    writeProperties(w, c.properties);
    w.member("keyId", c.keyId).member("secretId", c.secretId).member("contentType", c.contentType);
    w.member("cer", kvd::base64Encode(std::span<const std::uint8_t>(c.cer)));
    if (c.policy) {
        w.key("policy");
        models::writePolicyResponse(w, *c.policy);
    }
}

std::string deletedJson(const keyvault::DeletedCertificate& d) {
    return jsonObject([&](JsonWriter& w) {
        writeCertificate(w, d);
        writeDeletion(w, d);
    });
}

// A policy read from the service, with its read-only members; models::writePolicy() is the
// request form, which leaves them out.
std::string policyJson(const keyvault::CertificatePolicy& p) {
    JsonWriter w;
    models::writePolicyResponse(w, p);
    return w.str();
}

std::string operationJson(const keyvault::CertificateOperation& o) {
    return jsonObject([&](JsonWriter& w) {
        w.member("id", o.id).member("name", o.name).member("status", o.status);
        w.member("statusDetails", o.statusDetails)
            .member("target", o.target)
            .member("requestId", o.requestId);
        w.member("issuerName", o.issuerName).member("certificateType", o.certificateType);
        w.member("certificateTransparency", o.certificateTransparency);
        w.member("csr", kvd::base64Encode(std::span<const std::uint8_t>(o.csr)));
        w.member("cancellationRequested", o.cancellationRequested);
        w.member("preserveCertOrder", o.preserveCertOrder);
        if (o.error) {
            w.key("error").startObject();
            w.member("code", o.error->code)
                .member("message", o.error->message)
                .member("innerCode", o.error->innerCode);
            w.endObject();
        }
    });
}

std::string issuerJson(const keyvault::CertificateIssuer& i) {
    return jsonObject([&](JsonWriter& w) {
        w.member("id", i.id).member("name", i.name).member("provider", i.provider);
        w.member("accountId", i.accountId).member("organizationId", i.organizationId);
        w.key("administrators").startArray();
        for (const auto& a : i.administrators) {
            w.startObject();
            w.member("firstName", a.firstName).member("lastName", a.lastName);
            w.member("email", a.email).member("phone", a.phone);
            w.endObject();
        }
        w.endArray();
        w.member("enabled", i.enabled);
        w.memberUnixTime("createdOn", i.createdOn);
        w.memberUnixTime("updatedOn", i.updatedOn);
    });
}

std::string issuerPropertiesJson(const keyvault::CertificateIssuerProperties& p) {
    return jsonObject(
        [&](JsonWriter& w) { w.member("id", p.id).member("name", p.name).member("provider", p.provider); });
}

// The service's Contacts object: its id, then the list as the request body writes it.
std::string contactsJson(const keyvault::CertificateContacts& contacts) {
    JsonWriter w;
    models::writeContactsBody(w, contacts.contacts, contacts.id);
    return w.str();
}

// --- JSON in ----------------------------------------------------------------------------------

std::optional<keyvault::CertificatePolicy> policyMember(const JsonValue& o) {
    const auto* member = kvd::findMember(o, "policy");
    if (member == nullptr) return std::nullopt;
    return models::parsePolicy(*member);
}

keyvault::CertificatePolicy policyFromJson(const char* json) {
    return readInput(required(json, "policy_json").data(), "certificate policy",
                     [](const JsonValue& o) { return models::parsePolicy(o); });
}

keyvault::CreateCertificateOptions createOptions(const char* json) {
    return readInput(json, "certificate create options", [](const JsonValue& o) {
        keyvault::CreateCertificateOptions out;
        out.enabled = kvd::optBool(o, "enabled");
        out.tags = kvd::optStringMap(o, "tags");
        out.preserveCertOrder = kvd::optBool(o, "preserveCertOrder");
        return out;
    });
}

keyvault::PfxReencode reencodeOf(std::string_view text) {
    if (text.empty() || text == "none") return keyvault::PfxReencode::None;
    if (text == "aes256") return keyvault::PfxReencode::Aes256Sha256;
    if (text == "legacy") return keyvault::PfxReencode::Legacy3DesSha1;
    throw InvalidArgument("reencode must be none, aes256 or legacy");
}

void readImportOptions(const char* json, keyvault::ImportCertificateOptions& out) {
    readInput(json, "certificate import options", [&](const JsonValue& o) {
        out.enabled = kvd::optBool(o, "enabled");
        out.tags = kvd::optStringMap(o, "tags");
        out.preserveCertOrder = kvd::optBool(o, "preserveCertOrder");
        out.policy = policyMember(o);
        out.reencode = reencodeOf(kvd::optString(o, "reencode").value_or(""));
        return 0;
    });
}

keyvault::UpdateCertificatePropertiesOptions updateOptions(const char* json) {
    return readInput(json, "certificate update", [](const JsonValue& o) {
        const auto a = readAttributes(o);
        keyvault::UpdateCertificatePropertiesOptions out;
        applyAttributes(out, a);
        return out;
    });
}

keyvault::MergeCertificateOptions mergeOptions(const char* json) {
    return readInput(required(json, "merge_json").data(), "merge", [](const JsonValue& o) {
        keyvault::MergeCertificateOptions out;
        for (const auto& der : kvd::optStringArray(o, "x5c"))
            out.x509Certificates.push_back(kvd::base64Decode(der));
        out.enabled = kvd::optBool(o, "enabled");
        out.tags = kvd::optStringMap(o, "tags");
        return out;
    });
}

keyvault::CertificateIssuer issuerFromJson(const char* json) {
    return readSecretInput(json, "issuer", [](const JsonValue& o) {
        keyvault::CertificateIssuer out;
        out.name = kvd::optString(o, "name").value_or("");
        out.provider = kvd::optString(o, "provider").value_or("");
        out.accountId = kvd::optString(o, "accountId");
        if (const auto* pwd = kvd::findMember(o, "password")) {
            if (!pwd->IsString()) throw ParseError("issuer: 'password' is not a string");
            out.password = SecretString(std::string_view(pwd->GetString(), pwd->GetStringLength()));
        }
        out.organizationId = kvd::optString(o, "organizationId");
        if (const auto* admins = kvd::findMember(o, "administrators")) {
            if (!admins->IsArray()) throw ParseError("issuer: 'administrators' is not an array");
            for (const auto& item : admins->GetArray()) {
                const auto& a = kvd::requireObject(item, "administrator");
                out.administrators.push_back(
                    {kvd::optString(a, "firstName").value_or(""), kvd::optString(a, "lastName").value_or(""),
                     kvd::optString(a, "email").value_or(""), kvd::optString(a, "phone").value_or("")});
            }
        }
        out.enabled = kvd::optBool(o, "enabled");
        return out;
    });
}

std::vector<keyvault::CertificateContact> contactsFromJson(const char* json) {
    return readInput(required(json, "contacts_json").data(), "contacts",
                     [](const JsonValue& o) { return models::parseContacts(o).contacts; });
}

keyvault::KeyVaultListOptions listOptions(int includePending, const kvb_keyvault_list_options* list) {
    auto options = keyVaultListOptions(list);
    options.includePending = includePending != 0;
    return options;
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

int kvb_certificate_client_create_certificate(kvb_string* operation_json,
                                              const kvb_certificate_client* client, const char* name,
                                              const char* policy_json, const char* options_json, int wait,
                                              const kvb_operation_wait_options* wait_options) {
    return guard([&] {
        const auto n = required(name, "name");
        const auto policy = policy_json ? policyFromJson(policy_json)
                                        : keyvault::CertificatePolicy::selfSigned("CN=" + std::string(n));
        const auto pacing = pollOptions(wait_options);
        auto operation = clientOf(client).startCreateCertificate(n, policy, createOptions(options_json));
        if (wait)
            operation.pollUntilDone(pacing);
        else if (!operation.hasValue())
            operation.poll();
        fillIfWanted(operation_json, operationJson(operation.value()));
        return KVB_OK;
    });
}

int kvb_certificate_client_get_certificate_operation(kvb_string* operation_json,
                                                     const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        return jsonCall(operation_json, true, [&] {
            return operationJson(clientOf(client).getCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_cancel_certificate_operation(kvb_string* operation_json,
                                                        const kvb_certificate_client* client,
                                                        const char* name) {
    return guard([&] {
        return jsonCall(operation_json, false, [&] {
            return operationJson(clientOf(client).cancelCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_delete_certificate_operation(kvb_string* operation_json,
                                                        const kvb_certificate_client* client,
                                                        const char* name) {
    return guard([&] {
        return jsonCall(operation_json, false, [&] {
            return operationJson(clientOf(client).deleteCertificateOperation(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_merge_certificate(kvb_certificate** out, const kvb_certificate_client* client,
                                             const char* name, const char* merge_json) {
    return guard([&] {
        return certificateCall(out, [&] {
            return clientOf(client).mergeCertificate(required(name, "name"), mergeOptions(merge_json)).value;
        });
    });
}

int kvb_certificate_client_import_certificate(kvb_certificate** out, const kvb_certificate_client* client,
                                              const char* name, const uint8_t* data, size_t size,
                                              const char* password, const char* options_json) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto bytes = bytesIn(data, size, "data");
            if (bytes.empty()) throw InvalidArgument("the certificate data is empty");
            auto options = keyvault::ImportCertificateOptions::fromPfx(SecretBytes(bytes),
                                                                       SecretString(optional(password)));
            readImportOptions(options_json, options);
            return clientOf(client).importCertificate(required(name, "name"), options).value;
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

int kvb_certificate_client_update_certificate_properties(kvb_certificate** out,
                                                         const kvb_certificate_client* client,
                                                         const char* name, const char* version,
                                                         const char* update_json) {
    return guard([&] {
        return certificateCall(out, [&] {
            const auto& c = clientOf(client);
            return c
                .updateCertificateProperties(required(name, "name"), optional(version),
                                             updateOptions(update_json))
                .value;
        });
    });
}

int kvb_certificate_client_get_certificate_policy(kvb_string* policy_json,
                                                  const kvb_certificate_client* client, const char* name) {
    return guard([&] {
        return jsonCall(policy_json, true, [&] {
            return policyJson(clientOf(client).getCertificatePolicy(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_update_certificate_policy(kvb_string* updated_json,
                                                     const kvb_certificate_client* client, const char* name,
                                                     const char* policy_json) {
    return guard([&] {
        return jsonCall(updated_json, false, [&] {
            const auto& c = clientOf(client);
            return policyJson(
                c.updateCertificatePolicy(required(name, "name"), policyFromJson(policy_json)).value);
        });
    });
}

int kvb_certificate_client_list_certificates(kvb_json_pager** out, const kvb_certificate_client* client,
                                             int include_pending) {
    return kvb_certificate_client_list_certificates_with_options(out, client, include_pending, nullptr);
}

int kvb_certificate_client_list_certificates_with_options(kvb_json_pager** out,
                                                          const kvb_certificate_client* client,
                                                          int include_pending,
                                                          const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(
            out, clientOf(client).listPropertiesOfCertificates(listOptions(include_pending, options)),
            propertiesJson);
    });
}

int kvb_certificate_client_list_certificate_versions(kvb_json_pager** out,
                                                     const kvb_certificate_client* client, const char* name) {
    return kvb_certificate_client_list_certificate_versions_with_options(out, client, name, nullptr);
}

int kvb_certificate_client_list_certificate_versions_with_options(kvb_json_pager** out,
                                                                  const kvb_certificate_client* client,
                                                                  const char* name,
                                                                  const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out,
                               clientOf(client).listPropertiesOfCertificateVersions(
                                   required(name, "name"), keyVaultListOptions(options)),
                               propertiesJson);
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
            return deletedJson(operation.pollUntilDone(pacing));
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
            return deletedJson(clientOf(client).getDeletedCertificate(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_list_deleted_certificates(kvb_json_pager** out,
                                                     const kvb_certificate_client* client,
                                                     int include_pending) {
    return kvb_certificate_client_list_deleted_certificates_with_options(out, client, include_pending,
                                                                         nullptr);
}

int kvb_certificate_client_list_deleted_certificates_with_options(kvb_json_pager** out,
                                                                  const kvb_certificate_client* client,
                                                                  int include_pending,
                                                                  const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(
            out, clientOf(client).listDeletedCertificates(listOptions(include_pending, options)),
            deletedJson);
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
            return issuerJson(clientOf(client).createIssuer(issuerFromJson(issuer_json)).value);
        });
    });
}

int kvb_certificate_client_get_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                      const char* name) {
    return guard([&] {
        return jsonCall(issuer_out, true,
                        [&] { return issuerJson(clientOf(client).getIssuer(required(name, "name")).value); });
    });
}

int kvb_certificate_client_update_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                         const char* issuer_json) {
    return guard([&] {
        return jsonCall(issuer_out, false, [&] {
            return issuerJson(clientOf(client).updateIssuer(issuerFromJson(issuer_json)).value);
        });
    });
}

int kvb_certificate_client_delete_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                         const char* name) {
    return guard([&] {
        return jsonCall(issuer_out, false, [&] {
            return issuerJson(clientOf(client).deleteIssuer(required(name, "name")).value);
        });
    });
}

int kvb_certificate_client_list_issuers(kvb_json_pager** out, const kvb_certificate_client* client) {
    return kvb_certificate_client_list_issuers_with_options(out, client, nullptr);
}

int kvb_certificate_client_list_issuers_with_options(kvb_json_pager** out,
                                                     const kvb_certificate_client* client,
                                                     const kvb_keyvault_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnJsonPager(out, clientOf(client).listPropertiesOfIssuers(keyVaultListOptions(options)),
                               issuerPropertiesJson);
    });
}

int kvb_certificate_client_set_contacts(kvb_string* contacts_out, const kvb_certificate_client* client,
                                        const char* contacts_json) {
    return guard([&] {
        return jsonCall(contacts_out, false, [&] {
            return contactsJson(clientOf(client).setContacts(contactsFromJson(contacts_json)).value);
        });
    });
}

int kvb_certificate_client_get_contacts(kvb_string* contacts_out, const kvb_certificate_client* client) {
    return guard([&] {
        return jsonCall(contacts_out, true,
                        [&] { return contactsJson(clientOf(client).getContacts().value); });
    });
}

int kvb_certificate_client_delete_contacts(kvb_string* contacts_out, const kvb_certificate_client* client) {
    return guard([&] {
        return jsonCall(contacts_out, false,
                        [&] { return contactsJson(clientOf(client).deleteContacts().value); });
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
    return guard([&] {
        requireOut(out);
        const auto& c = unwrap<CertificateHandle>(certificate).value;
        fillString(out, jsonObject([&](JsonWriter& w) { writeCertificate(w, c); }));
        return KVB_OK;
    });
}

void kvb_certificate_free(kvb_certificate* certificate) {
    freeHandle<CertificateHandle>(certificate);
}

} // extern "C"
