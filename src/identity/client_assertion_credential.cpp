// SPDX-License-Identifier: MIT
#include <kvbridge/identity/client_assertion_credential.hpp>

#include <kvbridge/error.hpp>

#include "identity/confidential_client.hpp"
#include "identity/token_request.hpp"

namespace kvb::identity {

ClientAssertionCredential::ClientAssertionCredential(std::string tenantId, std::string clientId,
                                                     ClientAssertionCallback callback,
                                                     CredentialOptions options) {
    if (!callback) throw InvalidArgument("ClientAssertionCredential: the assertion callback is empty");
    client_ = std::make_unique<ConfidentialClient>(
        name(), std::move(tenantId), std::move(clientId), options,
        [callback = std::move(callback)](std::string& form, const std::string&, const Context& context) {
            std::string assertion;
            try {
                assertion = callback(context);
            } catch (const OperationCancelled&) {
                throw;
            } catch (const std::exception& e) {
                throw AuthenticationError(
                    std::string("ClientAssertionCredential: the assertion callback failed: ") + e.what());
            }
            if (assertion.empty())
                throw AuthenticationError(
                    "ClientAssertionCredential: the assertion callback returned nothing");
            appendClientAssertion(form, assertion);
            secureWipe(assertion);
        });
}

ClientAssertionCredential::~ClientAssertionCredential() = default;

AccessToken ClientAssertionCredential::getToken(const TokenRequestContext& request,
                                                const Context& context) const {
    return client_->getToken(request, context);
}

std::string ClientAssertionCredential::name() const {
    return "ClientAssertionCredential";
}

} // namespace kvb::identity
