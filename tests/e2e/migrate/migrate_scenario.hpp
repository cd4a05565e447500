// SPDX-License-Identifier: MIT
#pragma once

// The migration scenario of the CLI tests: a Batch account seeded through the emulator's control
// plane with eight certificates in every form and failure, two pools and a job schedule, and the
// key material folder; plus readers of the report, the vault and the emulator counters.

#include "cli_runner.hpp"
#include "credentials.hpp"
#include "emulator.hpp"
#include "migration_setup.hpp"
#include "openssl_certificates.hpp"

#include "core/json.hpp"

#include <kvbridge/keyvault/secret_client.hpp>

#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace kvb::test {

inline std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

inline std::string refs(const std::vector<std::string>& thumbprints, bool windows) {
    std::string out;
    for (const auto& t : thumbprints) {
        out += std::string(out.empty() ? "" : ",") + R"({"thumbprint":")" + lower(t) +
               R"(","thumbprintAlgorithm":"sha1","storeLocation":")" +
               (windows ? "localmachine" : "currentuser") + R"(","storeName":")" + (windows ? "Root" : "My") +
               R"(","visibility":["task"]})";
    }
    return "[" + out + "]";
}

inline long operationCount(const std::string& operation) {
    return Emulator::shared().operationCount(operation);
}

inline long vaultWrites() {
    return operationCount("/import") + operationCount("PUT /secrets") + operationCount("/recover");
}

// Eight certificates in every form and failure; pools "linux-a" and "win-b", job schedule "nightly".
struct Scenario {
    TempDir dir;
    std::string account;
    std::string vault;
    std::vector<TestCertificate> certs;

    explicit Scenario(const std::string& name, bool retired = false) : account(name), vault(name + "kv") {
        auto& emu = Emulator::shared();
        seedBatchAccount(account);
        for (int i = 0; i < 8; ++i) certs.push_back(makeTestCertificate(name + "-" + std::to_string(i)));
        for (const auto& c : certs) seedBatchCertificate(account, c.thumbprint, c.derBase64);
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
        writeText(dir / "keys" / (certs[6].thumbprint + ".pfx"), "garbage-bytes-XYZ");
        certs[1].writePfx(dir / "keys" / (certs[7].thumbprint + ".pfx")); // holds another certificate
        writeText(dir / "passwords.json",
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
        options.client = emulatorClientOptions();
        kvb::keyvault::SecretClient client(Emulator::shared().vaultUrl(vault), emulatorCredential(), options);
        return client.listPropertiesOfSecretVersions(name).collect().size();
    }
};

} // namespace kvb::test
