// SPDX-License-Identifier: MIT
// The engine against in-memory Batch and Key Vault, with real key material files.

#include <kvbridge/error.hpp>
#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/migrator.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include "core/json.hpp"
#include "fakes.hpp"
#include "openssl_certificates.hpp"

#include "doctest_enums.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

using namespace kvb::migrate;
using kvb::test::FakeBatch;
using kvb::test::FakeVault;
using namespace std::chrono_literals;

namespace {

// Five certificates: pfx with password, pem, cer only, pfx whose password is wrong, one with no file.
struct Layout {
    kvb::test::TempDir dir;
    std::vector<kvb::test::TestCertificate> certs;
    std::shared_ptr<FakeBatch> batch = std::make_shared<FakeBatch>();
    std::shared_ptr<FakeVault> vault = std::make_shared<FakeVault>();

    Layout() {
        for (int i = 0; i < 5; ++i)
            certs.push_back(kvb::test::makeTestCertificate("cert" + std::to_string(i)));
        certs[0].writePfx(dir / "zero.pfx", "pw0");
        certs[1].writePem(dir / "one.pem");
        certs[2].writeCer(dir / "two.cer");
        certs[3].writePfx(dir / (certs[3].thumbprint + ".pfx"), "right");
        for (const auto& c : certs) batch->certificates.push_back({c.thumbprint, "active", c.derBase64});
        batch->addPool("linux-pool", {certs[0].thumbprint, certs[1].thumbprint});
        batch->addPool("win-pool", {certs[2].thumbprint, certs[4].thumbprint}, true);
        batch->addJobSchedule("nightly", {certs[0].thumbprint});
        kvb::test::writeText(dir / "passwords.json",
                             R"({"zero.pfx":"pw0",")" + certs[3].thumbprint + R"(":"wrong"})");
    }

    MigrationOptions options() const {
        MigrationOptions o;
        o.vaultUrl = "https://fake.vault.azure.net";
        o.keyMaterial = {dir.path()};
        o.passwords = PasswordBook::fromFile(dir / "passwords.json");
        o.concurrency = 3;
        o.journalPath = dir / "journal.jsonl";
        return o;
    }

    MigrationReport run(const MigrationOptions& o) const { return Migrator(batch, vault, o).run(); }

    const ItemOutcome& outcome(const MigrationReport& r, int i) const {
        for (const auto& o : r.certificates) {
            if (o.plan.thumbprint == certs[static_cast<std::size_t>(i)].thumbprint) return o;
        }
        throw std::runtime_error("no outcome");
    }
};

// @p item's import as the vault stores it, tagged as the migration tags it.
VaultObject landImport(const FakeVault& vault, const PlanItem& item, const PasswordBook& passwords) {
    auto prepared = prepareImport(
        {item.sourceFile, item.sourceFormat, item.thumbprint, "", true, KeyFileProblem::None, ""}, passwords);
    return vault.importCertificate({item.targetName, prepared.value, prepared.pem, prepared.password,
                                    migrationTags("fakebatch", item.thumbprint)},
                                   {});
}

// The first item's import, planned and journaled as started by a run that was then killed.
struct InterruptedImport {
    const Layout& l;
    MigrationOptions options;
    Migrator migrator;
    Inventory inventory;
    Plan plan;
    const PlanItem& item;

    explicit InterruptedImport(const Layout& layout)
        : l(layout), options(layout.options()), migrator(layout.batch, layout.vault, options),
          inventory(migrator.inventory()), plan(migrator.plan(inventory)), item(plan.items[0]) {
        REQUIRE(item.action == PlanAction::Import);
        Journal j(options.journalPath);
        j.append(CertificateStepRecord{.step = CertificateStep::Import,
                                       .status = JournalStatus::Started,
                                       .thumbprint = item.thumbprint,
                                       .name = item.targetName});
    }

