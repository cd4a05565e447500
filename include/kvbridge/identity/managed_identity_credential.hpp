// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file managed_identity_credential.hpp
 * @brief Managed identity of an Azure VM (IMDS) or App Service / Functions host.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace kvb::identity {

/** @brief Options of ManagedIdentityCredential. */
struct ManagedIdentityCredentialOptions {
    /** @brief User-assigned identity by client id. At most one of the three ids may be set;
     *  none means the system-assigned identity. */
    std::string clientId;
    std::string objectId;   ///< User-assigned identity by object (principal) id.
    std::string resourceId; ///< User-assigned identity by Azure resource id.
    /**
     * @brief IMDS token endpoint. Empty: the KVB_IMDS_ENDPOINT environment variable, else
     * http://169.254.169.254/metadata/identity/oauth2/token.
     */
    std::string imdsEndpoint;
    /**
     * @brief App Service identity endpoint and secret header. Empty: IDENTITY_ENDPOINT and
     * IDENTITY_HEADER from the environment; when both are known App Service is used, else IMDS.
     */
    std::string identityEndpoint;
    SecretString identityHeader; ///< The App Service secret sent as X-IDENTITY-HEADER.
    /** @brief Connect timeout of the first request, so a machine without IMDS fails fast. */
    std::chrono::milliseconds probeTimeout{1000};
    /** @brief Transport, retry and logging of the token requests. */
    http::ClientOptions client;
};

/**
 * @brief Gets tokens for the managed identity of the host it runs on.
 *
 * IMDS: `GET {endpoint}?api-version=2018-02-01&resource=R[&client_id|object_id|msi_res_id=…]` with
 * `Metadata: true`. App Service: `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=R
 * [&client_id|principal_id|mi_res_id=…]` with `X-IDENTITY-HEADER`. Exactly one scope is accepted
 * (its "/.default" suffix is removed to make the resource). Tokens are cached.
 */
class KVB_EXPORT ManagedIdentityCredential final : public TokenCredential {
public:
    /**
     * @brief Picks App Service or IMDS from the options and the environment; sends nothing yet.
     * @param options  which identity, the endpoints and transport.
     * @throws InvalidArgument when more than one id is set or an endpoint is not a URL.
     */
    explicit ManagedIdentityCredential(ManagedIdentityCredentialOptions options = {});
    /** @brief Wipes the identity header and the cached tokens. */
    ~ManagedIdentityCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * When the endpoint cannot be reached within the probe timeout the AuthenticationError says so.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "ManagedIdentityCredential". */
    std::string name() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kvb::identity
