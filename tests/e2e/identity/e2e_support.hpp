// SPDX-License-Identifier: MIT
#pragma once

// Shared pieces of the identity end-to-end tests.

#include <kvbridge/identity/managed_identity_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/secret_string.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator.hpp"

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

/** A file under /tmp holding given content (a token file, key material), removed on destruction. */
class TempFile {
public:
    explicit TempFile(std::string_view content);
    explicit TempFile(const std::vector<std::uint8_t>& bytes);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const noexcept { return path_; }
    /** Replace the content (the modification time changes). */
    void rewrite(std::string_view content) const;

private:
    std::string path_;
};

} // namespace kvb::test
