// SPDX-License-Identifier: MIT
// 200 certificates through the library against a throttled emulator vault: the token bucket
// and the pipeline's 429 retry must finish with zero failures.

#include "credentials.hpp"
#include "emulator.hpp"
#include "migration_setup.hpp"
#include "openssl_certificates.hpp"

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <doctest/doctest.h>

using kvb::test::Emulator;
using namespace kvb::migrate;

TEST_SUITE("e2e::migrate::throttle") {
    TEST_CASE("a 200-certificate migration against a throttled vault ends with zero failures") {
        auto& emu = Emulator::shared();
        const std::string account = "throttled";
        const std::string vault = "throttledkv";
        kvb::test::seedBatchAccount(account);
        kvb::test::TempDir dir;
        constexpr int kCount = 200;
        for (int i = 0; i < kCount; ++i) {
            const auto c = kvb::test::makeTestCertificate("t" + std::to_string(i));
            c.writePem(dir / ("c" + std::to_string(i) + ".pem"));
            kvb::test::seedBatchCertificate(account, c.thumbprint, c.derBase64);
        }
        // The vault admits 60 writes per 2 s; the migration is allowed 50 per second, so it
        // runs into 429s and must ride them out.
        emu.control("POST", "throttle", R"({"vault":")" + vault + R"(","writes":60,"windowSeconds":2})");
        const long throttledBefore = emu.counter("throttled");

        auto batch = kvb::test::emulatorBatchSource(account, kvb::test::emulatorClientOptions());
        kvb::keyvault::KeyVaultClientOptions kvOptions;
        kvOptions.client = kvb::test::emulatorClientOptions();
        kvOptions.client.retry.maxRetries = 8;
        kvOptions.client.retry.baseDelay = std::chrono::milliseconds(200);
        auto store = std::make_shared<KeyVaultStore>(
            kvb::test::emulatorVaultStore(vault, kvb::test::emulatorCredential(), kvOptions));
        auto options = kvb::test::emulatorMigrationOptions(vault, dir.path());
        options.writeBudget = 50;
        options.writeWindow = std::chrono::milliseconds(1000);
        const auto report = Migrator(batch, store, options).run();

        const long throttled = emu.counter("throttled") - throttledBefore;
        MESSAGE("429 answers during the 200-certificate migration: " << throttled);
        emu.control("POST", "throttle", R"({"vault":")" + vault + R"(","writes":0,"windowSeconds":0})");
        CHECK(report.certificates.size() == static_cast<std::size_t>(kCount));
        CHECK(report.count(StepResult::Failed) == 0);
        CHECK(report.count(StepResult::Succeeded) == static_cast<std::size_t>(kCount));
    }
}
