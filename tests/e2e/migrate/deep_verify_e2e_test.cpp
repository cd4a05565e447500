// SPDX-License-Identifier: MIT
// --verify deep against a vault whose object changes between import and verification: another
// writer imports a different certificate (other key) under the same name just before the
// download. That certificate must be reported as a verification failure with its reason, the
// others must be unaffected, and nothing may be cleaned up for it.

#include "migrate_scenario.hpp"
#include "migration_setup.hpp"

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <doctest/doctest.h>

#include <atomic>

using kvb::test::Emulator;
using namespace kvb::migrate;

namespace {

// The real vault, with a rival import of @p victim slipped in before its first download.
class RivalWriterStore final : public KeyVaultStore {
public:
    RivalWriterStore(KeyVaultStore inner, std::string victim, std::string rivalPem)
        : KeyVaultStore(std::move(inner)), victim_(std::move(victim)), rivalPem_(std::move(rivalPem)) {}

    kvb::SecretBytes downloadCertificate(const std::string& name, bool& pem,
                                         const kvb::Context& context) const override {
        if (name == victim_ && !swapped_.exchange(true)) {
            ImportRequest rival;
            rival.name = name;
            rival.value = kvb::SecretBytes(std::vector<std::uint8_t>(rivalPem_.begin(), rivalPem_.end()));
            rival.pem = true;
            importCertificate(rival, context);
        }
        return KeyVaultStore::downloadCertificate(name, pem, context);
    }

private:
    std::string victim_;
    std::string rivalPem_;
    mutable std::atomic<bool> swapped_{false};
};

} // namespace

TEST_SUITE("e2e::migrate::verify") {
    TEST_CASE("deep verification finds the vault's key differs: that certificate fails, alone, uncleaned") {
        auto& emu = Emulator::shared();
        const std::string account = "deepverify";
        const std::string vault = "deepverifykv";
        kvb::test::seedBatchAccount(account);
        kvb::test::TempDir dir;
        std::vector<kvb::test::TestCertificate> certs;
        for (int i = 0; i < 3; ++i) {
            certs.push_back(kvb::test::makeTestCertificate("deep" + std::to_string(i)));
            certs.back().writePem(dir / ("c" + std::to_string(i) + ".pem"));
            kvb::test::seedBatchCertificate(account, certs.back().thumbprint, certs.back().derBase64);
        }
        // One pool uses the victim (certs[0]), another only certs[1].
        for (const auto& [pool, index] : {std::pair{"dv-victim", 0}, std::pair{"dv-clean", 1}}) {
            emu.control(
                "POST", "batch/accounts/" + account + "/pools",
                std::string(R"({"id":")") + pool +
                    R"(","vmSize":"standard_d2s_v3","virtualMachineConfiguration":{"nodeAgentSKUId":"batch.node.ubuntu 22.04"},"certificateReferences":[{"thumbprint":")" +
                    kvb::test::lower(certs[static_cast<std::size_t>(index)].thumbprint) +
                    R"(","thumbprintAlgorithm":"sha1","storeLocation":"currentuser","visibility":["task"]}]})");
        }
        const std::string victimName = "batch-" + kvb::test::lower(certs[0].thumbprint);
        const auto rival = kvb::test::makeTestCertificate("rival");

        const auto batchClient = kvb::test::emulatorBatchClient(account, kvb::test::emulatorClientOptions());
        auto batch = kvb::test::emulatorBatchSource(account, kvb::test::emulatorClientOptions());
        kvb::keyvault::KeyVaultClientOptions kvOptions;
        kvOptions.client = kvb::test::emulatorClientOptions();
        auto store = std::make_shared<RivalWriterStore>(
            kvb::test::emulatorVaultStore(vault, kvb::test::emulatorCredential(), kvOptions), victimName,
            rival.certPem + rival.keyPem);
        auto options = kvb::test::emulatorMigrationOptions(vault, dir.path());
        options.verify = VerifyMode::Deep;
        options.clearPoolReferences = true;
        options.deleteBatchCertificates = true;
        options.journalPath = dir / "journal.jsonl";
        const auto report = Migrator(batch, store, options).run();

        REQUIRE(report.certificates.size() == 3);
        for (const auto& o : report.certificates) {
            CAPTURE(o.plan.thumbprint);
            if (o.plan.thumbprint == certs[0].thumbprint) {
                CHECK(o.result == StepResult::Failed);
                CHECK_FALSE(o.verified);
                CHECK(o.detail.find("deep verification failed") != std::string::npos);
                CHECK(o.detail.find("private key in the vault differs") != std::string::npos);
                CHECK(o.batchCertificateCleanup.rfind("skipped", 0) == 0);
            } else {
                CHECK(o.result == StepResult::Succeeded);
                CHECK(o.verified);
                CHECK(o.batchCertificateCleanup == "deleted");
            }
        }
        std::map<std::string, StepResult> pools;
        for (const auto& p : report.poolCleanups) pools[p.poolId] = p.result;
        CHECK(pools.at("dv-victim") == StepResult::Skipped);
        CHECK(pools.at("dv-clean") == StepResult::Succeeded);
        // Batch still holds the victim and the pool still references it.
        CHECK(batchClient.getCertificate(certs[0].thumbprint)->thumbprint.size() == 40);
        CHECK(batchClient.getPool("dv-victim")->certificateReferences.size() == 1);
        CHECK(batchClient.getPool("dv-clean")->certificateReferences.empty());
        // The journal says why, for the next run.
        const auto journal = JournalState::load(dir / "journal.jsonl");
        const auto verify = journal.last(CertificateStep::Verify, certs[0].thumbprint);
        REQUIRE(verify.has_value());
        CHECK(verify->status == JournalStatus::Failed);
        CHECK(verify->detail.find("differs") != std::string::npos);
    }
}
