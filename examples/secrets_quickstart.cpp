// SPDX-License-Identifier: MIT
// Secrets quick start: set, read, list, delete and recover a secret.
//   secrets_quickstart [vault-url]      (see example_env.hpp for the environment)

#include <kvbridge/error.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <chrono>
#include <iostream>

#include "example_env.hpp"

using namespace kvb::keyvault;

int main(int argc, char** argv) try {
    SecretClient client(example::vaultUrl(argc, argv), example::credential(), example::vaultOptions());

    client.setSecret("quickstart-password", kvb::SecretString("hunter2"), {.contentType = "text/plain"});
    auto secret = client.getSecret("quickstart-password");
    std::cout << "read " << secret->properties.name << " version " << secret->properties.version << " ("
              << secret->value.size() << " characters)\n";

    for (const auto& properties : client.listPropertiesOfSecrets())
        std::cout << "listed " << properties.name << "\n";

    auto deletion = client.startDeleteSecret("quickstart-password");
    deletion.pollUntilDone();
    std::cout << "deleted; recoverable at " << deletion.value().recoveryId.value_or("(no soft delete)")
              << "\n";

    client.startRecoverDeletedSecret("quickstart-password").pollUntilDone();
    const bool same = client.getSecret("quickstart-password")->value == secret->value;
    std::cout << "recovered: " << (same ? "same value" : "DIFFERENT value") << "\n";
    return same ? 0 : 1;
} catch (const kvb::ServiceError& e) {
    std::cerr << "service error " << e.httpStatus() << " " << e.serviceCode() << " (request " << e.requestId()
              << "): " << e.serviceMessage() << "\n";
    return 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
