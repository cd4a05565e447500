// SPDX-License-Identifier: MIT
// The kvbridge CLI against the emulator: Batch account seeded through the control plane, key
// material made in-process, results read from report.json, the vault and the emulator counters.

#include "cli_runner.hpp"
#include "credentials.hpp"
#include "emulator.hpp"
#include "test_files.hpp"

#include "core/json.hpp"

#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <map>

using kvb::test::Emulator;
using kvb::test::runCli;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string refs(const std::vector<std::string>& thumbprints, bool windows) {
    std::string out;
    for (const auto& t : thumbprints) {
        out += std::string(out.empty() ? "" : ",") + R"({"thumbprint":")" + lower(t) +
               R"(","thumbprintAlgorithm":"sha1","storeLocation":")" +
               (windows ? "localmachine" : "currentuser") + R"(","storeName":")" + (windows ? "Root" : "My") +
               R"(","visibility":["task"]})";
    }
    return "[" + out + "]";
}

long operationCount(const std::string& operation) {
    auto doc = kvb::detail::parseJson(Emulator::shared().control("GET", "counters"), "counters");
    const auto& ops = doc["byOperation"];
    long total = 0;
    for (auto it = ops.MemberBegin(); it != ops.MemberEnd(); ++it) {
        if (std::string(it->name.GetString()).find(operation) != std::string::npos)
            total += it->value.GetInt64();
    }
    return total;
}

long vaultWrites() {
    return operationCount("/import") + operationCount("PUT /secrets") + operationCount("/recover");
}

// Eight certificates in every form and failure; pools "linux-a" and "win-b", job schedule "nightly".
struct Scenario {
    kvb::test::TempDir dir;
    std::string account;
    std::string vault;
    std::vector<kvb::test::TestCertificate> certs;

