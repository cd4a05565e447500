// SPDX-License-Identifier: MIT
#include <kvbridge/identity/default_azure_credential.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/environment_credential.hpp>

namespace kvb::identity {

namespace {

// Stands in for a step that could not even be built (e.g. workload identity without its
// variables), so that the chain's error still says why.
class UnavailableCredential final : public TokenCredential {
public:
    UnavailableCredential(std::string name, std::string reason)
        : name_(std::move(name)), reason_(std::move(reason)) {}
    AccessToken getToken(const TokenRequestContext&, const Context&) const override {
        throw AuthenticationError(reason_);
    }
    std::string name() const override { return name_; }

private:
    std::string name_;
    std::string reason_;
};

std::vector<std::shared_ptr<const TokenCredential>> defaultChain(DefaultAzureCredentialOptions options) {
    std::vector<std::shared_ptr<const TokenCredential>> chain;
    if (!options.excludeEnvironment)
        chain.push_back(std::make_shared<EnvironmentCredential>(options.credential));
    if (!options.excludeWorkloadIdentity) {
        if (options.workloadIdentity.credential.authorityHost.empty())
            options.workloadIdentity.credential = options.credential;
        try {
            chain.push_back(std::make_shared<WorkloadIdentityCredential>(options.workloadIdentity));
        } catch (const InvalidArgument& e) {
            chain.push_back(std::make_shared<UnavailableCredential>("WorkloadIdentityCredential", e.what()));
        }
    }
    if (!options.excludeManagedIdentity)
        chain.push_back(std::make_shared<ManagedIdentityCredential>(options.managedIdentity));
    if (!options.excludeAzureCli) chain.push_back(std::make_shared<AzureCliCredential>(options.azureCli));
    if (chain.empty()) throw InvalidArgument("DefaultAzureCredential: every credential is excluded");
    return chain;
}

} // namespace

DefaultAzureCredential::DefaultAzureCredential(DefaultAzureCredentialOptions options)
    : ChainedTokenCredential(defaultChain(std::move(options))) {}

std::string DefaultAzureCredential::name() const {
    return "DefaultAzureCredential";
}

} // namespace kvb::identity
