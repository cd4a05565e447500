// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file default_azure_credential.hpp
 * @brief The usual chain: environment, workload identity, managed identity, Azure CLI.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/azure_cli_credential.hpp>
#include <kvbridge/identity/chained_token_credential.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/identity/workload_identity_credential.hpp>

namespace kvb::identity {

/** @brief Options of DefaultAzureCredential, one block per step of the chain. */
struct DefaultAzureCredentialOptions {
    CredentialOptions credential; ///< For the environment step.
    WorkloadIdentityCredentialOptions workloadIdentity;
    ManagedIdentityCredentialOptions managedIdentity; ///< Point imdsEndpoint at loopback in tests.
    AzureCliCredentialOptions azureCli;
    bool excludeEnvironment = false;
    bool excludeWorkloadIdentity = false;
    bool excludeManagedIdentity = false;
    bool excludeAzureCli = false;
};

/**
 * @brief Tries EnvironmentCredential, WorkloadIdentityCredential, ManagedIdentityCredential and
 * AzureCliCredential in that order, remembers the first that works, and otherwise fails with an
 * AuthenticationError that lists why each step failed.
 */
class KVB_EXPORT DefaultAzureCredential final : public ChainedTokenCredential {
public:
    /** @throws InvalidArgument when every step is excluded or an option is invalid. */
    explicit DefaultAzureCredential(DefaultAzureCredentialOptions options = {});
    /** @brief "DefaultAzureCredential". */
    std::string name() const override;
};

} // namespace kvb::identity
