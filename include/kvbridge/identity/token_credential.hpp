// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file token_credential.hpp
 * @brief TokenCredential: the interface every Entra ID credential implements.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kvb::identity {

/** @brief An access token and when it stops working. The token text is wiped on destruction. */
struct AccessToken {
    SecretString token;                                ///< The bearer token itself.
    std::chrono::system_clock::time_point expiresOn{}; ///< When the service stops accepting it.
    /** @brief When to refresh, if the service said (refresh_in); else 5 minutes before expiry. */
    std::optional<std::chrono::system_clock::time_point> refreshOn;
};

/** @brief What a token is for. */
struct TokenRequestContext {
    std::vector<std::string> scopes; ///< e.g. {"https://vault.azure.net/.default"}
    std::string tenantId;            ///< Empty: the credential's own tenant.
    /**
     * @brief Skip the cached token and ask the service again (the bearer policy sets it after a
     * 401). Concurrent forced requests for the same scopes still share one refresh.
     */
    bool forceRefresh = false;
};

/**
 * @brief Source of Entra ID access tokens. Implementations cache tokens per scope and tenant and
 * are thread-safe: concurrent callers share one refresh.
 */
class KVB_EXPORT TokenCredential {
public:
    /** @brief Credentials are shared and destroyed through this base. */
    virtual ~TokenCredential();
    /**
     * @brief A token valid for @p request (from the cache when fresh).
     * @param[in] request  the scopes (one resource), an optional tenant, and whether to skip
     *                     the cache.
     * @param[in] context  cancellation and deadline of the token request.
     * @return The token and its expiry.
     * @throws AuthenticationError when none can be had; OperationCancelled when @p context ends.
     */
    virtual AccessToken getToken(const TokenRequestContext& request, const Context& context) const = 0;
    /** @return The type name, for messages ("ClientSecretCredential"). */
    virtual std::string name() const = 0;
};

} // namespace kvb::identity
