// SPDX-License-Identifier: MIT
#include <kvbridge/identity/environment_credential.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_certificate_credential.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>

#include "identity/token_request.hpp"

namespace kvb::identity {

EnvironmentCredential::EnvironmentCredential(CredentialOptions options) {
    const std::string tenantId = environment("AZURE_TENANT_ID");
    const std::string clientId = environment("AZURE_CLIENT_ID");
    SecretString secret(environment("AZURE_CLIENT_SECRET"));
    const std::string certificatePath = environment("AZURE_CLIENT_CERTIFICATE_PATH");
    if (tenantId.empty() || clientId.empty() || (secret.empty() && certificatePath.empty())) {
        unavailable_ = "EnvironmentCredential: not configured (set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
                       "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH)";
        return;
    }
    try {
        if (!secret.empty()) {
            inner_ = std::make_shared<ClientSecretCredential>(tenantId, clientId, std::move(secret), options);
        } else {
            const SecretString password(environment("AZURE_CLIENT_CERTIFICATE_PASSWORD"));
            ClientCertificateCredentialOptions certificateOptions;
            certificateOptions.credential = std::move(options);
            inner_ = std::make_shared<ClientCertificateCredential>(tenantId, clientId, certificatePath,
                                                                   password, certificateOptions);
        }
    } catch (const Error& e) {
        unavailable_ = std::string("EnvironmentCredential: the environment is invalid: ") + e.what();
    }
}

EnvironmentCredential::~EnvironmentCredential() = default;

AccessToken EnvironmentCredential::getToken(const TokenRequestContext& request,
                                            const Context& context) const {
    if (!inner_) throw AuthenticationError(unavailable_);
    return inner_->getToken(request, context);
}

std::string EnvironmentCredential::name() const {
    return "EnvironmentCredential";
}

} // namespace kvb::identity
