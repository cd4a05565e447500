// SPDX-License-Identifier: MIT
// Credentials of the C ABI.

#include <kvbridge/identity/client_secret_credential.hpp>

#include <memory>

#include "capi_internal.hpp"

namespace kvb::capi {

struct CredentialHandle : HandleBase {
    static constexpr Tag kTag = Tag::Credential;
    std::shared_ptr<const identity::TokenCredential> credential;
    explicit CredentialHandle(std::shared_ptr<const identity::TokenCredential> c)
        : HandleBase(kTag), credential(std::move(c)) {}
};

std::shared_ptr<const identity::TokenCredential> credentialOf(const kvb_credential* handle) {
    return unwrap<CredentialHandle>(handle).credential;
}

namespace {

identity::CredentialOptions credentialOptions(const kvb_client_options* options) {
    identity::CredentialOptions out;
    out.client = clientOptions(options);
    if (options) out.authorityHost = optional(options->authority_host);
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
        requireOut(out);
        *out = nullptr;
        auto credential = std::make_shared<identity::ClientSecretCredential>(
            std::string(required(tenant_id, "tenant_id")), std::string(required(client_id, "client_id")),
            SecretString(required(client_secret, "client_secret")), credentialOptions(options));
        *out = reinterpret_cast<kvb_credential*>(new CredentialHandle(std::move(credential)));
        return KVB_OK;
    });
}

void kvb_credential_free(kvb_credential* credential) { freeHandle<CredentialHandle>(credential); }

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
            *expires_on = std::chrono::duration_cast<std::chrono::seconds>(access.expiresOn.time_since_epoch()).count();
        return KVB_OK;
    });
}

} // extern "C"
