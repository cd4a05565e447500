// SPDX-License-Identifier: MIT
// Crash safety: the CLI kills itself (SIGKILL, through the journal's test hook
// KVB_TEST_CRASH_JOURNAL) at ten exact points of a migration with clean-up, then a rerun
// completes it. Vault, Batch and report must then match an uninterrupted run. Then the harder
// case: the vault carries a write out after the client died (the emulator's delayed-write
// fault), the rerun starts at once and must wait for it rather than write again; and when the
// write lands later than any client could wait, the second version is found and disabled.

#include "migrate_scenario.hpp"
#include "migration_setup.hpp"

#include "core/time_format.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

using kvb::test::Emulator;
using kvb::test::runCli;
using kvb::test::Scenario;

namespace {

// --timeout 2: a rerun waits at most 2 s for a write the killed run left started.
const std::vector<std::string> kCleanupFlags = {
    "--concurrency", "1", "--timeout", "2", "--clear-pool-references", "--delete-batch-certificates"};

struct Record {
    std::string step, key, status, ts, kvId;
};

std::vector<Record> readJournal(const std::filesystem::path& path) {
    std::vector<Record> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.back() != '}') continue; // torn by the kill
        auto doc = kvb::detail::parseJson(line, "journal");
        out.push_back({doc["step"].GetString(), doc["thumbprint"].GetString(), doc["status"].GetString(),
                       doc["ts"].GetString(), doc["kvId"].GetString()});
    }
    return out;
}

// Everything a migration leaves behind, with the scenario's own names taken out.
struct FinalState {
    std::map<std::string, std::string> vault;    // per certificate index: versions and tags
    std::map<std::string, std::string> versions; // per certificate index: enabled of all versions
    std::map<std::string, std::string> batch;    // per certificate index: state, or absent
    std::map<std::string, std::size_t> pools;    // pool id: certificate references left
    std::map<std::string, std::string> report;   // per certificate index present in the report
    std::map<std::string, std::string> poolCleanup;
    std::map<std::string, std::string> guidance; // pool id: thumbprints | extension block

    bool operator==(const FinalState&) const = default;
};

void replaceAll(std::string& text, const std::string& what, const std::string& with) {
    for (std::size_t at; (at = text.find(what)) != std::string::npos;) text.replace(at, what.size(), with);
}

// @p text with the scenario's account, vault and thumbprints replaced by placeholders.
std::string normalized(std::string text, const Scenario& s) {
    replaceAll(text, s.vault, "<vault>");
    replaceAll(text, s.account, "<account>");
    for (std::size_t i = 0; i < s.certs.size(); ++i) {
        const std::string placeholder = "<cert" + std::to_string(i) + ">";
        replaceAll(text, s.certs[i].thumbprint, placeholder);
        replaceAll(text, kvb::test::lower(s.certs[i].thumbprint), placeholder);
    }
    return text;
}

