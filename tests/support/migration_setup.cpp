// SPDX-License-Identifier: MIT
#include "migration_setup.hpp"

#include "emulator.hpp"

#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

namespace kvb::test {

void seedBatchAccount(const std::string& account) {
    Emulator::shared().control("POST", "batch/accounts", R"({"name":")" + account + R"("})");
}

void seedBatchCertificate(const std::string& account, const std::string& thumbprint,
                          const std::string& derBase64) {
    Emulator::shared().control("POST", "batch/accounts/" + account + "/certificates",
                               R"({"thumbprint":")" + thumbprint +
                                   R"(","thumbprintAlgorithm":"sha1","data":")" + derBase64 +
                                   R"(","certificateFormat":"cer"})");
}

batch::BatchClient emulatorBatchClient(const std::string& account, const http::ClientOptions& options) {
    batch::BatchClientOptions batchOptions;
    batchOptions.client = options;
    auto key = std::make_shared<identity::SharedKeyCredential>(account, SecretString(Emulator::kBatchKey));
    return batch::BatchClient("https://" + account +
                                  ".batch.localhost:" + std::to_string(Emulator::shared().port()),
                              key, batchOptions);
}

std::shared_ptr<migrate::BatchClientSource> emulatorBatchSource(const std::string& account,
                                                                const http::ClientOptions& options) {
    return std::make_shared<migrate::BatchClientSource>(emulatorBatchClient(account, options));
}

migrate::KeyVaultStore emulatorVaultStore(const std::string& vault,
                                          std::shared_ptr<const identity::TokenCredential> credential,
                                          const keyvault::KeyVaultClientOptions& options) {
    return migrate::KeyVaultStore(Emulator::shared().vaultUrl(vault), std::move(credential), options);
}

migrate::MigrationOptions emulatorMigrationOptions(const std::string& vault,
                                                   const std::filesystem::path& keyMaterial) {
    migrate::MigrationOptions options;
    options.vaultUrl = Emulator::shared().vaultUrl(vault);
    options.keyMaterial = {keyMaterial};
    options.concurrency = 8;
    return options;
}

} // namespace kvb::test
