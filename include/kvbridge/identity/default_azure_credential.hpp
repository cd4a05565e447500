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
    /** @brief The environment step's; also workload identity's when that names no authority host. */
    CredentialOptions credential;
    WorkloadIdentityCredentialOptions workloadIdentity; ///< The workload identity step's.
    ManagedIdentityCredentialOptions managedIdentity;   ///< Point imdsEndpoint at loopback in tests.
    AzureCliCredentialOptions azureCli;                 ///< The Azure CLI step's.
    bool excludeEnvironment = false;                    ///< Skip EnvironmentCredential.
    bool excludeWorkloadIdentity = false;               ///< Skip WorkloadIdentityCredential.
    bool excludeManagedIdentity = false;                ///< Skip ManagedIdentityCredential.
    bool excludeAzureCli = false;                       ///< Skip AzureCliCredential.
};

/**
 * @brief Tries EnvironmentCredential, WorkloadIdentityCredential, ManagedIdentityCredential and
 * AzureCliCredential in that order, remembers the first that works, and otherwise fails with an
 * AuthenticationError that lists why each step failed.
 */
class KVB_EXPORT DefaultAzureCredential final : public ChainedTokenCredential {
public:
    /**
     * @brief Builds the steps not excluded; a workload identity step without its settings stays
     * in the chain and reports why when asked.
     * @param options  one block per step, and which steps to skip.
     * @throws InvalidArgument when every step is excluded or an option is invalid.
     */
    explicit DefaultAzureCredential(DefaultAzureCredentialOptions options = {});
    /** @return "DefaultAzureCredential". */
    std::string name() const override;
};

} // namespace kvb::identity
