// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file workload_identity_credential.hpp
 * @brief Workload identity federation (e.g. Kubernetes): a token file exchanged for a token.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <memory>
#include <string>

namespace kvb::identity {

class ConfidentialClient; // the token flow these credentials share (src/identity)

/** @brief Options of WorkloadIdentityCredential; empty fields come from the environment. */
struct WorkloadIdentityCredentialOptions {
    std::string tenantId;      ///< Empty: AZURE_TENANT_ID.
    std::string clientId;      ///< Empty: AZURE_CLIENT_ID.
    std::string tokenFilePath; ///< Empty: AZURE_FEDERATED_TOKEN_FILE.
    CredentialOptions
        credential; ///< Authority host (empty: AZURE_AUTHORITY_HOST or public cloud) and transport.
};

/**
 * @brief Sends the federated token read from a file as the client assertion.
 *
 * The file is read again whenever its modification time changes (the platform rotates it).
 */
class KVB_EXPORT WorkloadIdentityCredential final : public TokenCredential {
public:
    /**
     * @brief Reads nothing yet: the token file is read at the first token request.
     * @param options  tenant, client id and token file (empty: from the environment), authority
     *                 host and transport.
     * @throws InvalidArgument when the tenant, client id or token file is not configured.
     */
    explicit WorkloadIdentityCredential(WorkloadIdentityCredentialOptions options = {});
    /** @brief Wipes the cached tokens. */
    ~WorkloadIdentityCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * An unreadable or empty token file is an AuthenticationError.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "WorkloadIdentityCredential". */
    std::string name() const override;

private:
    std::unique_ptr<ConfidentialClient> client_;
};

} // namespace kvb::identity
