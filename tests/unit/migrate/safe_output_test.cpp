// SPDX-License-Identifier: MIT
// What the migration writes (journal, report.json, report.md) holds no key material even when an
// error text carries some, and only its owner can read it.

#include <kvbridge/error.hpp>
#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/migrator.hpp>
#include <kvbridge/migrate/report.hpp>

#include "core/encoding.hpp"
#include "fakes.hpp"
#include "leak_scan.hpp"
#include "openssl_certificates.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <memory>

using namespace kvb::migrate;
using kvb::test::findLeak;
using kvb::test::readText;

namespace {

namespace fs = std::filesystem;

fs::perms permissionsOf(const fs::path& p) {
    return fs::status(p).permissions() & fs::perms::all;
}

// Files are made under the usual umask, so that 0644 is what a plain create would give.
struct Umask022 {
    mode_t old = ::umask(022);
    ~Umask022() { ::umask(old); }
};

// A vault whose import error quotes what it was sent, unredacted: as if an encoding of the quote
// got past the client's redaction.
class QuotingVault : public kvb::test::FakeVault {
public:
    VaultObject importCertificate(const ImportRequest& request, const kvb::Context&) const override {
        const std::string b64 = kvb::detail::base64Encode(request.value.reveal());
        kvb::ServiceErrorInfo info;
        info.httpStatus = 400;
        info.serviceCode = "BadParameter";
        // Too short for the writers' shape check: only knowing the material finds these.
        info.message = "value starts '" + b64.substr(0, 120) + "', pwd '" +
                       std::string(request.password.reveal()) + "' is wrong";
        kvb::throwServiceError(info);
    }
};

} // namespace

TEST_SUITE("migrate::safe output") {
    TEST_CASE("report files and the journal are created 0600, and an existing one is tightened") {
        const Umask022 umask;
        kvb::test::TempDir dir;
        const fs::path fresh = dir / "fresh", old = dir / "old";
        fs::create_directories(old);
        for (const char* name : {"report.json", "report.md", "journal.jsonl"}) {
            kvb::test::writeText(old / name, "");
            fs::permissions(old / name, fs::perms::owner_read | fs::perms::owner_write |
                                            fs::perms::group_read | fs::perms::others_read);
        }
        MigrationReport report;
        report.batchAccount = "acct";
        for (const auto& d : {fresh, old}) {
            writeReport(report, d);
            Journal journal(d / "journal.jsonl");
            journal.append(
                CertificateStepRecord{"", CertificateStep::Import, JournalStatus::Started, "AB", "n"});
            for (const char* name : {"report.json", "report.md", "journal.jsonl"}) {
                CAPTURE(d / name);
                CHECK(permissionsOf(d / name) == (fs::perms::owner_read | fs::perms::owner_write));
            }
        }
    }

    TEST_CASE("the writers cut PEM blocks and long base64 out of every free text; identifiers stay") {
        const auto cert = kvb::test::makeTestCertificate("shapes");
        const std::string pem = cert.certPem + cert.keyPem;
        std::string escaped; // the PEM as a JSON-escaped quote shows it
        for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
        const std::string blob = kvb::detail::base64Encode(std::string(600, '\x5a') + "tail-of-the-blob");
        const std::string kvPath = "https://v.vault.azure.net/certificates/" + std::string(127, 'N') +
                                   "/0123456789abcdef0123456789abcdef";

        CertificateStepRecord r{"",
                                CertificateStep::Import,
                                JournalStatus::Failed,
                                "AB",
                                "n",
                                "",
                                "",
                                "quoted " + escaped + " and " + blob};
        const std::string line = toJsonLine(r);
        CHECK(line.find("[redacted]") != std::string::npos);
        for (const std::string& secret : {cert.keyPem, escaped, blob})
            CHECK(findLeak(line, secret) == std::string::npos);

        MigrationReport report;
        ItemOutcome o;
        o.plan.thumbprint = cert.thumbprint;
        o.plan.reason = "reason " + blob;
        o.result = StepResult::Failed;
        o.detail = "detail " + pem + " at " + kvPath;
        o.batchCertificateCleanup = "failed: " + blob;
        report.certificates.push_back(o);
        report.poolCleanups.push_back({"pool", StepResult::Failed, "pool " + escaped});
        report.warnings.push_back("warning " + blob);
        for (const std::string& text : {toJson(report), toMarkdown(report)}) {
            for (const std::string& secret : {cert.keyPem, escaped, blob})
                CHECK(findLeak(text, secret) == std::string::npos);
            CHECK(text.find(kvPath) != std::string::npos); // 177 characters of identifier: kept
        }
    }

    TEST_CASE("an error that quotes an import's PFX and password is cut out before journal and report") {
        kvb::test::TempDir dir;
        const auto cert = kvb::test::makeTestCertificate("quoted");
        const std::string password = "quoted-pfx-password-42";
        fs::create_directories(dir / "keys");
        cert.writePfx(dir / "keys" / "quoted.pfx", password);
        auto batch = std::make_shared<kvb::test::FakeBatch>();
        batch->certificates.push_back({cert.thumbprint, "active", cert.derBase64});
        auto vault = std::make_shared<QuotingVault>();
        MigrationOptions options;
        options.vaultUrl = "https://fake.vault.azure.net";
        options.keyMaterial = {dir / "keys"};
        options.passwords.add("quoted.pfx", kvb::SecretString(password));
        options.journalPath = dir / "journal.jsonl";
        const auto report = Migrator(batch, vault, options).run();
        REQUIRE(report.certificates.size() == 1);
        const auto& outcome = report.certificates[0];
        CHECK(outcome.result == StepResult::Failed);
        CHECK(outcome.detail.find("value starts '[redacted]', pwd '[redacted]' is wrong") !=
              std::string::npos);
        writeReport(report, dir / "report");
        const std::string b64 = kvb::detail::base64Encode(kvb::test::readBytes(dir / "keys" / "quoted.pfx"));
        for (const auto& text :
             {outcome.detail, readText(dir / "journal.jsonl"), readText(dir / "report" / "report.json"),
              readText(dir / "report" / "report.md")}) {
            CHECK(findLeak(text, b64) == std::string::npos);
            CHECK(findLeak(text, password) == std::string::npos);
        }
    }
}
