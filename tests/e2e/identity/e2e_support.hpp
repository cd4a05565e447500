// SPDX-License-Identifier: MIT
#pragma once

// Shared pieces of the identity end-to-end tests.

#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/secret_string.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator.hpp"
#include "test_files.hpp"

namespace kvb::test {

// Known secret values: the log/error scan looks for each of them.
constexpr const char* kWrongSecret = "wrong-secret-6a1f0c2e";
constexpr const char* kPfxPassword = "pfx-password-93be41";
constexpr const char* kWrongPassword = "wrong-password-5d0e77";

/** The shared emulator after a reset (state, faults, counters, config). */
Emulator& freshEmulator();
/** {"https://vault.localhost/.default"} */
identity::TokenRequestContext vaultScope();
/** Register application @p clientId with certificate @p pem on the emulator. */
void registerCertificateClient(const std::string& clientId, const std::string& pem);
/** Managed identity options pointing at the emulator's IMDS endpoint. */
identity::ManagedIdentityCredentialOptions imdsOptions();
/** Managed identity options pointing at a loopback port where nothing listens. */
identity::ManagedIdentityCredentialOptions closedImdsOptions();
SecretBytes secretBytes(const std::string& text);

/**
 * Clears every variable a credential reads (AZURE_*, IDENTITY_*, KVB_IMDS_ENDPOINT), sets
 * @p values, and puts everything back on destruction.
 */
class ScopedEnv {
public:
    explicit ScopedEnv(const std::vector<std::pair<std::string, std::string>>& values);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::map<std::string, std::optional<std::string>> saved_;
};

} // namespace kvb::test
