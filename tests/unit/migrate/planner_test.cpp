// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/planner.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include "doctest_enums.hpp"

using namespace kvb::migrate;

namespace {

const std::string kT1 = "1111111111111111111111111111111111111111";
const std::string kT2 = "2222222222222222222222222222222222222222";
const std::string kOther = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";

CertificateInventoryItem cert(const std::string& t) {
    CertificateInventoryItem c;
    c.thumbprint = t;
    c.fromCertificateApi = true;
    return c;
}

LocalKeyMaterial file(const std::string& path, const std::string& thumbprint, bool hasKey,
                      KeyFileProblem problem = KeyFileProblem::None, const std::string& claimed = {}) {
    LocalKeyMaterial m;
    m.path = path;
    m.thumbprint = problem == KeyFileProblem::None ? thumbprint : "";
    m.claimedThumbprint = claimed;
    m.hasKey = hasKey;
    m.format = hasKey ? KeyFileFormat::Pfx : KeyFileFormat::Cer;
    m.problem = problem;
    m.problemText = problem == KeyFileProblem::WrongPassword ? "wrong password" : "not a PKCS#12 file";
    return m;
}

PlanItem planOne(const LocalKeyMaterial& m, const VaultSnapshot& vault = {},
                 const PlanOptions& options = {}) {
    KeyMaterialScan scan;
    scan.files.push_back(m);
    const Plan p = makePlan({cert(kT1)}, scan, vault, options);
    REQUIRE(p.items.size() == 1);
    return p.items[0];
}

} // namespace

