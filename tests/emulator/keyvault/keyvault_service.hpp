// SPDX-License-Identifier: MIT
#pragma once

// Key Vault data plane of the emulator (keys, secrets, certificates), written from
// tests/data/specs/keyvault. The server core routes a vault host here after checking the
// bearer token, applying faults and throttling; this part only knows the REST surface.

#include "../http_types.hpp"

#include <memory>
#include <string>

namespace emu {

struct KeyVaultConfig {
    int certificateCreateDelayMs = 300; // pending create operations complete after this
    int defaultMaxResults = 25;         // page size when the client sends no maxresults
    // Retry-After (seconds) on a certificate create's 202 and on GETs of an operation still in
    // progress, as the service paces its pollers; 0: no header.
    int certificateRetryAfterSeconds = 0;
    // A delete or a recovery takes effect this long after its request (the service takes seconds):
    // until then the object answers 404 in its new place. 0: at once.
    int softDeleteDelayMs = 0;
};

class KeyVaultService {
public:
    KeyVaultService();
    ~KeyVaultService();
    KeyVaultService(const KeyVaultService&) = delete;
    KeyVaultService& operator=(const KeyVaultService&) = delete;

    // Thread-safe. vaultName is the first label of the host; req.baseUrl ("https://host[:port]")
    // is the vault URL to use in ids and nextLinks. Vaults come into being on first use.
    HttpReply handle(const std::string& vaultName, const HttpRequest& req);

    void setConfig(const KeyVaultConfig& config);
    KeyVaultConfig config() const;

    // Control plane: secrets <prefix>0 .. <prefix><count - 1>, each one version holding @p value
    // (existing ones get a new version). Throws std::invalid_argument on a bad name or count.
    void seedSecrets(const std::string& vaultName, const std::string& prefix, std::size_t count,
                     const std::string& value);

    // Forget one vault's contents (deleted through Resource Manager).
    void dropVault(const std::string& vaultName);
    // Forget every vault.
    void reset();
    // Whole state as JSON text, and back (for --state).
    std::string saveState() const;
    void loadState(const std::string& json);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace emu