// "/certificates/<name>" or "/secrets/<name>" of an object id: no host, no version.
std::string objectName(const std::string& id) {
    for (const std::string kind : {"/certificates/", "/secrets/"}) {
        const auto at = id.find(kind);
        if (at == std::string::npos) continue;
        const auto end = id.find('/', at + kind.size());
        return id.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    return id;
}

FinalState finalState(const Scenario& s, const std::string& reportDir) {
    auto& emu = Emulator::shared();
    FinalState st;
    kvb::keyvault::KeyVaultClientOptions kvOptions;
    kvOptions.client = kvb::test::emulatorClientOptions();
    kvb::keyvault::SecretClient secrets(emu.vaultUrl(s.vault), kvb::test::emulatorCredential(), kvOptions);
    kvb::keyvault::CertificateClient certificates(emu.vaultUrl(s.vault), kvb::test::emulatorCredential(),
                                                  kvOptions);
    const auto batch = kvb::test::emulatorBatchClient(s.account, kvb::test::emulatorClientOptions());
    std::map<std::string, std::string> indexOfThumbprint;
    for (std::size_t i = 0; i < s.certs.size(); ++i) {
        const auto& t = s.certs[i].thumbprint;
        const std::string key = std::to_string(i);
        indexOfThumbprint[t] = key;
        std::string v;
        try {
            const auto versions =
                secrets.listPropertiesOfSecretVersions("batch-" + kvb::test::lower(t)).collect();
            v = std::to_string(versions.size()) + " version(s)";
            for (const auto& p : versions)
                for (const auto& [tag, value] : p.tags) v += ";" + tag + "=" + value;
        } catch (const kvb::NotFoundError&) {
            v = "absent";
        }
        st.vault[key] = normalized(v, s);
        const std::string name = "batch-" + kvb::test::lower(t);
        auto enabledOf = [](const auto& versions) {
            std::size_t enabled = 0;
            for (const auto& p : versions) enabled += p.enabled.value_or(true) ? 1 : 0;
            return std::to_string(enabled) + " enabled of " + std::to_string(versions.size());
        };
        try {
            st.versions[key] =
                "certificate: " + enabledOf(certificates.listPropertiesOfCertificateVersions(name).collect());
        } catch (const kvb::NotFoundError&) {
            try {
                st.versions[key] =
                    "secret: " + enabledOf(secrets.listPropertiesOfSecretVersions(name).collect());
            } catch (const kvb::NotFoundError&) {
                st.versions[key] = "absent";
            }
        }
        try {
            const auto c = batch.getCertificate(t);
            st.batch[key] = c->state ? std::to_string(static_cast<int>(*c->state)) : "?";
        } catch (const kvb::NotFoundError&) {
            st.batch[key] = "absent";
        }
    }
    for (const char* pool : {"linux-a", "win-b"})
        st.pools[pool] = batch.getPool(pool)->certificateReferences.size();
    const auto report = s.report(reportDir);
    for (const auto& c : report["certificates"].GetArray()) {
        // A resumed run sees finished work as already present; what matters is that it is done,
        // where it went and that it is verified.
        std::string action = c["action"].GetString();
        std::string result = c["result"].GetString();
        if (action == "already-present" || action == "import" || action == "store-public-as-secret")
            action = "migrated";
        if (result == "skipped" && action == "migrated") result = "succeeded";
        const std::string kvName = c.HasMember("keyVaultId") && c["keyVaultId"].IsString()
                                       ? objectName(c["keyVaultId"].GetString())
                                       : "";
        st.report[indexOfThumbprint.at(c["thumbprint"].GetString())] =
            action + "|" + result + "|" + normalized(kvName, s) + "|" +
            (c["verified"].GetBool() ? "verified" : "unverified") + "|" +
            c["batchCertificateCleanup"].GetString();
    }
    for (const auto& p : report["poolCleanup"].GetArray())
        st.poolCleanup[p["poolId"].GetString()] = p["result"].GetString();
    for (const auto& p : report["pools"].GetArray()) {
        std::string thumbprints;
        for (const auto& t : p["thumbprints"].GetArray()) thumbprints += std::string(t.GetString()) + ",";
        st.guidance[p["id"].GetString()] =
            normalized(thumbprints + "|" + kvb::detail::toJsonText(p["extension"]), s);
    }
    return st;
}

// Field by field, so that a failure says which part differs.
void checkSame(const FinalState& got, const FinalState& expected) {
    CHECK(got.vault == expected.vault);
    CHECK(got.versions == expected.versions);
    CHECK(got.batch == expected.batch);
    CHECK(got.pools == expected.pools);
    CHECK(got.report == expected.report);
    CHECK(got.poolCleanup == expected.poolCleanup);
    CHECK(got.guidance == expected.guidance);
}

// Where the CLI kills itself: before writing, or after writing, the nth journal record of a
// step and status (any record when step is empty).
struct KillPoint {
    const char* what;
    bool before;
    std::string step, status;
    int nth;

    std::string spec() const { // KVB_TEST_CRASH_JOURNAL
        return std::string(before ? "before:" : "after:") + (step.empty() ? "" : step + ":" + status + ":") +
               std::to_string(nth);
    }

    // The crashed run's journal stops exactly there.
    void checkStoppedAt(const std::vector<Record>& crashed) const {
        int counted = 0;
        for (const auto& r : crashed) counted += step.empty() || (r.step == step && r.status == status);
        CHECK(counted == (before ? nth - 1 : nth));
        if (!before) {
            REQUIRE_FALSE(crashed.empty());
            if (!step.empty()) CHECK(crashed.back().step == step);
        }
    }
};

// The emulator's control plane, for the delayed-write cases.
long delayedWritesTaken() {
    auto doc = kvb::detail::parseJson(Emulator::shared().control("GET", "counters"), "counters");
    const auto& kinds = doc["faultsInjectedByKind"];
    return kinds.HasMember("delayed-write") ? kinds["delayed-write"].GetInt64() : 0;
}

// The vault of @p s takes the next @p count writes matching @p method and @p path in, drops
// their connections unanswered and carries them out @p delayMs later.
void delayWrites(const Scenario& s, const std::string& method, const std::string& path, int count,
                 int delayMs) {
    Emulator::shared().control("POST", "faults",
                               R"({"kind":"delayed-write","host":")" + s.vault +
                                   R"(.vault.localhost","method":")" + method + R"(","path":")" + path +
                                   R"(","count":)" + std::to_string(count) + R"(,"delayMs":)" +
                                   std::to_string(delayMs) + "}");
}

