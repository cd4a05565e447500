// SPDX-License-Identifier: MIT
#pragma once

// The client-credentials flow shared by the secret, certificate, assertion and workload identity
// credentials: they differ only in how the application proves who it is (the "proof" fields).

#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <functional>
#include <memory>
#include <string>

#include "identity/token_cache.hpp"

namespace kvb::identity {

class ConfidentialClient {
public:
    /** Appends the proof fields (client_secret, or client_assertion and its type) to @p form. */
    using Proof =
        std::function<void(std::string& form, const std::string& tokenEndpoint, const Context& context)>;

    ConfidentialClient(std::string credentialName, std::string tenantId, std::string clientId,
                       const CredentialOptions& options, Proof proof);

    /** Cached token for @p request; the tenant of @p request, when given, replaces ours. */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const;

    const std::string& credentialName() const noexcept { return name_; }
    const std::string& clientId() const noexcept { return clientId_; }
    /** "{authority}/{tenant}/oauth2/v2.0/token" */
    std::string tokenEndpoint(const std::string& tenantId) const;

private:
    AccessToken fetch(const TokenRequestContext& request, const Context& context) const;

    std::string name_;
    std::string tenantId_;
    std::string clientId_;
    std::string authority_;
    std::shared_ptr<const http::Pipeline> pipeline_;
    Proof proof_;
    TokenCache cache_;
};

} // namespace kvb::identity
