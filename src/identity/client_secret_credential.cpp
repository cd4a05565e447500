// SPDX-License-Identifier: MIT
#include <kvbridge/identity/client_secret_credential.hpp>

#include <kvbridge/error.hpp>

#include "identity/confidential_client.hpp"
#include "identity/token_request.hpp"

namespace kvb::identity {

ClientSecretCredential::ClientSecretCredential(std::string tenantId, std::string clientId,
                                               SecretString clientSecret, CredentialOptions options) {
    if (clientSecret.empty()) throw InvalidArgument("ClientSecretCredential: the client secret is empty");
    auto secret = std::make_shared<const SecretString>(std::move(clientSecret));
    client_ =
        std::make_unique<ConfidentialClient>(name(), std::move(tenantId), std::move(clientId), options,
                                             [secret](std::string& form, const std::string&, const Context&) {
                                                 appendFormField(form, "client_secret", secret->reveal());
                                             });
}

ClientSecretCredential::~ClientSecretCredential() = default;

AccessToken ClientSecretCredential::getToken(const TokenRequestContext& request,
                                             const Context& context) const {
    return client_->getToken(request, context);
}

std::string ClientSecretCredential::name() const {
    return "ClientSecretCredential";
}

} // namespace kvb::identity
