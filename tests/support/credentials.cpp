// SPDX-License-Identifier: MIT
#include "credentials.hpp"

#include <kvbridge/identity/client_secret_credential.hpp>

#include "emulator.hpp"

namespace kvb::test {

http::ClientOptions emulatorClientOptions() {
    http::ClientOptions options;
    options.transportOptions = Emulator::shared().transportOptions();
    // Tests want failures fast, not after minutes of back-off.
    options.retry.baseDelay = std::chrono::milliseconds(10);
    options.retry.maxDelay = std::chrono::milliseconds(100);
    return options;
}

identity::CredentialOptions emulatorCredentialOptions() {
    identity::CredentialOptions options;
    options.authorityHost = Emulator::shared().authorityHost();
    options.client = emulatorClientOptions();
    return options;
}

std::shared_ptr<const identity::TokenCredential> emulatorCredential() {
    return std::make_shared<const identity::ClientSecretCredential>(Emulator::kTenant, Emulator::kClientId,
                                                                    SecretString(Emulator::kClientSecret),
                                                                    emulatorCredentialOptions());
}

std::shared_ptr<const identity::SharedKeyCredential> emulatorSharedKey() {
    return std::make_shared<const identity::SharedKeyCredential>(Emulator::kBatchAccount,
                                                                 SecretString(Emulator::kBatchKey));
}

} // namespace kvb::test
