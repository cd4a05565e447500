// SPDX-License-Identifier: MIT
// Start-up contract, --help, --config seeds, --state round trip and clean exit on SIGTERM.

#include "batch_client.hpp"
#include "test_files.hpp"

#include "../crypto_util.hpp"
#include "../json_util.hpp"

#include <cstdio>
#include <cstdlib>

#include <doctest/doctest.h>
#include <sys/wait.h>

using namespace emutest;
using kvb::test::readText;
using kvb::test::writeText;

namespace {

std::string run(const std::string& args, int& exitCode) {
    const std::string cmd = std::string(std::getenv("KVB_EMULATOR")) + " " + args + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[512];
    while (p && fgets(buf, sizeof buf, p)) out += buf;
    const int status = p ? pclose(p) : -1;
    exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

} // namespace

TEST_CASE("lifecycle: --help prints the defaults; bad arguments exit 2") {
    int code = -1;
    const std::string help = run("--help", code);
    CHECK(code == 0);
    for (const char* s :
         {"11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-000000000001",
          "emulator-client-secret", "emubatch", "eastus",
          "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=", "emulator-identity-header"}) {
        CHECK(help.find(s) != std::string::npos);
    }
    run("--port", code);
    CHECK(code == 2);
    run("--port 0", code);
    CHECK(code == 2);
}

TEST_CASE("lifecycle: ready line, CA file, SIGTERM exits 0") {
    EmulatorProcess emu;
    CHECK(emu.readyLine() ==
          "kvbridge-emulator listening on https://127.0.0.1:" + std::to_string(emu.port()));
    CHECK(readText(emu.caFile()).rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
    // TLS verification against the CA succeeds for each kind of name the certificate covers.
    for (const char* host :
         {"https://127.0.0.1", "https://localhost", "https://login.microsoftonline.com",
          "https://login.localhost", "https://v.vault.azure.net", "https://v.vault.localhost",
          "https://emubatch.eastus.batch.azure.com", "https://emubatch.batch.localhost",
          "https://management.azure.com", "https://management.localhost"}) {
        Reply r = request(emu, "GET", std::string(host) + "/_emulator/counters");
        CHECK_MESSAGE(r.status == 200, host);
    }
    CHECK(emu.stop() == 0);
}

TEST_CASE("lifecycle: --config seeds accounts, clients and entities; regions join the certificate") {
    const kvb::test::TempDir tmp;
    const std::string dir = tmp.path().string();
    const auto cert = makeCertificate("config-cert");
    const std::string config =
        R"({"tokenLifetimeSeconds":120,"clients":[{"clientId":"cfg-client","secret":"cfg-secret"}],)"
        R"("batchAccounts":[{"name":"west","region":"westus2","key":"d2VzdC1rZXk=","certificates":[{"thumbprint":")" +
        cert.lowerThumbprint() + R"(","thumbprintAlgorithm":"sha1","certificateFormat":"cer","data":")" +
        cert.derBase64 + R"("}],"pools":[{"id":"seeded","vmSize":"a1"}]}]})";
    writeText(dir + "/config.json", config);
    EmulatorProcess emu({"--config", dir + "/config.json"});
    const std::string host = "https://west.westus2.batch.azure.com";
    Reply pools =
        batchRequest(emu, "GET", std::string("/pools?") + kApi, "", {}, "west", "d2VzdC1rZXk=", host);
    REQUIRE(pools.status == 200);
    CHECK(pools.body.find("\"seeded\"") != std::string::npos);
    CHECK(batchRequest(emu, "GET", std::string("/certificates?") + kApi, "", {}, "west", "d2VzdC1rZXk=", host)
              .body.find(cert.lowerThumbprint()) != std::string::npos);
    Reply token =
        request(emu, "POST", "https://login.localhost/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token",
                {"Content-Type: application/x-www-form-urlencoded"},
                "grant_type=client_credentials&client_id=cfg-client&client_secret=cfg-secret&scope=api%3A%"
                "2F%2Fx%2F.default");
    CHECK(token.status == 200);
    CHECK(token.body.find("\"expires_in\":120") != std::string::npos);
    // reset goes back to the configured seeds.
    REQUIRE(batchRequest(emu, "DELETE", "/pools/seeded?" + std::string(kApi), "", {}, "west",
                         "d2VzdC1rZXk=", host)
                .status == 202);
    REQUIRE(control(emu, "reset").status == 200);
    CHECK(batchRequest(emu, "GET", "/pools/seeded?" + std::string(kApi), "", {}, "west", "d2VzdC1rZXk=", host)
              .status == 200);
    CHECK(emu.stop() == 0);

    writeText(dir + "/bad.json",
              "{\"batchAccounts\":[{\"name\":\"x\",\"certificates\":[{\"thumbprint\":\"ab\"}]}]}");
    int code = -1;
    run("--port 0 --ca-out " + dir + "/ca2.pem --config " + dir + "/bad.json", code);
    CHECK(code == 2);
}

TEST_CASE("lifecycle: --state survives a restart") {
    const kvb::test::TempDir tmp;
    const std::string dir = tmp.path().string();
    const std::string state = dir + "/state.json";
    const auto cert = makeCertificate("state-cert");
    {
        EmulatorProcess emu({"--state", state});
        REQUIRE(batchRequest(emu, "POST", std::string("/pools?") + kApi,
                             R"({"id":"persist","vmSize":"a1","certificateReferences":[{"thumbprint":")" +
                                 cert.lowerThumbprint() + R"(","thumbprintAlgorithm":"sha1"}]})")
                    .status == 201);
        REQUIRE(control(emu, "batch/accounts/emubatch/certificates",
                        "{\"thumbprint\":\"" + cert.lowerThumbprint() +
                            "\",\"thumbprintAlgorithm\":\"sha1\",\"certificateFormat\":\"cer\","
                            "\"data\":\"" +
                            cert.derBase64 + "\"}")
                    .status == 200);
        REQUIRE(batchRequest(emu, "DELETE",
                             "/certificates(thumbprintAlgorithm=sha1,thumbprint=" + cert.lowerThumbprint() +
                                 ")?" + kApi)
                    .status == 202);
        REQUIRE(control(emu, "entra/clients", R"({"clientId":"kept","secret":"kept-secret"})").status == 200);
        REQUIRE(control(emu, "batch/accounts/emubatch/retired", R"({"enabled":false})").status == 200);
        CHECK(emu.stop() == 0);
    }
    REQUIRE(!readText(state).empty());
    EmulatorProcess again({"--state", state});
    CHECK(batchRequest(again, "GET", "/pools/persist?" + std::string(kApi)).status == 200);
    auto certDoc = emu::parseJsonObject(batchRequest(again, "GET",
                                                     "/certificates(thumbprintAlgorithm=sha1,thumbprint=" +
                                                         cert.lowerThumbprint() + ")?" + kApi)
                                            .body);
    REQUIRE(certDoc);
    CHECK(emu::getString(*certDoc, "state") == std::optional<std::string>("deletefailed"));
    CHECK(request(again, "POST",
                  "https://login.localhost/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token",
                  {"Content-Type: application/x-www-form-urlencoded"},
                  "grant_type=client_credentials&client_id=kept&client_secret=kept-secret&scope="
                  "api%3A%2F%2Fx%2F.default")
              .status == 200);
    CHECK(again.stop() == 0);
}
