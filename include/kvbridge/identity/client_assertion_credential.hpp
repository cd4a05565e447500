// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file client_assertion_credential.hpp
 * @brief Service principal authentication with an assertion supplied by the caller.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <functional>
#include <memory>
#include <string>

namespace kvb::identity {

class ConfidentialClient; // the token flow these credentials share (src/identity)

/**
 * @brief Returns a client assertion (a signed JWT, e.g. a federated token) for a token request.
 * Called on each token request that the cache cannot answer; may throw to report failure.
 */
using ClientAssertionCallback = std::function<std::string(const Context& context)>;

/** @brief Gets tokens for an application that proves itself with a caller-supplied assertion. */
class KVB_EXPORT ClientAssertionCredential final : public TokenCredential {
public:
    /**
     * @param tenantId  directory (tenant) id.
     * @param clientId  application (client) id.
     * @param callback  supplies the assertion (the returned text is wiped after use).
     * @param options   authority host and transport of the token requests.
     * @throws InvalidArgument when an id is empty or @p callback is empty.
     */
    ClientAssertionCredential(std::string tenantId, std::string clientId, ClientAssertionCallback callback,
                              CredentialOptions options = {});
    /** @brief Wipes the cached tokens. */
    ~ClientAssertionCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * An exception from the callback becomes an AuthenticationError.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "ClientAssertionCredential". */
    std::string name() const override;

private:
    std::unique_ptr<ConfidentialClient> client_;
};

} // namespace kvb::identity