// Wait until the emulator has carried out @p total delayed writes since it started.
void awaitDelayedWrites(long total) {
    for (int i = 0; i < 3000 && Emulator::shared().counter("delayedWritesDone") < total; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(Emulator::shared().counter("delayedWritesDone") >= total);
}

long vaultAttributeUpdates() {
    return kvb::test::operationCount("PATCH /certificates") + kvb::test::operationCount("PATCH /secrets");
}

bool journalHas(const std::filesystem::path& path, const std::string& step, const std::string& status) {
    for (const auto& r : readJournal(path))
        if (r.step == step && r.status == status) return true;
    return false;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

TEST_SUITE("e2e::migrate::crash") {
    TEST_CASE("SIGKILL at ten points from before the imports to the end of clean-up, then rerun") {
        Scenario base("kbase");
        const auto uninterrupted = runCli(base.args("r", kCleanupFlags));
        INFO(uninterrupted.err);
        REQUIRE(uninterrupted.exitCode == 2);
        const FinalState expected = finalState(base, "r");
        const auto journal = readJournal(base.dir / "r" / "journal.jsonl");
        // The uninterrupted run did clean up: the kill points below fall where they claim.
        REQUIRE(expected.pools.at("linux-a") == 0);
        // Guidance for both pools and their clean-up lines, which a resumed run must repeat.
        REQUIRE(expected.guidance.count("linux-a") == 1);
        REQUIRE(expected.guidance.count("win-b") == 1);
        REQUIRE(expected.poolCleanup.size() >= 2);
        REQUIRE(expected.batch.at("1") == "absent");

        int deletes = 0;
        for (const auto& r : journal)
            deletes += r.step == "delete-batch-certificate" && r.status == "succeeded";
        REQUIRE(deletes >= 2);
        const std::vector<KillPoint> points = {
            {"before the first import", true, "", "", 1},
            {"first write journaled as started, not sent", false, "", "", 1},
            {"first import done in the vault, not journaled", true, "import", "succeeded", 1},
            {"second import started, not sent", false, "import", "started", 2},
            {"public certificate stored as a secret, not journaled", true, "store-secret", "succeeded", 1},
            {"every import verified, before clean-up", true, "clear-pool-references", "started", 1},
            {"clearing pool references started, not sent", false, "clear-pool-references", "started", 1},
            {"pool references cleared, not journaled", true, "clear-pool-references", "succeeded", 1},
            {"a Batch certificate deleted, not journaled", true, "delete-batch-certificate", "succeeded", 2},
            {"everything journaled, report not written", false, "delete-batch-certificate", "succeeded",
             deletes},
        };
        int n = 0;
        for (const auto& point : points) {
            const std::string what = point.what;
            CAPTURE(what);
            const std::string spec = point.spec();
            CAPTURE(spec);
            Scenario s("kill" + std::to_string(n++));
            const auto killed = runCli(s.args("r", kCleanupFlags), {}, 0, {{"KVB_TEST_CRASH_JOURNAL", spec}});
            CHECK(killed.exitCode == -1); // it did die at that point
            point.checkStoppedAt(readJournal(s.dir / "r" / "journal.jsonl"));
            const auto resumed = runCli(s.args("r", kCleanupFlags));
            INFO(resumed.err);
            CHECK(resumed.exitCode == 2);
            // Certificates deleted and pool references cleared before the crash are no longer in
            // Batch; the journal brings both back into the report and the pool guidance.
            checkSame(finalState(s, "r"), expected);
        }
    }

    TEST_CASE("a write the vault carries out after the client died: the rerun at once waits for it, "
              "at three kill points") {
        // The vault takes a write in, the CLI dies, and the write lands 2 s later, within the
        // CLI's --timeout of 4 s: no client may write again before that time has passed.
        const int landsAfterMs = 2000;
        struct Point {
            const char* what;
            std::vector<std::string> flags;
            int delayedWrites; // taken in before the kill
        };
        const std::vector<Point> points = {
            {"the first import in flight", {"--concurrency", "1", "--timeout", "4"}, 1},
            {"mid-batch, every write in flight", {"--concurrency", "4", "--timeout", "4"}, 4},
            {"during deep verification of another certificate",
             {"--concurrency", "2", "--timeout", "4", "--verify", "deep"},
             1},
        };
        for (std::size_t n = 0; n < points.size(); ++n) {
            const Point& point = points[n];
            const std::string what = point.what;
            CAPTURE(what);
            Scenario base("dwbase" + std::to_string(n));
            REQUIRE(runCli(base.args("r", point.flags)).exitCode == 2);
            const FinalState expected = finalState(base, "r");
            REQUIRE(expected.versions.at("0") == "certificate: 1 enabled of 1");

            Scenario s("dwkill" + std::to_string(n));
            const auto journal = s.dir / "r" / "journal.jsonl";
            const long takenBefore = delayedWritesTaken();
            const long doneBefore = Emulator::shared().counter("delayedWritesDone");
            kvb::test::KillCondition killWhen;
            if (n == 0) {
                delayWrites(s, "POST", "/certificates/*/import", 1, landsAfterMs);
                killWhen = [&] { return delayedWritesTaken() >= takenBefore + 1; };
            } else if (n == 1) {
                // Three imports and the public certificate stored as a secret, all taken in.
                delayWrites(s, "POST", "/certificates/*/import", 3, landsAfterMs);
                delayWrites(s, "PUT", "/secrets/*", 1, landsAfterMs);
                killWhen = [&] { return delayedWritesTaken() >= takenBefore + 4; };
            } else {
                // certs[1]'s import is taken in; certs[0]'s deep verification is slowed down so
                // that the kill falls into it while that write is still on its way.
                delayWrites(s, "POST",
                            "/certificates/batch-" + kvb::test::lower(s.certs[1].thumbprint) + "/import", 1,
                            landsAfterMs);
                Emulator::shared().control("POST", "faults",
                                           R"({"kind":"delay","delayMs":1500,"method":"GET","host":")" +
                                               s.vault + R"(.vault.localhost","path":"/secrets/batch-)" +
                                               kvb::test::lower(s.certs[0].thumbprint) + R"(*"})");
                killWhen = [&] {
                    if (delayedWritesTaken() < takenBefore + 1) return false;
                    for (const auto& r : readJournal(journal))
                        if (r.step == "verify" && r.status == "started" && r.key == s.certs[0].thumbprint)
                            return true;
                    return false;
                };
            }
            const auto killed = runCli(s.args("r", point.flags), {}, 0, {}, killWhen);
            REQUIRE(killed.exitCode == -1);
            // The writes are still on their way when the rerun starts.
            CHECK(Emulator::shared().counter("delayedWritesDone") == doneBefore);
            const auto resumed = runCli(s.args("r", point.flags));
            INFO(resumed.err);
            CHECK(resumed.exitCode == 2);
            Emulator::shared().control("POST", "faults/clear");
            awaitDelayedWrites(doneBefore + point.delayedWrites);
            // Every write the killed run left was waited for, not repeated.
            INFO(slurp(journal));
            std::size_t settled = 0;
            for (const auto& r : readJournal(journal))
                settled += r.step == "settle" && r.status == "succeeded";
            CHECK(settled == static_cast<std::size_t>(point.delayedWrites));
            checkSame(finalState(s, "r"), expected);
        }
    }

    TEST_CASE("a write that lands after every wait: the duplicate is found, reported, disabled; "
              "one more rerun is a no-op") {
        // --timeout 2: a rerun waits 2 s at most; the killed run's import lands after 8 s.
        const std::vector<std::string> flags = {"--concurrency", "1", "--timeout", "2"};
        Scenario s("dwdup");
        const std::string name = "batch-" + kvb::test::lower(s.certs[0].thumbprint);
        const auto journal = s.dir / "r" / "journal.jsonl";
        const long takenBefore = delayedWritesTaken();
        const long doneBefore = Emulator::shared().counter("delayedWritesDone");
        delayWrites(s, "POST", "/certificates/" + name + "/import", 1, 8000);
        const auto killed =
            runCli(s.args("r", flags), {}, 0, {}, [&] { return delayedWritesTaken() >= takenBefore + 1; });
        REQUIRE(killed.exitCode == -1);

        // The rerun waits its bound, then imports again: the settle record says it gave up.
        const auto resumed = runCli(s.args("r", flags));
        INFO(resumed.err);
        CHECK(resumed.exitCode == 2);
        CHECK(journalHas(journal, "settle", "failed"));
        std::vector<std::string> importStarts;
        for (const auto& r : readJournal(journal))
            if (r.step == "import" && r.status == "started" && r.key == s.certs[0].thumbprint)
                importStarts.push_back(r.ts);
        REQUIRE(importStarts.size() == 2);
        const auto first = kvb::detail::parseIso8601(importStarts[0]);
        const auto again = kvb::detail::parseIso8601(importStarts[1]);
        REQUIRE((first && again));
        CHECK(*again - *first >= std::chrono::seconds(2)); // not sent again before the bound

        // The killed run's import lands: two enabled versions of one certificate.
        awaitDelayedWrites(doneBefore + 1);
        REQUIRE(finalState(s, "r").versions.at("0") == "certificate: 2 enabled of 2");

        const long updatesBefore = vaultAttributeUpdates();
        const auto detected = runCli(s.args("r", flags));
        INFO(detected.err);
        CHECK(detected.exitCode == 2);
        CHECK(vaultAttributeUpdates() == updatesBefore + 1);
        CHECK(finalState(s, "r").versions.at("0") == "certificate: 1 enabled of 2");
        CHECK(journalHas(journal, "disable-duplicate", "succeeded"));
        std::string disabledId;
        for (const auto& r : readJournal(journal))
            if (r.step == "disable-duplicate" && r.status == "succeeded") disabledId = r.kvId;
        REQUIRE_FALSE(disabledId.empty());
        // Reported in report.json, report.md and on the terminal.
        auto checkReported = [&](const kvb::test::CliResult& run) {
            const auto report = s.report("r");
            bool found = false;
            for (const auto& c : report["certificates"].GetArray()) {
                if (std::string(c["thumbprint"].GetString()) != s.certs[0].thumbprint) continue;
                REQUIRE(c["duplicateVersions"].Size() == 1);
                CHECK(std::string(c["duplicateVersions"][0]["id"].GetString()) == disabledId);
                CHECK(c["duplicateVersions"][0]["disabled"].GetBool());
                CHECK(std::string(c["keyVaultId"].GetString()) != disabledId);
                CHECK(c["verified"].GetBool());
                found = true;
            }
            CHECK(found);
            const std::string md = slurp(s.dir / "r" / "report.md");
            CHECK(md.find("## Duplicate versions") != std::string::npos);
            CHECK(md.find(disabledId) != std::string::npos);
            CHECK(run.out.find("duplicate version of " + name + ": " + disabledId + " (disabled)") !=
                  std::string::npos);
        };
        checkReported(detected);

        // Once more: nothing written, nothing journaled, the same report.
        const auto records = readJournal(journal).size();
        const long writesBefore = kvb::test::vaultWrites() + vaultAttributeUpdates();
        const auto noop = runCli(s.args("r", flags));
        CHECK(noop.exitCode == 2);
        CHECK(readJournal(journal).size() == records);
        CHECK(kvb::test::vaultWrites() + vaultAttributeUpdates() == writesBefore);
        checkReported(noop);
        const auto end = finalState(s, "r");
        for (const auto& [index, versions] : end.versions) {
            CAPTURE(index);
            if (versions != "absent") CHECK(versions.find(": 1 enabled of") != std::string::npos);
        }
    }
}