TEST_SUITE("migrate::planner") {
    TEST_CASE("a matching file with a key is imported under batch-<lower-case thumbprint>") {
        const PlanItem item = planOne(file("/k/a.pfx", kT1, true));
        CHECK(item.action == PlanAction::Import);
        CHECK(item.targetName == "batch-1111111111111111111111111111111111111111");
        CHECK(item.sourceFile == "/k/a.pfx");
    }

    TEST_CASE("the mapping file names the target") {
        PlanOptions options;
        options.names[kT1] = "web-frontend";
        CHECK(planOne(file("/k/a.pfx", kT1, true), {}, options).targetName == "web-frontend");
    }

    TEST_CASE("a vault certificate with the same x5t under any name makes it already-present") {
        VaultSnapshot vault;
        vault.certificates.push_back({"renamed",
                                      "https://v/certificates/renamed/1",
                                      "https://v/secrets/renamed/1",
                                      kvb::pki::thumbprintHexToX5t(kT1),
                                      {}});
        const PlanItem item = planOne(file("/k/a.pfx", kT1, true), vault);
        CHECK(item.action == PlanAction::AlreadyPresent);
        CHECK(item.targetName == "renamed");
        CHECK(item.existingSecretId == "https://v/secrets/renamed/1");
    }

    TEST_CASE("a target name holding another certificate is a name-conflict") {
        VaultSnapshot vault;
        vault.certificates.push_back(
            {"batch-" + std::string(40, '1'), "id", "sid", kvb::pki::thumbprintHexToX5t(kOther), {}});
        const PlanItem item = planOne(file("/k/a.pfx", kT1, true), vault);
        CHECK(item.action == PlanAction::NameConflict);
        CHECK(item.reason.find("another certificate") != std::string::npos);
    }

    TEST_CASE("a soft-deleted target name is a conflict unless recovery is asked for") {
        VaultSnapshot vault;
        vault.deletedCertificates["batch-" + std::string(40, '1')] = {
            "batch-" + std::string(40, '1'), "id", "sid", "x", {}};
        CHECK(planOne(file("/k/a.pfx", kT1, true), vault).action == PlanAction::NameConflict);
        PlanOptions recover;
        recover.recoverDeleted = true;
        const PlanItem item = planOne(file("/k/a.pfx", kT1, true), vault, recover);
        CHECK(item.action == PlanAction::Import);
        CHECK(item.recoverDeletedFirst);
    }

    TEST_CASE(
        "only a .cer gives store-public-as-secret; a secret tagged with the thumbprint makes it present") {
        CHECK(planOne(file("/k/a.cer", kT1, false)).action == PlanAction::StorePublicAsSecret);
        VaultSnapshot vault;
        vault.secrets["batch-" + std::string(40, '1')] = {
            "batch-" + std::string(40, '1'), "sid", "sid", "", {{"batch-thumbprint", kT1}}};
        CHECK(planOne(file("/k/a.cer", kT1, false), vault).action == PlanAction::AlreadyPresent);
        vault.secrets.begin()->second.tags.clear();
        CHECK(planOne(file("/k/a.cer", kT1, false), vault).action == PlanAction::NameConflict);
    }

    TEST_CASE("a file with a key wins over a .cer of the same certificate") {
        KeyMaterialScan scan;
        scan.files = {file("/k/a.cer", kT1, false), file("/k/a.pfx", kT1, true)};
        const Plan p = makePlan({cert(kT1)}, scan, {}, {});
        CHECK(p.items[0].action == PlanAction::Import);
        CHECK(p.items[0].sourceFile == "/k/a.pfx");
    }

    TEST_CASE("a file named for another thumbprint is the last choice as a source") {
        KeyMaterialScan scan;
        scan.files = {file("/k/" + kT2 + ".pfx", kT1, true, KeyFileProblem::None, kT2),
                      file("/k/plain.pfx", kT1, true)};
        const Plan p = makePlan({cert(kT1), cert(kT2)}, scan, {}, {});
        CHECK(p.items[0].sourceFile == "/k/plain.pfx");
        CHECK(p.items[1].action == PlanAction::ThumbprintMismatch);
    }

    TEST_CASE("a file named for the thumbprint holding another certificate is a thumbprint-mismatch") {
        const PlanItem item = planOne(file("/k/" + kT1 + ".pfx", kOther, true, KeyFileProblem::None, kT1));
        CHECK(item.action == PlanAction::ThumbprintMismatch);
        CHECK(item.reason.find(kOther) != std::string::npos);
    }

    TEST_CASE("a locked file named for the thumbprint is password-wrong") {
        const PlanItem item =
            planOne(file("/k/" + kT1 + ".pfx", "", true, KeyFileProblem::WrongPassword, kT1));
        CHECK(item.action == PlanAction::PasswordWrong);
        CHECK(item.reason.find("wrong password") != std::string::npos);
    }

    TEST_CASE("locked files tied by the certificate read from them make password-wrong, naming them all") {
        auto a = file("/k/web.pfx", "", true, KeyFileProblem::WrongPassword);
        a.thumbprint = kT1; // read from an unencrypted certificate bag
        auto b = file("/k/web.pem", "", true, KeyFileProblem::WrongPassword);
        b.thumbprint = kT1;
        KeyMaterialScan scan;
        scan.files = {a, b};
        const Plan p = makePlan({cert(kT1)}, scan, {}, {});
        CHECK(p.items[0].action == PlanAction::PasswordWrong);
        CHECK(p.items[0].reason.find("/k/web.pfx (wrong password), /k/web.pem (wrong password)") !=
              std::string::npos);
        REQUIRE(p.fileFindings.size() == 2);
        CHECK(p.fileFindings[0].thumbprint == kT1);
        CHECK(p.fileFindings[0].listedByBatch);
    }

    TEST_CASE("a usable file not chosen is a duplicate of the chosen one; an unlisted one is a warning") {
        KeyMaterialScan scan;
        scan.files = {file("/k/a.cer", kT1, false), file("/k/b.pfx", kT1, true), file("/k/c.pfx", kT2, true)};
        const Plan p = makePlan({cert(kT1)}, scan, {}, {});
        CHECK(p.items[0].sourceFile == "/k/b.pfx");
        REQUIRE(p.fileFindings.size() == 1);
        CHECK(p.fileFindings[0].path == "/k/a.cer");
        CHECK(p.fileFindings[0].problem == KeyFileProblem::Duplicate);
        CHECK(p.fileFindings[0].duplicateOf == "/k/b.pfx");
        REQUIRE(p.warnings.size() == 1);
        CHECK(p.warnings[0] == "/k/c.pfx matches no Batch certificate");
    }

    TEST_CASE("no file is missing-key-material, naming a corrupt file that claimed it") {
        CHECK(planOne(file("/k/x.pfx", kT2, true)).action == PlanAction::MissingKeyMaterial);
        const PlanItem item = planOne(file("/k/" + kT1 + ".pfx", "", true, KeyFileProblem::Corrupt, kT1));
        CHECK(item.action == PlanAction::MissingKeyMaterial);
        CHECK(item.reason.find("not a PKCS#12 file") != std::string::npos);
    }

    TEST_CASE("no local file but the vault has it: already-present") {
        VaultSnapshot vault;
        vault.certificates.push_back({"n", "id", "sid", kvb::pki::thumbprintHexToX5t(kT1), {}});
        CHECK(planOne(file("/k/x.pfx", kT2, true), vault).action == PlanAction::AlreadyPresent);
    }

    TEST_CASE("files that match nothing and scan problems become warnings") {
        KeyMaterialScan scan;
        scan.files = {file("/k/stray.pfx", kT2, true)};
        scan.problems = {"key material path /nope does not exist"};
        const Plan p = makePlan({cert(kT1)}, scan, {}, {});
        REQUIRE(p.warnings.size() == 2);
        CHECK(p.warnings[1].find("/k/stray.pfx matches no Batch certificate") != std::string::npos);
        CHECK(p.items[0].reason.find("/nope does not exist") != std::string::npos);
    }

    TEST_CASE("vault names are validated") {
        CHECK(isValidVaultName("batch-abc-1"));
        CHECK_FALSE(isValidVaultName("has_underscore"));
        CHECK_FALSE(isValidVaultName(""));
        CHECK_FALSE(isValidVaultName(std::string(128, 'a')));
    }

    TEST_CASE("action names are stable") {
        CHECK(std::string(toText(PlanAction::StorePublicAsSecret)) == "store-public-as-secret");
        CHECK(planActionFromString("name-conflict") == PlanAction::NameConflict);
        CHECK_FALSE(planActionFromString("nope").has_value());
    }
}