    // What the killed run sent, as the vault stores it whenever it gets to it.
    VaultObject land() const { return landImport(*l.vault, item, options.passwords); }
};

} // namespace

TEST_SUITE("migrate::engine") {
    TEST_CASE("each certificate gets its action, and the imports are tagged and verified") {
        Layout l;
        const auto r = l.run(l.options());
        REQUIRE(r.certificates.size() == 5);
        CHECK(l.outcome(r, 0).plan.action == PlanAction::Import);
        CHECK(l.outcome(r, 0).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 0).verified);
        CHECK(l.outcome(r, 0).x5t == kvb::pki::thumbprintHexToX5t(l.certs[0].thumbprint));
        CHECK(l.outcome(r, 1).plan.action == PlanAction::Import);
        CHECK(l.outcome(r, 1).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 2).plan.action == PlanAction::StorePublicAsSecret);
        CHECK(l.outcome(r, 2).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 3).plan.action == PlanAction::PasswordWrong);
        CHECK(l.outcome(r, 3).result == StepResult::Failed);
        CHECK(l.outcome(r, 4).plan.action == PlanAction::MissingKeyMaterial);
        CHECK(l.vault->writes == 3);
        const auto stored = l.vault->getCertificate(l.outcome(r, 0).plan.targetName, {});
        REQUIRE(stored);
        CHECK(stored->tags.at("batch-account") == "fakebatch");
        CHECK(stored->tags.at("batch-thumbprint") == l.certs[0].thumbprint);
        CHECK(stored->tags.at("migrated-by") == "kvbridge");
        CHECK(r.hasProblems());
        // Pool guidance: the Linux pool observes both migrated secrets.
        REQUIRE(r.pools.size() == 3);
        CHECK(r.pools[0].poolId == "linux-pool");
        CHECK(r.pools[0].unmigrated.empty());
        CHECK(r.pools[0].extensionJson.find("/secrets/" + l.outcome(r, 0).plan.targetName + "\"") !=
              std::string::npos);
        CHECK(r.pools[1].unmigrated.size() == 1);
        CHECK(r.pools[2].jobSchedule);
    }

    TEST_CASE("a second run writes nothing: everything migrated is already-present") {
        Layout l;
        l.run(l.options());
        const int writes = l.vault->writes;
        const auto again = l.run(l.options());
        CHECK(l.vault->writes == writes);
        CHECK(l.outcome(again, 0).plan.action == PlanAction::AlreadyPresent);
        CHECK(l.outcome(again, 1).plan.action == PlanAction::AlreadyPresent);
        CHECK(l.outcome(again, 2).plan.action == PlanAction::AlreadyPresent);
        CHECK(l.outcome(again, 0).verified);
    }

    TEST_CASE("a dry run plans and writes nothing, not even the journal") {
        Layout l;
        auto o = l.options();
        o.dryRun = true;
        o.clearPoolReferences = true;
        o.deleteBatchCertificates = true;
        const auto r = l.run(o);
        CHECK(l.vault->writes == 0);
        CHECK(l.batch->clearedPools.empty());
        CHECK(l.batch->deleted.empty());
        CHECK_FALSE(std::filesystem::exists(o.journalPath));
        CHECK(l.outcome(r, 0).result == StepResult::Planned);
        CHECK(r.dryRun);
    }

    TEST_CASE("with the certificate API retired, thumbprints come from pool and job schedule references") {
        Layout l;
        l.batch->retired = true;
        const auto r = l.run(l.options());
        CHECK(r.certificateApiRetired);
        CHECK(r.certificates.size() == 4); // certs[3] is referenced by nobody
        CHECK(l.outcome(r, 0).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 0).plan.uses.size() == 2); // a pool and a job schedule
    }

    TEST_CASE(
        "a crash between start and finish: the rerun finds the import in the vault and does not repeat it") {
        Layout l;
        auto o = l.options();
        // The import reached the vault, then the process died before journaling "succeeded".
        l.run(o);
        const auto target = l.vault->certificates.begin()->second.back().object.name;
        {
            Journal j(o.journalPath);
            CertificateStepRecord started;
            started.step = CertificateStep::Import;
            started.thumbprint = l.certs[0].thumbprint;
            started.name = target;
            started.status = JournalStatus::Started;
            j.append(started);
        }
        const auto rerun = l.run(o);
        CHECK(l.outcome(rerun, 0).plan.action == PlanAction::AlreadyPresent);
        CHECK(l.vault->versionCount(target) == 1);
    }

    TEST_CASE("an interrupted import the planner did not see is adopted, not repeated") {
        Layout l;
        // The import lands after planning, and the journal only has "started" (crash).
        const InterruptedImport i(l);
        i.land();
        const auto r = i.migrator.execute(i.inventory, i.plan);
        CHECK(l.vault->versionCount(i.item.targetName) == 1);
        CHECK(r.certificates[0].result == StepResult::Succeeded);
        CHECK(r.certificates[0].detail == "completed by an interrupted run");
        CHECK(
            JournalState::load(i.options.journalPath).succeeded(CertificateStep::Import, i.item.thumbprint));
    }

    TEST_CASE("a write an interrupted run left started is waited for within the write window") {
        Layout l;
        l.vault->window = {2000ms, 10000ms};
        const InterruptedImport i(l);
        // The killed run's import is still on its way: the vault stores it 400 ms from now.
        std::thread late([&] {
            std::this_thread::sleep_for(400ms);
            i.land();
        });
        const auto r = i.migrator.execute(i.inventory, i.plan);
        late.join();
        CHECK(l.vault->versionCount(i.item.targetName) == 1);
        CHECK(r.certificates[0].result == StepResult::Succeeded);
        CHECK(r.certificates[0].detail == "completed by an interrupted run");
        const auto journal = JournalState::load(i.options.journalPath);
        CHECK(journal.succeeded(CertificateStep::Settle, i.item.thumbprint));
        CHECK(journal.succeeded(CertificateStep::Import, i.item.thumbprint));
    }

    TEST_CASE("a lost reply is settled in the run: the vault holds the write, nothing is sent again") {
        Layout l;
        std::string target = "batch-" + l.certs[0].thumbprint;
        for (auto& c : target) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        l.vault->loseReply.insert(target);
        const auto r = l.run(l.options());
        CHECK(l.vault->versionCount(target) == 1);
        CHECK(l.outcome(r, 0).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 0).verified);
        CHECK(JournalState::load(l.options().journalPath)
                  .succeeded(CertificateStep::Settle, l.certs[0].thumbprint));
    }

    TEST_CASE("a write that never lands is sent again after the window; a late second version is disabled, "
              "reported, and the next rerun is a no-op") {
        Layout l;
        l.vault->window = {300ms, 10000ms};
        const InterruptedImport i(l);
        const auto& item = i.item;
        const auto& o = i.options;
        const auto before = std::chrono::steady_clock::now();
        const auto r = i.migrator.execute(i.inventory, i.plan);
        CHECK(std::chrono::steady_clock::now() - before >= 300ms);
        CHECK(l.vault->versionCount(item.targetName) == 1);
        CHECK(r.certificates[0].result == StepResult::Succeeded);
        CHECK(JournalState::load(o.journalPath).last(CertificateStep::Settle, item.thumbprint)->status ==
              JournalStatus::Failed);

        // The interrupted write lands after all: two versions carry the certificate.
        const auto lateVersion = i.land();
        const auto kept = l.run(o);
        const auto& outcome = l.outcome(kept, 0);
        CHECK(outcome.plan.action == PlanAction::AlreadyPresent);
        REQUIRE(outcome.duplicates.size() == 1);
        CHECK(outcome.duplicates[0].id == r.certificates[0].keyVaultId);
        CHECK(outcome.duplicates[0].disabled);
        CHECK(outcome.keyVaultId == lateVersion.id); // the latest, what readers get, stays enabled
        CHECK(l.vault->disables == 1);
        const auto versions = l.vault->listVersions(VaultObjectKind::Certificate, item.targetName, {});
        REQUIRE(versions.size() == 2);
        CHECK_FALSE(versions[0].enabled);
        CHECK(versions[1].enabled);
        const auto journal = JournalState::load(o.journalPath);
        CHECK(journal.succeeded(CertificateStep::DisableDuplicate, item.thumbprint));
        CHECK(journal.last(CertificateStep::DisableDuplicate, item.thumbprint)->kvId == versions[0].id);
        const std::string json = toJson(kept);
        CHECK(json.find(R"("duplicateVersions":[{"id":")" + versions[0].id + R"(","disabled":true)") !=
              std::string::npos);
        CHECK(toMarkdown(kept).find("## Duplicate versions") != std::string::npos);
        CHECK(toSummaryText(kept).find("duplicate version of " + item.targetName + ": " + versions[0].id +
                                       " (disabled)") != std::string::npos);

        // Once more: nothing written, nothing journaled; the disabled duplicate is still reported.
        const auto records = journal.recordCount();
        const int writes = l.vault->writes;
        const auto again = l.run(o);
        CHECK(l.vault->disables == 1);
        CHECK(l.vault->writes == writes);
        CHECK(JournalState::load(o.journalPath).recordCount() == records);
        REQUIRE(l.outcome(again, 0).duplicates.size() == 1);
        CHECK(l.outcome(again, 0).duplicates[0].disabled);
    }

    TEST_CASE("clean-up touches only verified certificates and fully migrated pools") {
        Layout l;
        auto o = l.options();
        o.clearPoolReferences = true;
        o.deleteBatchCertificates = true;
        const auto r = l.run(o);
        // linux-pool: both certificates verified -> cleared; win-pool: certs[4] missing -> left alone.
        REQUIRE(l.batch->clearedPools.size() == 1);
        CHECK(l.batch->clearedPools[0] == "linux-pool");
        REQUIRE(r.poolCleanups.size() == 2);
        CHECK(r.poolCleanups[1].result == StepResult::Skipped);
        // Deleted: the three verified ones; certs[2] is still referenced by win-pool -> deletefailed.
        CHECK(l.batch->deleted.size() == 3);
        CHECK(l.outcome(r, 0).batchCertificateCleanup == "deleted");
        CHECK(l.outcome(r, 2).batchCertificateCleanup == "deletefailed");
        CHECK(l.outcome(r, 3).batchCertificateCleanup.rfind("skipped", 0) == 0);
    }

    TEST_CASE("a wrong x5t from the vault fails verification and blocks clean-up of that certificate") {
        Layout l;
        auto o = l.options();
        o.deleteBatchCertificates = true;
        o.planning.names[l.certs[0].thumbprint] = "liar";
        l.vault->lieAboutX5t["liar"] = "AAAA";
        const auto r = l.run(o);
        CHECK(l.outcome(r, 0).result == StepResult::Failed);
        CHECK(l.outcome(r, 0).detail.find("verification failed") != std::string::npos);
        CHECK_FALSE(l.outcome(r, 0).verified);
        CHECK(std::find(l.batch->deleted.begin(), l.batch->deleted.end(), l.certs[0].thumbprint) ==
              l.batch->deleted.end());
    }

    TEST_CASE("one failing import does not stop the others; deep verification compares the key") {
        Layout l;
        auto o = l.options();
        o.verify = VerifyMode::Deep;
        o.planning.names[l.certs[0].thumbprint] = "boom";
        l.vault->failImports.insert("boom");
        const auto r = l.run(o);
        CHECK(l.outcome(r, 0).result == StepResult::Failed);
        CHECK(l.outcome(r, 1).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 1).verified);
        CHECK(
            JournalState::load(o.journalPath).last(CertificateStep::Import, l.certs[0].thumbprint)->status ==
            JournalStatus::Failed);
        CHECK(
            JournalState::load(o.journalPath).last(CertificateStep::Verify, l.certs[1].thumbprint)->detail ==
            "deep");
    }

    TEST_CASE("an unusable vault fails every write with its reason and keeps the rest of the report") {
        Layout l;
        l.vault->brokenReason = "the vault URL must use https";
        const auto r = l.run(l.options());
        CHECK(l.outcome(r, 0).result == StepResult::Failed);
        CHECK(l.outcome(r, 0).detail.find("must use https") != std::string::npos);
        CHECK(l.outcome(r, 3).plan.action == PlanAction::PasswordWrong);
    }

    TEST_CASE("bad options are refused when the migrator is made, dry run or not, naming what is wrong") {
        Layout l;
        for (const bool dryRun : {false, true}) {
            auto o = l.options();
            o.dryRun = dryRun;
            o.keyMaterial = {l.dir / "nope"};
            CHECK_THROWS_WITH_AS(
                Migrator(l.batch, l.vault, o),
                ("key material path " + (l.dir / "nope").string() + " does not exist").c_str(),
                kvb::InvalidArgument);
            o = l.options();
            o.dryRun = dryRun;
            o.vaultUrl = "http://fake.vault.azure.net";
            CHECK_THROWS_WITH_AS(Migrator(l.batch, l.vault, o),
                                 "vault URL 'http://fake.vault.azure.net' must use https",
                                 kvb::InvalidArgument);
            o.vaultUrl = "fake.vault.azure.net";
            CHECK_THROWS_WITH_AS(
                Migrator(l.batch, l.vault, o),
                "vault URL 'fake.vault.azure.net' is not an absolute https URL (https://host[:port])",
                kvb::InvalidArgument);
        }
        auto o = l.options();
        o.journalPath = l.dir.path();
        CHECK_THROWS_WITH_AS(Migrator(l.batch, l.vault, o),
                             ("journal " + l.dir.path().string() + " is a directory, not a file").c_str(),
                             kvb::InvalidArgument);
        CHECK(l.vault->writes == 0);
    }

    TEST_CASE(
        "progress counts every certificate, planning failures included, and ends with the report's totals") {
        Layout l;
        std::vector<Progress> seen;
        const auto collect = [&](const Progress& p) { seen.push_back(p); };
        Migrator migrator(l.batch, l.vault, l.options());
        const auto r = migrator.run(collect);
        REQUIRE(seen.size() == 3); // one call per write
        CHECK(seen.back().done == 5);
        CHECK(seen.back().total == 5);
        CHECK(seen.back().failed == r.count(StepResult::Failed));
        CHECK(seen.back().failed == 2); // password-wrong and missing-key-material
        CHECK(seen.back().succeeded == r.count(StepResult::Succeeded));
        CHECK(seen.front().failed == 2); // counted from the first call on
        // A rerun with nothing to write makes no call (the CLI shows the report's totals).
        seen.clear();
        migrator.run(collect);
        CHECK(seen.empty());
    }

    TEST_CASE("the summary fits 80 columns and names the files that cannot be used") {
        Layout l;
        const auto r = l.run(l.options());
        const std::string summary = toSummaryText(r);
        std::size_t start = 0;
        for (std::size_t end; (end = summary.find('\n', start)) != std::string::npos; start = end + 1)
            CHECK_MESSAGE(end - start <= 80, summary.substr(start, end - start));
        for (const char* part :
             {"5 certificates:", "2 import,", "1 password-wrong,", "0 name-conflict",
              "results: 3 succeeded, 0 skipped, 2 failed, 0 planned", "1 key material file cannot be used"})
            CHECK_MESSAGE(summary.find(part) != std::string::npos, part);
        REQUIRE(r.fileFindings.size() == 1);
        // Its certificate bags are encrypted too: tied by its name alone.
        CHECK(toText(r.fileFindings[0]) ==
              r.fileFindings[0].path +
                  ": wrong-password: wrong password for the PKCS#12 file; its "
                  "certificate bags are encrypted with the password too (certificate " +
                  l.certs[3].thumbprint + ")");
    }

    TEST_CASE("the JSON report follows schema version 1 and the Markdown has one row per certificate") {
        Layout l;
        const auto r = l.run(l.options());
        auto doc = kvb::detail::parseJson(toJson(r), "report");
        CHECK(doc["schemaVersion"].GetInt() == 1);
        for (const char* key :
             {"batchAccount", "vaultUrl", "dryRun", "certificateApiRetired", "startedAt", "finishedAt",
              "summary", "certificates", "poolCleanup", "pools", "files", "warnings"}) {
            CHECK_MESSAGE(doc.HasMember(key), key);
        }
        CHECK(doc["summary"]["actions"]["import"].GetInt() == 2);
        CHECK(doc["summary"]["results"]["failed"].GetInt() == 2);
        CHECK(doc["summary"]["unusableFiles"].GetInt() == 1);
        REQUIRE(doc["files"].Size() == 1);
        CHECK(std::string(doc["files"][0]["problem"].GetString()) == "wrong-password");
        CHECK(std::string(doc["files"][0]["thumbprint"].GetString()) == l.certs[3].thumbprint);
        CHECK(doc["files"][0]["listedByBatch"].GetBool());
        const auto& c0 = doc["certificates"][0];
        for (const char* key :
             {"thumbprint", "name", "action", "reason", "result", "detail", "sourceFile", "keyVaultId",
              "secretId", "x5t", "verified", "batchCertificateCleanup", "references"}) {
            CHECK_MESSAGE(c0.HasMember(key), key);
        }
        const std::string md = toMarkdown(r);
        CHECK(md.find("| Certificate | Thumbprint | Action | Result | Key Vault id | Pools affected |") !=
              std::string::npos);
        for (const auto& c : l.certs) CHECK(md.find(c.thumbprint) != std::string::npos);
        CHECK(md.find("## Key material files that cannot be used") != std::string::npos);
        CHECK(md.find("| wrong-password | `" + l.certs[3].thumbprint + "` |") != std::string::npos);
        CHECK(md.find("linux-pool") != std::string::npos);
        const std::string all = toJson(r) + md;
        CHECK(all.find("pw0") == std::string::npos); // no password anywhere
    }
}