    explicit Scenario(const std::string& name, bool retired = false) : account(name), vault(name + "kv") {
        auto& emu = Emulator::shared();
        emu.control("POST", "batch/accounts", R"({"name":")" + account + R"("})");
        for (int i = 0; i < 8; ++i)
            certs.push_back(kvb::test::makeTestCertificate(name + "-" + std::to_string(i)));
        for (const auto& c : certs) {
            emu.control("POST", "batch/accounts/" + account + "/certificates",
                        R"({"thumbprint":")" + c.thumbprint + R"(","thumbprintAlgorithm":"sha1","data":")" +
                            c.derBase64 + R"(","certificateFormat":"cer"})");
        }
        const std::string vm =
            R"("vmSize":"standard_d2s_v3","targetDedicatedNodes":1,"startTask":{"commandLine":"x"},)";
        emu.control(
            "POST", "batch/accounts/" + account + "/pools",
            R"({"id":"linux-a",)" + vm +
                R"("virtualMachineConfiguration":{"imageReference":{"publisher":"canonical"},"nodeAgentSKUId":"batch.node.ubuntu 22.04"},"certificateReferences":)" +
                refs({certs[0].thumbprint, certs[1].thumbprint, certs[2].thumbprint}, false) + "}");
        emu.control(
            "POST", "batch/accounts/" + account + "/pools",
            R"({"id":"win-b",)" + vm +
                R"("virtualMachineConfiguration":{"imageReference":{"publisher":"microsoftwindowsserver"},"nodeAgentSKUId":"batch.node.windows amd64"},"certificateReferences":)" +
                refs({certs[3].thumbprint, certs[4].thumbprint, certs[5].thumbprint, certs[6].thumbprint,
                      certs[7].thumbprint},
                     true) +
                "}");
        emu.control(
            "POST", "batch/accounts/" + account + "/jobschedules",
            R"({"id":"nightly","schedule":{"recurrenceInterval":"P1D"},"jobSpecification":{"poolInfo":{"autoPoolSpecification":{"poolLifetimeOption":"job","pool":{"vmSize":"standard_d2s_v3","virtualMachineConfiguration":{"nodeAgentSKUId":"batch.node.ubuntu 22.04"},"certificateReferences":)" +
                refs({certs[0].thumbprint}, false) + "}}}}}");
        if (retired) emu.control("POST", "batch/accounts/" + account + "/retired", R"({"enabled":true})");
        std::filesystem::create_directories(dir / "keys");
        certs[0].writePfx(dir / "keys" / "app0.pfx", "s3cret");
        certs[1].writePfx(dir / "keys" / "app1.p12");
        certs[2].writePem(dir / "keys" / "app2.pem");
        certs[3].writeCer(dir / "keys" / "root3.cer");
        certs[4].writePfx(dir / "keys" / (certs[4].thumbprint + ".pfx"), "right");
        // certs[5]: no file at all
        kvb::test::writeText(dir / "keys" / (certs[6].thumbprint + ".pfx"), "garbage-bytes-XYZ");
        certs[1].writePfx(dir / "keys" / (certs[7].thumbprint + ".pfx")); // holds another certificate
        kvb::test::writeText(dir / "passwords.json",
                             R"({"app0.pfx":"s3cret",")" + certs[4].thumbprint + R"(":"wrong"})");
    }

    std::vector<std::string> args(const std::string& report, std::vector<std::string> extra = {}) const {
        auto& emu = Emulator::shared();
        std::vector<std::string> a = {"migrate",
                                      "--batch-account",
                                      "https://" + account + ".batch.localhost:" + std::to_string(emu.port()),
                                      "--vault",
                                      emu.vaultUrl(vault),
                                      "--key-material",
                                      (dir / "keys").string(),
                                      "--passwords",
                                      (dir / "passwords.json").string(),
                                      "--report",
                                      (dir / report).string(),
                                      "--msi-client-id",
                                      "11111111-0000-0000-0000-000000000001"};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }

    rapidjson::Document report(const std::string& name) const {
        std::ifstream in(dir / name / "report.json");
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return kvb::detail::parseJson(text, "report");
    }

    static std::map<std::string, std::string> field(const rapidjson::Document& report, const char* name) {
        std::map<std::string, std::string> out;
        for (const auto& c : report["certificates"].GetArray())
            out[c["thumbprint"].GetString()] = c[name].GetString();
        return out;
    }

    std::size_t secretVersions(const std::string& name) const {
        kvb::keyvault::KeyVaultClientOptions options;
        options.client = kvb::test::emulatorClientOptions();
        kvb::keyvault::SecretClient client(Emulator::shared().vaultUrl(vault),
                                           kvb::test::emulatorCredential(), options);
        return client.listPropertiesOfSecretVersions(name).collect().size();
    }
};

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

    TEST_CASE("SIGKILL at several points, then rerun: every certificate ends with exactly one version") {
        Scenario s("crash");
        const auto journal = s.dir / "r" / "journal.jsonl";
        // Slow each vault write so the kill lands mid-run.
        Emulator::shared().control(
            "POST", "faults",
            R"({"method":"*","host":")" + s.vault +
                R"(.vault.localhost","path":"*","kind":"delay","delayMs":150,"count":40})");
        for (std::size_t killAt : {1u, 4u, 7u}) {
            const auto killed = runCli(s.args("r", {"--concurrency", "1"}), journal, killAt);
            CHECK(killed.exitCode == -1);
        }
        Emulator::shared().control("POST", "faults/clear");
        const auto final = runCli(s.args("r", {"--concurrency", "1"}));
        INFO(final.err);
        CHECK(final.exitCode == 2);
        const auto report = s.report("r");
        const auto results = Scenario::field(report, "result");
        for (int i : {0, 1, 2}) {
            const auto& c = s.certs[static_cast<std::size_t>(i)];
            CHECK(results.at(c.thumbprint) != "failed");
            CHECK(s.secretVersions("batch-" + lower(c.thumbprint)) == 1);
        }
        CHECK(s.secretVersions("batch-" + lower(s.certs[3].thumbprint)) == 1);
        // A further run: everything migrated is already present, as after an uninterrupted run.
        runCli(s.args("r3"));
        const auto actions = Scenario::field(s.report("r3"), "action");
        for (int i : {0, 1, 2, 3})
            CHECK(actions.at(s.certs[static_cast<std::size_t>(i)].thumbprint) == "already-present");
    }

    TEST_CASE("bad input is reported per certificate: missing folder, http vault URL; usage errors exit 64") {
        Scenario s("badinput");
        auto args = s.args("r");
        args[6] = (s.dir / "no-such-folder").string();
        const auto missing = runCli(args);
        CHECK(missing.exitCode == 1);
        for (const auto& [t, reason] : Scenario::field(s.report("r"), "reason")) {
            CHECK(reason.find("does not exist") != std::string::npos);
        }
        auto httpArgs = s.args("h");
        httpArgs[4] = "http://" + s.vault + ".vault.localhost:" + std::to_string(Emulator::shared().port());
        const auto http = runCli(httpArgs);
        CHECK(http.exitCode == 1);
        const auto details = Scenario::field(s.report("h"), "detail");
        CHECK(details.at(s.certs[0].thumbprint).find("https") != std::string::npos);
        CHECK(details.at(s.certs[5].thumbprint).find("no key material") != std::string::npos);
        CHECK(runCli({"migrate", "--concurrency", "0"}).exitCode == 64);
        CHECK(runCli({"nonsense"}).exitCode == 64);
        const auto help = runCli({"migrate", "--help"});
        CHECK(help.exitCode == 0);
        CHECK(help.out.find("--delete-batch-certificates") != std::string::npos);
    }
}
