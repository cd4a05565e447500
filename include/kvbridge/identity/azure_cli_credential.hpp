// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file azure_cli_credential.hpp
 * @brief Tokens of the user signed in to the Azure CLI (`az login`).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace kvb::identity {

/** @brief Options of AzureCliCredential. */
struct AzureCliCredentialOptions {
    std::string tenantId;                      ///< Passed as --tenant; empty: the CLI's default.
    std::chrono::milliseconds timeout{10'000}; ///< The CLI is killed after this long.
    std::string executable = "az";             ///< Program name (looked up in PATH) or path.
};

/**
 * @brief Runs `az account get-access-token --output json --scope S [--tenant T]` directly (no
 * shell) and reads accessToken and expires_on (or expiresOn). Tokens are cached.
 */
class KVB_EXPORT AzureCliCredential final : public TokenCredential {
public:
    /**
     * @brief Checks the options; the CLI first runs at the first token request.
     * @param options  tenant, time limit and the program to run.
     * @throws InvalidArgument when the tenant id holds characters other than letters, digits, '-', '.'.
     */
    explicit AzureCliCredential(AzureCliCredentialOptions options = {});
    /** @brief Wipes the cached tokens. */
    ~AzureCliCredential() override;

    /**
     * @copydoc TokenCredential::getToken
     * @throws AuthenticationError when az is not installed, times out, is not logged in or prints
     * something unreadable.
     */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "AzureCliCredential". */
    std::string name() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kvb::identity
