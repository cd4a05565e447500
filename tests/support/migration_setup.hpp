// SPDX-License-Identifier: MIT
#pragma once

// The pieces of a library-level migration against the shared emulator: Batch accounts seeded
// through the control plane, the Batch source and the Key Vault store.

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace kvb::test {

/** Create (or update) Batch account @p account with the emulator's default key. */
void seedBatchAccount(const std::string& account);
/** Add a public certificate (base64 DER, as Batch's publicData) to @p account. */
void seedBatchCertificate(const std::string& account, const std::string& thumbprint,
                          const std::string& derBase64);
/** Batch client for @p account, Shared Key with the emulator's default key. */
batch::BatchClient emulatorBatchClient(const std::string& account, const http::ClientOptions& options);
/** Batch source for @p account, Shared Key with the emulator's default key. */
std::shared_ptr<migrate::BatchClientSource> emulatorBatchSource(const std::string& account,
                                                                const http::ClientOptions& options);
/** Key Vault store for vault @p vault of the emulator. */
migrate::KeyVaultStore emulatorVaultStore(const std::string& vault,
                                          std::shared_ptr<const identity::TokenCredential> credential,
                                          const keyvault::KeyVaultClientOptions& options);

/** Options of a migration into emulator vault @p vault from @p keyMaterial, 8 workers. */
migrate::MigrationOptions emulatorMigrationOptions(const std::string& vault,
                                                   const std::filesystem::path& keyMaterial);

} // namespace kvb::test
