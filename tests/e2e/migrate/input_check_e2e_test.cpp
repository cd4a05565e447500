// SPDX-License-Identifier: MIT
// Bad input through the kvbridge CLI: refused before the first request with exit status 64 and
// one line naming what is at fault, the emulator seeing nothing; and passwords files with a byte
// order mark, which must simply work.

#include "migrate_scenario.hpp"

#include <doctest/doctest.h>

using kvb::test::Emulator;
using kvb::test::runCli;
using kvb::test::vaultWrites;

namespace {

// A Batch account of its own with one certificate, its PFX in keys/ (password "pw").
struct Inputs {
    kvb::test::TempDir dir;
    std::string account;
    std::string batchUrl;
    std::string vaultUrl;
    kvb::test::TestCertificate cert = kvb::test::makeTestCertificate("inputs");

    Inputs() {
        static int made = 0;
        account = "inputs" + std::to_string(++made);
        auto& emu = Emulator::shared();
        kvb::test::seedBatchAccount(account);
        kvb::test::seedBatchCertificate(account, cert.thumbprint, cert.derBase64);
        batchUrl = "https://" + account + ".batch.localhost:" + std::to_string(emu.port());
        vaultUrl = emu.vaultUrl(account + "kv");
        std::filesystem::create_directories(dir / "keys");
        cert.writePfx(dir / "keys" / "app.pfx", "pw");
    }

    std::vector<std::string> args(std::vector<std::string> extra = {}) const {
        std::vector<std::string> a = {"migrate",
                                      "--batch-account",
                                      batchUrl,
                                      "--vault",
                                      vaultUrl,
                                      "--key-material",
                                      (dir / "keys").string(),
                                      "--report",
                                      (dir / "report").string()};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
};

// Runs kvbridge and checks that it stopped before its first request: status 64, one line on
// stderr, no request at all at the emulator (so certainly no write). Returns that line.
std::string refused(const std::vector<std::string>& args) {
    const long requests = Emulator::shared().counter("requests");
    const long writes = vaultWrites();
    const auto r = runCli(args);
    CHECK(r.exitCode == 64);
    CHECK(Emulator::shared().counter("requests") == requests);
    CHECK(vaultWrites() == writes);
    REQUIRE(r.err.size() > 1);
    CHECK(r.err.find('\n') == r.err.size() - 1); // one line
    return r.err.substr(0, r.err.size() - 1);
}

} // namespace

TEST_SUITE("e2e::migrate") {
    TEST_CASE("an http vault URL is refused before any request, in a dry run too") {
        Inputs in;
        const std::string http =
            "http://" + in.account + "kv.vault.localhost:" + std::to_string(Emulator::shared().port());
        auto args = in.args();
        args[4] = http;
        CHECK(refused(args) == "kvbridge: vault URL '" + http + "' must use https");
        args.push_back("--dry-run");
        CHECK(refused(args) == "kvbridge: vault URL '" + http + "' must use https");
        args[4] = "inputs.vault.localhost";
        CHECK(refused(args) == "kvbridge: vault URL 'inputs.vault.localhost' is not an absolute https URL "
                               "(https://host[:port])");
    }

    TEST_CASE("an http Batch account URL is refused before any request") {
        Inputs in;
        auto args = in.args({"--dry-run"});
        args[2] = "http://" + in.account + ".batch.localhost:" + std::to_string(Emulator::shared().port());
        CHECK(refused(args) == "kvbridge: Batch account URL '" + args[2] + "' must use https");
    }

    TEST_CASE("a missing key material folder is refused before any request, not reported per certificate") {
        Inputs in;
        auto args = in.args();
        args[6] = (in.dir / "no-such-folder").string();
        CHECK(refused(args) == "kvbridge: key material path " + args[6] + " does not exist");
        args.push_back("--dry-run");
        CHECK(refused(args) == "kvbridge: key material path " + args[6] + " does not exist");
    }

    TEST_CASE("a passwords path that is a folder is named, not a stream library error") {
        Inputs in;
        std::filesystem::create_directories(in.dir / "passwords");
        CHECK(refused(in.args({"--passwords", (in.dir / "passwords").string()})) ==
              "kvbridge: password file " + (in.dir / "passwords").string() + " is a directory, not a file");
        CHECK(refused(in.args({"--passwords", (in.dir / "none.json").string()})) ==
              "kvbridge: password file " + (in.dir / "none.json").string() + " does not exist");
    }

    TEST_CASE("malformed JSON after a byte order mark is a JSON error naming the file, not an INI one") {
        Inputs in;
        kvb::test::writeText(in.dir / "passwords.json", "\xEF\xBB\xBF{\"app.pfx\": \"pw\",}");
        const std::string line = refused(in.args({"--passwords", (in.dir / "passwords.json").string()}));
        CHECK(line.rfind("kvbridge: password file " + (in.dir / "passwords.json").string() +
                             ": malformed JSON at offset",
                         0) == 0);
        CHECK(line.find("line") == std::string::npos);
        CHECK(line.find("pw\"") == std::string::npos);
    }

    TEST_CASE("passwords files with a UTF-8 byte order mark work, JSON and INI (the first entry kept)") {
        Inputs in;
        kvb::test::writeText(in.dir / "passwords.json", "\xEF\xBB\xBF{\"app.pfx\": \"pw\"}");
        kvb::test::writeText(in.dir / "passwords.ini", "\xEF\xBB\xBF"
                                                       "app.pfx = pw\r\nother.pfx = x\r\n");
        for (const char* file : {"passwords.json", "passwords.ini"}) {
            const long writes = vaultWrites();
            const auto r = runCli(in.args({"--passwords", (in.dir / file).string(), "--dry-run"}));
            INFO(file, ": ", r.err);
            CHECK(r.exitCode == 0);
            std::ifstream json(in.dir / "report" / "report.json");
            const std::string text((std::istreambuf_iterator<char>(json)), std::istreambuf_iterator<char>());
            const auto report = kvb::detail::parseJson(text, "report");
            CHECK(kvb::test::Scenario::field(report, "action").at(in.cert.thumbprint) == "import");
            CHECK(vaultWrites() == writes);
        }
    }

    TEST_CASE("a missing CA file and a report folder that is a file are named before any request") {
        Inputs in;
        CHECK(refused(in.args({"--ca-file", (in.dir / "ca.pem").string()})) ==
              "kvbridge: CA file " + (in.dir / "ca.pem").string() + " does not exist");
        kvb::test::writeText(in.dir / "taken", "x");
        auto args = in.args();
        args[8] = (in.dir / "taken").string();
        CHECK(refused(args) == "kvbridge: report folder " + args[8] + " is not a folder");
    }
}
