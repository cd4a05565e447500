// SPDX-License-Identifier: MIT
// The kvbridge CLI against the emulator: Batch account seeded through the control plane, key
// material made in-process, results read from report.json, the vault and the emulator counters.

#include "migrate_scenario.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <map>

using kvb::test::Emulator;
using kvb::test::lower;
using kvb::test::operationCount;
using kvb::test::runCli;
using kvb::test::Scenario;
using kvb::test::vaultWrites;

namespace {

const std::map<int, std::string> kExpectedActions = {{0, "import"},
                                                     {1, "import"},
                                                     {2, "import"},
                                                     {3, "store-public-as-secret"},
                                                     {4, "password-wrong"},
                                                     {5, "missing-key-material"},
                                                     {6, "missing-key-material"},
                                                     {7, "thumbprint-mismatch"}};

} // namespace

TEST_SUITE("e2e::migrate") {
    TEST_CASE("the demo layout migrates with the right action per certificate, and a rerun is a no-op") {
        Scenario s("layout");
        const auto first = runCli(s.args("r1"));
        INFO(first.err);
        CHECK(first.exitCode == 2); // partly done: some certificates need attention
        const auto r1 = s.report("r1");
        const auto actions = Scenario::field(r1, "action");
        const auto results = Scenario::field(r1, "result");
        for (const auto& [i, action] : kExpectedActions) {
            CHECK_MESSAGE(actions.at(s.certs[static_cast<std::size_t>(i)].thumbprint) == action, i);
        }
        CHECK(results.at(s.certs[0].thumbprint) == "succeeded");
        CHECK(results.at(s.certs[3].thumbprint) == "succeeded");
        CHECK(results.at(s.certs[4].thumbprint) == "failed");
        const auto reasons = Scenario::field(r1, "reason");
        CHECK(reasons.at(s.certs[6].thumbprint).find("garbage-bytes-XYZ") ==
              std::string::npos); // file text not echoed
        CHECK(s.secretVersions("batch-" + lower(s.certs[0].thumbprint)) == 1);

        // Extension blocks follow the old references: Linux store path, Windows store name/location.
        bool sawLinux = false, sawWindows = false;
        for (const auto& pool : r1["pools"].GetArray()) {
            const std::string id = pool["id"].GetString();
            const auto& sms = pool["extension"]["settings"]["secretsManagementSettings"];
            if (id == "linux-a") {
                sawLinux = true;
                CHECK(std::string(pool["extension"]["type"].GetString()) == "KeyVaultForLinux");
                CHECK(sms["observedCertificates"].Size() == 3);
                CHECK(std::string(sms["observedCertificates"][0].GetString()).find("/secrets/batch-") !=
                      std::string::npos);
            }
            if (id == "win-b") {
                sawWindows = true;
                CHECK(std::string(pool["extension"]["type"].GetString()) == "KeyVaultForWindows");
                REQUIRE(sms["observedCertificates"].Size() == 1);
                CHECK(std::string(sms["observedCertificates"][0]["certificateStoreName"].GetString()) ==
                      "Root");
                CHECK(std::string(sms["observedCertificates"][0]["certificateStoreLocation"].GetString()) ==
                      "LocalMachine");
                CHECK(pool["unmigrated"].Size() == 4);
            }
        }
        CHECK(sawLinux);
        CHECK(sawWindows);
        CHECK(std::filesystem::exists(s.dir / "r1" / "pools" / "linux-a.arm.json"));
        CHECK(std::filesystem::exists(s.dir / "r1" / "report.md"));

        const long writes = vaultWrites();
        const auto second = runCli(s.args("r2"));
        CHECK(second.exitCode == 2);
        CHECK(vaultWrites() == writes);
        const auto again = Scenario::field(s.report("r2"), "action");
        for (int i : {0, 1, 2, 3})
            CHECK(again.at(s.certs[static_cast<std::size_t>(i)].thumbprint) == "already-present");
        CHECK(s.secretVersions("batch-" + lower(s.certs[0].thumbprint)) == 1);
    }

    TEST_CASE("a dry run changes nothing in the vault or in Batch") {
        Scenario s("dryrun");
        const long writes = vaultWrites();
        const long batchWrites = operationCount("updateproperties") + operationCount("DELETE /certificates");
        const auto r =
            runCli(s.args("r", {"--dry-run", "--clear-pool-references", "--delete-batch-certificates"}));
        CHECK(r.exitCode == 2);
        CHECK(vaultWrites() == writes);
        CHECK(operationCount("updateproperties") + operationCount("DELETE /certificates") == batchWrites);
        CHECK(Scenario::field(s.report("r"), "result").at(s.certs[0].thumbprint) == "planned");
        CHECK_FALSE(std::filesystem::exists(s.dir / "r" / "journal.jsonl"));
    }

    TEST_CASE("without a client secret the CLI's DefaultAzureCredential falls back to managed identity") {
        Scenario s("msi");
        const long imds = operationCount("/metadata/identity/oauth2/token");
        const auto r = runCli(s.args("r", {"--dry-run"}), {}, 0, {{"AZURE_CLIENT_SECRET", ""}});
        INFO(r.err);
        CHECK(r.exitCode == 2); // a dry run plans; the layout's failures make it partial
        CHECK(Scenario::field(s.report("r"), "result").at(s.certs[0].thumbprint) == "planned");
        CHECK(operationCount("/metadata/identity/oauth2/token") > imds);
    }

    TEST_CASE(
        "with the certificate API retired, the thumbprints come from pool and job schedule references") {
        Scenario s("retired", true);
        const auto r = runCli(s.args("r"));
        INFO(r.err);
        const auto report = s.report("r");
        CHECK(report["certificateApiRetired"].GetBool());
        const auto actions = Scenario::field(report, "action");
        CHECK(actions.size() == 8);
        CHECK(actions.at(s.certs[0].thumbprint) == "import");
        CHECK(Scenario::field(report, "result").at(s.certs[0].thumbprint) == "succeeded");
    }

    TEST_CASE("clean-up clears only fully migrated pools and deletes only verified certificates") {
        Scenario s("cleanup");
        const auto r = runCli(s.args("r", {"--clear-pool-references", "--delete-batch-certificates"}));
        INFO(r.err);
        const auto report = s.report("r");
        std::map<std::string, std::string> pools;
        for (const auto& p : report["poolCleanup"].GetArray())
            pools[p["poolId"].GetString()] = p["result"].GetString();
        CHECK(pools.at("linux-a") == "succeeded");
        CHECK(pools.at("win-b") == "skipped");
        const auto cleanup = Scenario::field(report, "batchCertificateCleanup");
        CHECK(cleanup.at(s.certs[4].thumbprint).rfind("skipped", 0) == 0);
        CHECK(cleanup.at(s.certs[5].thumbprint).rfind("skipped", 0) == 0);
        // certs[0] is still used by the job schedule's auto-pool, certs[3] by win-b: Batch refuses.
        CHECK(cleanup.at(s.certs[1].thumbprint) != "");
        CHECK(cleanup.at(s.certs[1].thumbprint).rfind("skipped", 0) != 0);
        CHECK(cleanup.at(s.certs[3].thumbprint) == "deletefailed");
    }

    TEST_CASE("usage errors exit 64 with the help; --help exits 0") {
        CHECK(runCli({"migrate", "--concurrency", "0"}).exitCode == 64);
        CHECK(runCli({"nonsense"}).exitCode == 64);
        const auto help = runCli({"migrate", "--help"});
        CHECK(help.exitCode == 0);
        CHECK(help.out.find("--delete-batch-certificates") != std::string::npos);
    }
}
