// SPDX-License-Identifier: MIT
// A C++ program built outside the tree against the installed libkvbridge (pkg-config kvbridge, or
// CMake's kvbridge::kvbridge, which must make it C++20 by itself): checks the library's version
// against the headers', then sets and reads a secret on the emulator that with_emulator.sh started.

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/version.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr)
        throw std::runtime_error(std::string("run through with_emulator.sh (no ") + name + ")");
    return value;
}

} // namespace

int main() try {
    if (kvb::versionNum() != KVB_VERSION_NUM) {
        std::cerr << "consumer (C++): headers " << KVB_VERSION_STRING << ", library " << kvb::versionString()
                  << "\n";
        return 1;
    }
    kvb::http::ClientOptions client;
    client.transportOptions.caFile = env("KVB_EMULATOR_CA");
    kvb::identity::CredentialOptions credentialOptions;
    credentialOptions.authorityHost = env("KVB_AUTHORITY_HOST");
    credentialOptions.client = client;
    auto credential = std::make_shared<kvb::identity::ClientSecretCredential>(
        "11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-000000000001",
        kvb::SecretString("emulator-client-secret"), credentialOptions);
    kvb::keyvault::KeyVaultClientOptions vaultOptions;
    vaultOptions.client = client;
    kvb::keyvault::SecretClient secrets("https://consumer-cpp.vault.localhost:" + env("KVB_EMULATOR_PORT"),
                                        credential, vaultOptions);
    secrets.setSecret("from-cpp", kvb::SecretString("consumer-value"));
    if (secrets.getSecret("from-cpp")->value.reveal() != "consumer-value") {
        std::cerr << "consumer (C++): read back a different value\n";
        return 1;
    }
    std::cout << "consumer (C++): libkvbridge " << kvb::versionString() << ", secret round trip ok\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "consumer (C++): " << e.what() << "\n";
    return 1;
}
