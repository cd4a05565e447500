// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file environment_credential.hpp
 * @brief A service principal described by AZURE_* environment variables.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <memory>
#include <string>

namespace kvb::identity {

/**
 * @brief Reads, at construction, AZURE_TENANT_ID, AZURE_CLIENT_ID and either AZURE_CLIENT_SECRET
 * (a ClientSecretCredential) or AZURE_CLIENT_CERTIFICATE_PATH with optional
 * AZURE_CLIENT_CERTIFICATE_PASSWORD (a ClientCertificateCredential), and delegates to it.
 */
class KVB_EXPORT EnvironmentCredential final : public TokenCredential {
public:
    /**
     * @brief Reads the variables now. Never throws for missing or unusable ones (a certificate
     * file that cannot be read): getToken() then reports the problem, so the credential can sit
     * in a chain.
     * @param options  authority host and transport of the token requests.
     */
    explicit EnvironmentCredential(CredentialOptions options = {});
    /** @brief Releases the inner credential. */
    ~EnvironmentCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * @throws AuthenticationError naming the missing variables when not configured.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "EnvironmentCredential". */
    std::string name() const override;

private:
    std::shared_ptr<const TokenCredential> inner_;
    std::string unavailable_; ///< why there is no inner credential
};

} // namespace kvb::identity
