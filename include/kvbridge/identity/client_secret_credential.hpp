// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file client_secret_credential.hpp
 * @brief Service principal authentication with a client secret (OAuth 2.0 client credentials).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/secret_string.hpp>

#include <memory>
#include <string>

namespace kvb::identity {

class ConfidentialClient; // the token flow these credentials share (src/identity)

/**
 * @brief Gets tokens for an application (service principal) with its client secret.
 *
 * POSTs `grant_type=client_credentials` to `{authority}/{tenant}/oauth2/v2.0/token`. Tokens are
 * cached per scope and tenant and refreshed ahead of expiry; the credential is thread-safe and
 * concurrent callers share one refresh. The secret never appears in a log line or an error.
 */
class KVB_EXPORT ClientSecretCredential final : public TokenCredential {
public:
    /**
     * @param tenantId      directory (tenant) id or domain.
     * @param clientId      application (client) id.
     * @param clientSecret  the client secret value.
     * @param options       authority host and transport.
     * @throws InvalidArgument when an argument is empty or the authority host is not an https URL.
     */
    ClientSecretCredential(std::string tenantId, std::string clientId, SecretString clientSecret,
                           CredentialOptions options = {});
    /** @brief Wipes the secret and the cached tokens. */
    ~ClientSecretCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * A tenant in @p request replaces the credential's own. Entra ID's refusal (its AADSTS code
     * and description) comes as the AuthenticationError.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "ClientSecretCredential". */
    std::string name() const override;

private:
    std::unique_ptr<ConfidentialClient> client_;
};

} // namespace kvb::identity
