// SPDX-License-Identifier: MIT
// The CLI against a vault whose import errors quote the request body back, in every form a
// service quotes: nothing of a PFX, a private key or a password may reach report.json,
// report.md, journal.jsonl, stdout or stderr, and those files are the owner's only.

#include "migrate_scenario.hpp"
#include "leak_scan.hpp"
#include "openssl_certificates.hpp"

#include "core/encoding.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <string>
#include <vector>

using kvb::test::Emulator;
using kvb::test::findLeak;
using kvb::test::jsonEscaped;
using kvb::test::lower;
using kvb::test::readText;
using kvb::test::runCli;
using kvb::test::urlEncoded;

namespace {

namespace fs = std::filesystem;

// One certificate of the run and how the vault quotes its import.
struct Quoted {
    std::string file;
    std::string password; // "" for PEM
    std::string echo;     // the fault's echo settings
    kvb::test::TestCertificate cert;
};

// Every form in which @p secret could appear in a text file or on stdout.
std::vector<std::string> formsOf(const std::string& secret) {
    std::vector<std::string> forms = {secret, jsonEscaped(secret), urlEncoded(secret)};
    if (secret.find("-----BEGIN") != std::string::npos) {
        std::string body; // the base64 of the PEM without its armour and line breaks
        for (std::size_t at = 0; at < secret.size();) {
            const std::size_t nl = std::min(secret.find('\n', at), secret.size());
            if (secret.compare(at, 5, "-----") != 0) body += secret.substr(at, nl - at);
            at = nl + 1;
        }
        forms.push_back(body);
    }
    return forms;
}

} // namespace

TEST_SUITE("e2e::migrate") {
    TEST_CASE("a vault that quotes the import body back leaks no key material, password or PFX anywhere") {
        auto& emu = Emulator::shared();
        kvb::test::TempDir dir;
        const std::string account = "quoting", vault = "quotingkv";
        kvb::test::seedBatchAccount(account);
        std::vector<Quoted> items = {
            {"big.pfx", "Big PFX password: 1 MB / 1300 certificates", R"("echoBody":true)", {}},
            {"escaped.pem", "", R"("echoBody":true)", {}},
            {"url.pfx", "Tr0ub4dor & 3/4+ horse=staple?", R"("echoBody":true,"echoEncoding":"url")", {}},
            {"prefix.pfx",
             "prefix-pfx-password",
             R"("echoBody":true,"echoField":"value","echoStart":0,"echoLength":300)",
             {}},
            {"decoded.pem", "", R"("echoBody":true,"echoField":"value")", {}},
        };
        fs::create_directories(dir / "keys");
        std::string passwords;
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto& q = items[i];
            q.cert = kvb::test::makeTestCertificate("quoting-" + std::to_string(i));
            kvb::test::seedBatchCertificate(account, q.cert.thumbprint, q.cert.derBase64);
            if (q.file == "big.pfx")
                kvb::test::writePaddedPfx(dir / "keys" / q.file, q.cert.certPem, q.cert.keyPem, q.password,
                                          1024 * 1024);
            else if (q.password.empty())
                q.cert.writePem(dir / "keys" / q.file);
            else
                q.cert.writePfx(dir / "keys" / q.file, q.password);
            if (!q.password.empty())
                passwords +=
                    std::string(passwords.empty() ? "" : ",") + "\"" + q.file + "\":\"" + q.password + "\"";
            emu.control("POST", "faults",
                        R"({"method":"POST","path":"/certificates/batch-)" + lower(q.cert.thumbprint) +
                            R"(/import","status":400,)" + q.echo + "}");
        }
        kvb::test::writeText(dir / "passwords.json", "{" + passwords + "}");
        const long faultsBefore = emu.counter("faultsInjected");

        const mode_t oldMask = ::umask(022);
        const auto run =
            runCli({"migrate", "--batch-account",
                    "https://" + account + ".batch.localhost:" + std::to_string(emu.port()), "--vault",
                    emu.vaultUrl(vault), "--key-material", (dir / "keys").string(), "--passwords",
                    (dir / "passwords.json").string(), "--report", (dir / "report").string(), "--json"});
        ::umask(oldMask);
        INFO(run.err.substr(0, 2000));
        CHECK(run.exitCode == 1); // every import refused
        CHECK(emu.counter("faultsInjected") - faultsBefore == static_cast<long>(items.size()));

        // Each refusal quoted its material, and the quote was cut out.
        const auto report = kvb::detail::parseJson(run.out, "--json output");
        REQUIRE(report["certificates"].Size() == items.size());
        for (const auto& c : report["certificates"].GetArray()) {
            CAPTURE(c["thumbprint"].GetString());
            CHECK(std::string(c["result"].GetString()) == "failed");
            CHECK(std::string(c["detail"].GetString()).find("[redacted]") != std::string::npos);
        }

        std::string everything = run.out + '\x01' + run.err;
        for (const char* name : {"report.json", "report.md", "journal.jsonl"}) {
            const fs::path path = dir / "report" / name;
            CAPTURE(path);
            CHECK((fs::status(path).permissions() & fs::perms::all) ==
                  (fs::perms::owner_read | fs::perms::owner_write));
            everything += '\x01' + readText(path);
        }
        for (const auto& q : items) {
            CAPTURE(q.file);
            std::vector<std::string> secrets = {q.cert.keyPem};
            if (!q.password.empty()) {
                secrets.push_back(q.password);
                const auto pfx = kvb::test::readBytes(dir / "keys" / q.file);
                secrets.push_back(kvb::detail::base64Encode(pfx));
                secrets.push_back(kvb::detail::base64UrlEncode(pfx));
            }
            for (const auto& secret : secrets)
                for (const auto& form : formsOf(secret)) {
                    const std::size_t at = findLeak(everything, form);
                    CHECK_MESSAGE(at == std::string::npos,
                                  "16 characters of a secret of " << q.file << " at offset " << at);
                }
        }
    }
}
