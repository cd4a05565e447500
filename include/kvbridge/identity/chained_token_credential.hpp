// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file chained_token_credential.hpp
 * @brief Tries credentials in order until one gives a token.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace kvb::identity {

/**
 * @brief Tries each credential in turn; the first that works is remembered and asked first
 * from then on. An AuthenticationError moves to the next credential; other errors (cancellation)
 * stop the search.
 */
class KVB_EXPORT ChainedTokenCredential : public TokenCredential {
public:
    /**
     * @brief A chain of @p sources, asked in order.
     * @param sources  the credentials to try, shared with the caller.
     * @throws InvalidArgument when @p sources is empty or holds a null.
     */
    explicit ChainedTokenCredential(std::vector<std::shared_ptr<const TokenCredential>> sources);
    /** @brief Releases this chain's share of the credentials. */
    ~ChainedTokenCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * @throws AuthenticationError listing, per credential, why it failed.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "ChainedTokenCredential". */
    std::string name() const override;
    /** @return The name of the credential that last worked, or empty when none has yet. */
    std::string selectedCredential() const;

private:
    std::vector<std::shared_ptr<const TokenCredential>> sources_;
    mutable std::atomic<int> selected_{-1};
};

} // namespace kvb::identity
