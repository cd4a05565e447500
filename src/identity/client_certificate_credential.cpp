// SPDX-License-Identifier: MIT
#include <kvbridge/identity/client_certificate_credential.hpp>

#include "identity/confidential_client.hpp"
#include "identity/signing_certificate.hpp"
#include "identity/token_request.hpp"

namespace kvb::identity {

namespace {
ConfidentialClient::Proof assertionProof(std::shared_ptr<const SigningCertificate> certificate,
                                         std::string clientId, bool includeChain) {
    return [certificate = std::move(certificate), clientId = std::move(clientId),
            includeChain](std::string& form, const std::string& endpoint, const Context&) {
        appendClientAssertion(form, certificate->makeAssertion(clientId, endpoint, includeChain,
                                                               std::chrono::system_clock::now()));
    };
}

std::unique_ptr<ConfidentialClient> makeClient(std::string name, std::string tenantId, std::string clientId,
                                               std::shared_ptr<const SigningCertificate> certificate,
                                               const ClientCertificateCredentialOptions& options) {
    auto proof = assertionProof(std::move(certificate), clientId, options.sendCertificateChain);
    return std::make_unique<ConfidentialClient>(std::move(name), std::move(tenantId), std::move(clientId),
                                                options.credential, std::move(proof));
}
} // namespace

ClientCertificateCredential::ClientCertificateCredential(std::string tenantId, std::string clientId,
                                                         const std::string& certificatePath,
                                                         const SecretString& password,
                                                         ClientCertificateCredentialOptions options)
    : client_(makeClient(name(), std::move(tenantId), std::move(clientId),
                         SigningCertificate::loadFile(certificatePath, password), options)) {}

ClientCertificateCredential::ClientCertificateCredential(std::string tenantId, std::string clientId,
                                                         const SecretBytes& certificate,
                                                         const SecretString& password,
                                                         ClientCertificateCredentialOptions options)
    : client_(makeClient(name(), std::move(tenantId), std::move(clientId),
                         SigningCertificate::load(certificate, password), options)) {}

ClientCertificateCredential::~ClientCertificateCredential() = default;

AccessToken ClientCertificateCredential::getToken(const TokenRequestContext& request,
                                                  const Context& context) const {
    return client_->getToken(request, context);
}

std::string ClientCertificateCredential::name() const {
    return "ClientCertificateCredential";
}

} // namespace kvb::identity
