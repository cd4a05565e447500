// SPDX-License-Identifier: MIT
#pragma once

// Shared by the examples: where the vault is and how to sign in, from the environment.
//   KVB_VAULT_URL (or argv[1])   https://myvault.vault.azure.net
//   AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET
//   AZURE_AUTHORITY_HOST         optional (an emulator's login host)
//   KVB_CA_FILE                  optional PEM bundle to trust (an emulator's CA)

#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

namespace example {

inline std::string env(const char* name, const char* fallback = nullptr) {
    const char* value = std::getenv(name);
    if (value != nullptr) return value;
    if (fallback != nullptr) return fallback;
    throw std::runtime_error(std::string("set ") + name);
}

inline std::string vaultUrl(int argc, char** argv) {
    return argc > 1 ? argv[1] : env("KVB_VAULT_URL");
}

inline kvb::http::ClientOptions clientOptions() {
    kvb::http::ClientOptions options;
    options.transportOptions.caFile = env("KVB_CA_FILE", "");
    return options;
}

inline std::shared_ptr<const kvb::identity::TokenCredential> credential() {
    kvb::identity::CredentialOptions options;
    options.authorityHost = env("AZURE_AUTHORITY_HOST", "");
    options.client = clientOptions();
    return std::make_shared<kvb::identity::ClientSecretCredential>(
        env("AZURE_TENANT_ID"), env("AZURE_CLIENT_ID"), kvb::SecretString(env("AZURE_CLIENT_SECRET")),
        options);
}

inline kvb::keyvault::KeyVaultClientOptions vaultOptions() {
    kvb::keyvault::KeyVaultClientOptions options;
    options.client = clientOptions();
    return options;
}

} // namespace example
