// SPDX-License-Identifier: MIT
// A large migration with about one request in ten faulted (a seeded random mix of kinds, on
// Entra ID, Key Vault and Batch alike): it must finish with every certificate verified, none
// lost and none imported twice.

#include "credentials.hpp"
#include "emulator.hpp"
#include "migration_setup.hpp"
#include "openssl_certificates.hpp"

#include "core/json.hpp"

#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>

using kvb::test::Emulator;
using namespace kvb::migrate;

namespace {

// KVB_FAULT_MIGRATION_CERTIFICATES overrides the size (e.g. a quick local run).
int certificateCount() {
    const char* env = std::getenv("KVB_FAULT_MIGRATION_CERTIFICATES");
    return env != nullptr ? std::atoi(env) : 1000;
}

// Kinds mixed into the run. A malformed 200 is left to the fault matrix: no client may retry a
// success it cannot read. The long delay outlasts the client's timeout; on a write the vault
// still carries it out afterwards, so a blind replay would make a second version.
const std::vector<std::string> kKinds = {
    R"("kind":"status","status":429,"retryAfter":"1")",
    R"("kind":"status","status":429,"retryAfter":"http-date")",
    R"("kind":"status","status":429,"retryAfterMs":20)",
    R"("kind":"status","status":500)",
    R"("kind":"status","status":503)",
    R"("kind":"reset")",
    R"("kind":"truncate")",
    R"("kind":"delay","delayMs":1500)",
    R"("kind":"delay","delayMs":300)",
};

kvb::http::ClientOptions faultTolerantOptions() {
    auto o = kvb::test::emulatorClientOptions();
    o.retry.maxRetries = 8;
    o.retry.baseDelay = std::chrono::milliseconds(10);
    o.retry.maxDelay = std::chrono::milliseconds(100);
    o.transportOptions.timeout = std::chrono::milliseconds(1000);
    return o;
}

std::map<std::string, long> countersObject(const char* name) {
    auto doc = kvb::detail::parseJson(Emulator::shared().control("GET", "counters"), "counters");
    std::map<std::string, long> out;
    for (auto it = doc[name].MemberBegin(); it != doc[name].MemberEnd(); ++it)
        out[it->name.GetString()] = it->value.GetInt64();
    return out;
}

} // namespace

TEST_SUITE("faults::migration") {
    TEST_CASE("a migration with 10% of its requests faulted: all verified, 0 lost, 0 duplicated") {
        auto& emu = Emulator::shared();
        const int count = certificateCount();
        const auto started = std::chrono::steady_clock::now();
        const std::string account = "faulted";
        const std::string vault = "faultedkv";
        kvb::test::seedBatchAccount(account);
        kvb::test::TempDir dir;
        std::set<std::string> thumbprints;
        for (int i = 0; i < count; ++i) {
            const auto c = kvb::test::makeTestCertificate("f" + std::to_string(i));
            // Alternate the forms the migration reads.
            if (i % 2 == 0)
                c.writePem(dir / ("c" + std::to_string(i) + ".pem"));
            else
                c.writePfx(dir / ("c" + std::to_string(i) + ".pfx"));
            kvb::test::seedBatchCertificate(account, c.thumbprint, c.derBase64);
            thumbprints.insert(c.thumbprint);
        }
        REQUIRE(thumbprints.size() == static_cast<std::size_t>(count));
        const auto seeded = std::chrono::steady_clock::now();
        MESSAGE("seeding " << count << " certificates took "
                           << std::chrono::duration_cast<std::chrono::milliseconds>(seeded - started).count()
                           << " ms");

        // Nine rules tried in turn, each hitting 1.165% of what reaches it: 1 - 0.98835^9 = 10%.
        emu.control("POST", "faults/clear");
        const auto before = countersObject("faultsInjectedByKind");
        const long requestsBefore = emu.counter("requests");
        for (std::size_t k = 0; k < kKinds.size(); ++k) {
            emu.control("POST", "faults",
                        R"({"count":100000,"probability":0.01165,"seed":)" + std::to_string(20261129 + k) +
                            "," + kKinds[k] + "}");
        }

        auto batch = kvb::test::emulatorBatchSource(account, faultTolerantOptions());
        kvb::keyvault::KeyVaultClientOptions kvOptions;
        kvOptions.client = faultTolerantOptions();
        auto credentialOptions = kvb::test::emulatorCredentialOptions();
        credentialOptions.client = faultTolerantOptions();
        auto cred = std::make_shared<const kvb::identity::ClientSecretCredential>(
            Emulator::kTenant, Emulator::kClientId, kvb::SecretString(Emulator::kClientSecret),
            credentialOptions);
        auto store = std::make_shared<KeyVaultStore>(kvb::test::emulatorVaultStore(vault, cred, kvOptions));
        auto options = kvb::test::emulatorMigrationOptions(vault, dir.path());
        options.writeBudget = 1000;
        options.writeWindow = std::chrono::milliseconds(1000);
        options.journalPath = dir / "journal.jsonl";
        const auto report = Migrator(batch, store, options).run();

        emu.control("POST", "faults/clear");
        MESSAGE("the migration took " << std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - seeded)
                                             .count()
                                      << " ms");
        const long requests = emu.counter("requests") - requestsBefore;
        long injected = 0;
        for (const auto& [kind, n] : countersObject("faultsInjectedByKind")) {
            const long delta = n - (before.count(kind) ? before.at(kind) : 0);
            injected += delta;
            MESSAGE("faults injected: " << kind << " " << delta);
        }
        MESSAGE("requests " << requests << ", faults injected " << injected
                            << " (survived: " << report.count(StepResult::Succeeded) << " of " << count
                            << " certificates migrated)");
        CHECK(injected * 100 >= requests * 5); // about one in ten; never a fault-free run

        // Every certificate reported, succeeded and verified: none lost.
        CHECK(report.certificates.size() == static_cast<std::size_t>(count));
        std::set<std::string> reported;
        for (const auto& o : report.certificates) {
            reported.insert(o.plan.thumbprint);
            CHECK_MESSAGE(o.result == StepResult::Succeeded, o.plan.thumbprint << ": " << o.detail);
            CHECK(o.verified);
        }
        CHECK(reported == thumbprints);

        // Exactly one version per certificate in the vault: none imported twice.
        kvb::keyvault::KeyVaultClientOptions plain;
        plain.client = kvb::test::emulatorClientOptions();
        kvb::keyvault::CertificateClient reader(emu.vaultUrl(vault), kvb::test::emulatorCredential(), plain);
        std::size_t names = 0, duplicated = 0;
        for (const auto& p : reader.listPropertiesOfCertificates().collect()) {
            ++names;
            if (reader.listPropertiesOfCertificateVersions(p.name).collect().size() != 1) ++duplicated;
        }
        MESSAGE("certificates in the vault " << names << ", with more than one version " << duplicated);
        CHECK(names == static_cast<std::size_t>(count));
        CHECK(duplicated == 0);
    }
}
