// SPDX-License-Identifier: MIT
// Crash safety: the CLI kills itself (SIGKILL, through the journal's test hook
// KVB_TEST_CRASH_JOURNAL) at ten exact points of a migration with clean-up, then a rerun
// completes it. Vault, Batch and report must then match an uninterrupted run.

#include "migrate_scenario.hpp"
#include "migration_setup.hpp"

#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <vector>

using kvb::test::Emulator;
using kvb::test::runCli;
using kvb::test::Scenario;

namespace {

const std::vector<std::string> kCleanupFlags = {"--concurrency", "1", "--clear-pool-references",
                                                "--delete-batch-certificates"};

struct Record {
    std::string step, key, status;
};

std::vector<Record> readJournal(const std::filesystem::path& path) {
    std::vector<Record> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        auto doc = kvb::detail::parseJson(line, "journal");
        out.push_back({doc["step"].GetString(), doc["thumbprint"].GetString(), doc["status"].GetString()});
    }
    return out;
}

// Everything a migration leaves behind, with the scenario's own names taken out.
struct FinalState {
    std::map<std::string, std::string> vault;  // per certificate index: versions and tags
    std::map<std::string, std::string> batch;  // per certificate index: state, or absent
    std::map<std::string, std::size_t> pools;  // pool id: certificate references left
    std::map<std::string, std::string> report; // per certificate index present in the report
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
            const FinalState got = finalState(s, "r");
            CHECK(got.vault == expected.vault);
            CHECK(got.batch == expected.batch);
            CHECK(got.pools == expected.pools);
            // Certificates deleted and pool references cleared before the crash are no longer in
            // Batch; the journal brings both back into the report and the pool guidance.
            CHECK(got.report == expected.report);
            CHECK(got.poolCleanup == expected.poolCleanup);
            CHECK(got.guidance == expected.guidance);
        }
    }
}