namespace {

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void replaceAll(std::string& text, const std::string& what, const std::string& with) {
    for (std::size_t at; (at = text.find(what)) != std::string::npos;) text.replace(at, what.size(), with);
}

// tests/data/journals/cleanup-run.jsonl: the journal a migration of Layout wrote (concurrency 1,
// clean-up asked for, certs[1]'s reply lost and settled), with its thumbprints and x5ts made
// placeholders. Here with @p l's certificates put back in, cut after @p records lines: the
// journal a crash at that point leaves.
std::string recordedJournal(const Layout& l, std::size_t records) {
    std::ifstream in(KVB_JOURNALS_DIR "/cleanup-run.jsonl");
    REQUIRE(in);
    std::string out;
    std::size_t n = 0;
    for (std::string line; n < records && std::getline(in, line); ++n) {
        for (std::size_t i = 0; i < l.certs.size(); ++i) {
            const std::string& thumbprint = l.certs[i].thumbprint;
            replaceAll(line, "<CERT" + std::to_string(i) + ">", thumbprint);
            replaceAll(line, "<cert" + std::to_string(i) + ">", lower(thumbprint));
            replaceAll(line, "<X5T" + std::to_string(i) + ">", kvb::pki::thumbprintHexToX5t(thumbprint));
        }
        out += line + "\n";
    }
    REQUIRE(n == records);
    return out;
}

} // namespace

