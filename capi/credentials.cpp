// SPDX-License-Identifier: MIT
// Credentials of the C ABI: Entra ID token credentials and the Batch shared key, all behind one
// kvb_credential handle so that the Batch client can take either kind.

#include <kvbridge/identity/client_certificate_credential.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/identity/default_azure_credential.hpp>
#include <kvbridge/identity/environment_credential.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>

#include <cstring>
#include <memory>

#include "capi_internal.hpp"
#include "options.hpp"

namespace kvb::capi {

struct CredentialHandle : HandleBase {
    static constexpr Tag kTag = Tag::Credential;
    std::shared_ptr<const identity::TokenCredential> credential;    ///< null for a shared key
    std::shared_ptr<const identity::SharedKeyCredential> sharedKey; ///< null for a token credential
    explicit CredentialHandle(std::shared_ptr<const identity::TokenCredential> c)
        : HandleBase(kTag), credential(std::move(c)) {}
    explicit CredentialHandle(std::shared_ptr<const identity::SharedKeyCredential> k)
        : HandleBase(kTag), sharedKey(std::move(k)) {}
};

std::shared_ptr<const identity::TokenCredential> credentialOf(const kvb_credential* handle) {
    auto& h = unwrap<CredentialHandle>(handle);
    if (!h.credential) throw InvalidArgument("a shared key credential signs Batch requests only");
    return h.credential;
}

std::shared_ptr<const identity::SharedKeyCredential> sharedKeyOf(const kvb_credential* handle) {
    return unwrap<CredentialHandle>(handle).sharedKey;
}

namespace {

identity::CredentialOptions credentialOptions(const kvb_client_options* options) {
    identity::CredentialOptions out;
    out.client = clientOptions(options);
    if (options) out.authorityHost = optional(options->authority_host);
    return out;
}

identity::ManagedIdentityCredentialOptions managedIdentityOptions(const kvb_managed_identity_options* m,
                                                                  const kvb_client_options* options) {
    identity::ManagedIdentityCredentialOptions out;
    out.client = clientOptions(options);
    if (checkedOptions(m) == nullptr) return out;
    out.clientId = optional(m->client_id);
    out.objectId = optional(m->object_id);
    out.resourceId = optional(m->resource_id);
    out.imdsEndpoint = optional(m->imds_endpoint);
    out.identityEndpoint = optional(m->identity_endpoint);
    out.identityHeader = SecretString(optional(m->identity_header));
    if (m->probe_timeout_ms) out.probeTimeout = std::chrono::milliseconds(m->probe_timeout_ms);
    return out;
}

identity::DefaultAzureCredentialOptions defaultOptions(const kvb_default_credential_options* chain,
                                                       const kvb_client_options* options) {
    identity::DefaultAzureCredentialOptions out;
    out.credential = credentialOptions(options);
    out.workloadIdentity.credential = credentialOptions(options);
    out.managedIdentity = managedIdentityOptions(chain ? chain->managed_identity : nullptr, options);
    if (checkedOptions(chain) == nullptr) return out;
    out.excludeEnvironment = chain->exclude_environment != 0;
    out.excludeWorkloadIdentity = chain->exclude_workload_identity != 0;
    out.excludeManagedIdentity = chain->exclude_managed_identity != 0;
    out.excludeAzureCli = chain->exclude_azure_cli != 0;
    out.workloadIdentity.tenantId = optional(chain->workload_tenant_id);
    out.workloadIdentity.clientId = optional(chain->workload_client_id);
    out.workloadIdentity.tokenFilePath = optional(chain->workload_token_file_path);
    out.azureCli.tenantId = optional(chain->azure_cli_tenant_id);
    if (chain->azure_cli_timeout_ms)
        out.azureCli.timeout = std::chrono::milliseconds(chain->azure_cli_timeout_ms);
    return out;
}

template <class Credential, class... Args>
int returnCredential(kvb_credential** out, Args&&... args) {
    std::shared_ptr<const identity::TokenCredential> credential =
        std::make_shared<Credential>(std::forward<Args>(args)...);
    return returnHandle<CredentialHandle>(out, std::move(credential));
}

identity::ClientCertificateCredentialOptions
certificateOptions(const kvb_client_certificate_options& certificate, const kvb_client_options* options) {
    identity::ClientCertificateCredentialOptions out;
    out.credential = credentialOptions(options);
    out.sendCertificateChain = certificate.send_chain != 0;
    return out;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_credential_new_client_secret(kvb_credential** out, const char* tenant_id, const char* client_id,
                                     const char* client_secret, const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        return returnCredential<identity::ClientSecretCredential>(
            out, std::string(required(tenant_id, "tenant_id")), std::string(required(client_id, "client_id")),
            SecretString(required(client_secret, "client_secret")), credentialOptions(options));
    });
}

int kvb_client_certificate_options_init(kvb_client_certificate_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_credential_new_client_certificate_file(kvb_credential** out, const char* tenant_id,
                                               const char* client_id, const char* path,
                                               const kvb_client_certificate_options* certificate,
                                               const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        const auto& c = optionsOrDefaults(certificate);
        return returnCredential<identity::ClientCertificateCredential>(
            out, std::string(required(tenant_id, "tenant_id")), std::string(required(client_id, "client_id")),
            std::string(required(path, "path")), SecretString(optional(c.password)),
            certificateOptions(c, options));
    });
}

