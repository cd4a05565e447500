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

// 1-based index of the @p nth record (1-based) with @p step and @p status.
std::size_t indexOf(const std::vector<Record>& journal, const std::string& step, const std::string& status,
                    int nth = 1) {
    for (std::size_t i = 0; i < journal.size(); ++i) {
        if (journal[i].step == step && journal[i].status == status && --nth == 0) return i + 1;
    }
    FAIL("the uninterrupted journal has no record " << step << " " << status);
    return 0;
}

// Everything a migration leaves behind, with the scenario's own names taken out.
struct FinalState {
    std::map<std::string, std::string> vault;  // per certificate index: versions and tags
    std::map<std::string, std::string> batch;  // per certificate index: state, or absent
    std::map<std::string, std::size_t> pools;  // pool id: certificate references left
    std::map<std::string, std::string> report; // per certificate index present in the report
    std::map<std::string, std::string> poolCleanup;

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
    return st;
}

struct KillPoint {
    const char* what;
    std::string spec; // KVB_TEST_CRASH_JOURNAL
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
        REQUIRE(expected.batch.at("1") == "absent");

        const std::vector<KillPoint> points = {
            {"before the first import", "before:1"},
            {"first import journaled as started, not sent", "after:1"},
            {"first import done in the vault, not journaled", "before:2"},
            {"second import started", "after:" + std::to_string(indexOf(journal, "import", "started", 2))},
            {"public certificate stored as a secret, not journaled",
             "before:" + std::to_string(indexOf(journal, "store-secret", "succeeded"))},
            {"every import verified, before clean-up",
             "after:" + std::to_string(indexOf(journal, "clear-pool-references", "started") - 1)},
            {"clearing pool references started, not sent",
             "after:" + std::to_string(indexOf(journal, "clear-pool-references", "started"))},
            {"pool references cleared, not journaled",
             "before:" + std::to_string(indexOf(journal, "clear-pool-references", "succeeded"))},
            {"a Batch certificate deleted, not journaled",
             "before:" + std::to_string(indexOf(journal, "delete-batch-certificate", "succeeded", 2))},
            {"everything journaled, report not written", "after:" + std::to_string(journal.size())},
        };
        int n = 0;
        for (const auto& point : points) {
            const std::string what = point.what;
            CAPTURE(what);
            CAPTURE(point.spec);
            Scenario s("kill" + std::to_string(n++));
            const auto killed =
                runCli(s.args("r", kCleanupFlags), {}, 0, {{"KVB_TEST_CRASH_JOURNAL", point.spec}});
            CHECK(killed.exitCode == -1); // it did die at that point
            const auto resumed = runCli(s.args("r", kCleanupFlags));
            INFO(resumed.err);
            CHECK(resumed.exitCode == 2);
            const FinalState got = finalState(s, "r");
            CHECK(got.vault == expected.vault);
            CHECK(got.batch == expected.batch);
            CHECK(got.pools == expected.pools);
            // A rerun lists what Batch still holds: certificates deleted and pools cleared before
            // the crash are gone from its inventory, so they are gone from its report; the rest
            // must read as in the uninterrupted run.
            for (const auto& [index, line] : got.report) CHECK(line == expected.report.at(index));
            for (const auto& [index, line] : expected.report) {
                if (got.report.count(index) == 0) CHECK(got.batch.at(index) == "absent");
            }
            for (const auto& [pool, result] : got.poolCleanup) CHECK(result == expected.poolCleanup.at(pool));
        }
    }
}