TEST_SUITE("migrate::engine") {
    TEST_CASE("a journal of the current format, left by a crash during an import, resumes: the write is "
              "settled and sent again once") {
        Layout l;
        auto o = l.options();
        // Cut after "import started" of certs[1]: certs[0] was imported and verified; certs[1]'s
        // import never reached the vault.
        kvb::test::writeText(o.journalPath, recordedJournal(l, 4));
        PlanItem first; // certs[0]'s import, as the crashed run made it
        first.thumbprint = l.certs[0].thumbprint;
        first.targetName = "batch-" + lower(first.thumbprint);
        first.sourceFile = (l.dir / "zero.pfx").string();
        landImport(*l.vault, first, o.passwords);
        const int writes = l.vault->writes;
        const auto r = l.run(o);
        CHECK(l.outcome(r, 0).plan.action == PlanAction::AlreadyPresent);
        CHECK(l.outcome(r, 1).result == StepResult::Succeeded);
        CHECK(l.outcome(r, 1).verified);
        CHECK(l.outcome(r, 2).result == StepResult::Succeeded);
        CHECK(l.vault->writes == writes + 2); // certs[1] once, certs[2] once
        const auto target = l.outcome(r, 1).plan.targetName;
        CHECK(l.vault->versionCount(target) == 1);
        const auto journal = JournalState::load(o.journalPath);
        CHECK(journal.last(CertificateStep::Settle, l.certs[1].thumbprint)->status == JournalStatus::Failed);
        CHECK(journal.succeeded(CertificateStep::Import, l.certs[1].thumbprint));
        CHECK(journal.succeeded(CertificateStep::Verify, l.certs[0].thumbprint)); // read from the file
    }

    TEST_CASE("a journal of the current format, left by a crash during clean-up, resumes: what Batch forgot "
              "is reported from the journal and nothing is sent twice") {
        Layout l;
        auto o = l.options();
        auto quiet = o;
        quiet.journalPath.clear();
        l.run(quiet); // the vault as the crashed run left it: v1, v1 and s1, as in the journal
        const int writes = l.vault->writes;
        // Cut after "delete-batch-certificate started" of certs[1]: linux-pool's references were
        // cleared and certs[0] and certs[1] deleted, so Batch lists neither those references
        // nor certs[1] (certs[0] stays known through the nightly job schedule).
        kvb::test::writeText(o.journalPath, recordedJournal(l, 15));
        auto& pools = l.batch->pools;
        l.batch->addPool("linux-pool", {});
        pools.front() = pools.back();
        pools.pop_back();
        auto& listed = l.batch->certificates;
        listed.erase(listed.begin(), listed.begin() + 2);
        o.clearPoolReferences = true;
        o.deleteBatchCertificates = true;
        const auto r = l.run(o);
        CHECK(l.vault->writes == writes);
        CHECK(l.batch->clearedPools.empty()); // cleared by the crashed run: not sent again
        REQUIRE(r.poolCleanups.size() == 2);
        CHECK(r.poolCleanups[0].poolId == "linux-pool");
        CHECK(r.poolCleanups[0].result == StepResult::Succeeded);
        // certs[1], gone from Batch, is reported from the journal's verify record.
        const auto& recalled = l.outcome(r, 1);
        CHECK(recalled.verified);
        CHECK(recalled.batchCertificateCleanup == "deleted");
        CHECK(recalled.keyVaultId ==
              "https://fake.vault.azure.net/certificates/" + recalled.plan.targetName + "/v1");
        CHECK(recalled.x5t == kvb::pki::thumbprintHexToX5t(l.certs[1].thumbprint));
        // linux-pool's guidance comes from the references the journal kept.
        REQUIRE_FALSE(r.pools.empty());
        CHECK(r.pools[0].poolId == "linux-pool");
        CHECK(r.pools[0].unmigrated.empty());
        CHECK(r.pools[0].extensionJson.find("/secrets/" + recalled.plan.targetName + "\"") !=
              std::string::npos);
    }
}