int kvb_credential_new_client_certificate(kvb_credential** out, const char* tenant_id, const char* client_id,
                                          const uint8_t* data, size_t size,
                                          const kvb_client_certificate_options* certificate,
                                          const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        const auto& c = optionsOrDefaults(certificate);
        const auto bytes = bytesIn(data, size, "data");
        if (bytes.empty()) throw InvalidArgument("the certificate data is empty");
        return returnCredential<identity::ClientCertificateCredential>(
            out, std::string(required(tenant_id, "tenant_id")), std::string(required(client_id, "client_id")),
            SecretBytes(bytes), SecretString(optional(c.password)), certificateOptions(c, options));
    });
}

int kvb_managed_identity_options_init(kvb_managed_identity_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_credential_new_managed_identity(kvb_credential** out, const kvb_managed_identity_options* identity,
                                        const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        return returnCredential<identity::ManagedIdentityCredential>(
            out, managedIdentityOptions(identity, options));
    });
}

int kvb_credential_new_environment(kvb_credential** out, const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        return returnCredential<identity::EnvironmentCredential>(out, credentialOptions(options));
    });
}

int kvb_default_credential_options_init(kvb_default_credential_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_credential_new_default(kvb_credential** out, const kvb_default_credential_options* chain,
                               const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        return returnCredential<identity::DefaultAzureCredential>(out, defaultOptions(chain, options));
    });
}

int kvb_credential_new_shared_key(kvb_credential** out, const char* account_name, const char* base64_key) {
    return guard([&] {
        resetOut(out);
        auto key = std::make_shared<const identity::SharedKeyCredential>(
            std::string(required(account_name, "account_name")),
            SecretString(required(base64_key, "base64_key")));
        return returnHandle<CredentialHandle>(out, std::move(key));
    });
}

int kvb_credential_kind(int* kind, const kvb_credential* credential) {
    return guard([&] {
        requireOut(kind);
        *kind = sharedKeyOf(credential) ? KVB_CREDENTIAL_SHARED_KEY : KVB_CREDENTIAL_TOKEN;
        return KVB_OK;
    });
}

void kvb_credential_free(kvb_credential* credential) {
    freeHandle<CredentialHandle>(credential);
}

int kvb_credential_get_token(kvb_string* token, int64_t* expires_on, const kvb_credential* credential,
                             const char* scope, const char* tenant_id) {
    return guard([&] {
        requireOut(token);
        auto cred = credentialOf(credential);
        identity::TokenRequestContext request;
        request.scopes = {std::string(required(scope, "scope"))};
        request.tenantId = optional(tenant_id);
        auto access = cred->getToken(request, {});
        fillString(token, access.token.reveal());
        if (expires_on)
            *expires_on =
                std::chrono::duration_cast<std::chrono::seconds>(access.expiresOn.time_since_epoch()).count();
        return KVB_OK;
    });
}

} // extern "C"
