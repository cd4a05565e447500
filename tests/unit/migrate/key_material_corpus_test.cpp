// SPDX-License-Identifier: MIT
// The scan and the planner over a key material folder made with the openssl program: every kind
// of file a real folder holds, each with its verdict (corpus_verdicts.hpp).

#include <kvbridge/error.hpp>
#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/planner.hpp>

#include "corpus_verdicts.hpp"
#include "test_files.hpp"

#include "doctest_enums.hpp"

using namespace kvb::migrate;
using kvb::test::KeyMaterialCorpus;

namespace {

const LocalKeyMaterial& fileNamed(const KeyMaterialScan& scan, const std::string& name) {
    for (const auto& f : scan.files) {
        if (std::filesystem::path(f.path).filename() == name) return f;
    }
    throw std::runtime_error("the scan did not list " + name);
}

std::vector<CertificateInventoryItem> inventoryOf(const KeyMaterialCorpus& corpus) {
    std::vector<CertificateInventoryItem> items;
    for (const auto& [name, view] : corpus.certificates) {
        CertificateInventoryItem item;
        item.thumbprint = view.thumbprint;
        item.fromCertificateApi = true;
        items.push_back(item);
    }
    return items;
}

} // namespace

TEST_SUITE("migrate::key_material") {
    TEST_CASE("each file of a real folder gets its reason, and locked files are tied to their certificate") {
        kvb::test::TempDir dir;
        const auto corpus = kvb::test::makeKeyMaterialCorpus(dir.path());
        const auto scan = scanKeyMaterial({corpus.keys}, PasswordBook::fromFile(corpus.passwords));
        CHECK(scan.problems.empty());
        const auto& t = corpus.certificates;

        const auto& open = fileNamed(scan, "web-frontend.pfx");
        CHECK(open.problem == KeyFileProblem::WrongPassword);
        CHECK(open.thumbprint == t.at("open-bags").thumbprint); // read from the unencrypted bag

        const auto& sealed = fileNamed(scan, "api.pfx");
        CHECK(sealed.problem == KeyFileProblem::WrongPassword);
        CHECK(sealed.thumbprint.empty());
        CHECK(sealed.problemText.find("certificate bags are encrypted") != std::string::npos);

        const auto& cut = fileNamed(scan, "truncated.pfx");
        CHECK(cut.problem == KeyFileProblem::Truncated);
        CHECK(cut.problemText.find("ends early") != std::string::npos);

        const auto& gone = fileNamed(scan, t.at("unreadable").thumbprint + ".pfx");
        CHECK(gone.problem == KeyFileProblem::Unreadable);
        CHECK(gone.problemText == "is a dangling symbolic link");
        CHECK(gone.claimedThumbprint == t.at("unreadable").thumbprint);

        const auto& fifo = fileNamed(scan, "pipe.pem");
        CHECK(fifo.problem == KeyFileProblem::Unreadable);
        CHECK(fifo.problemText.find("not a regular file") != std::string::npos);

        CHECK(fileNamed(scan, "notes.p12").problem == KeyFileProblem::Corrupt);

        const auto& locked = fileNamed(scan, "locked.pem");
        CHECK(locked.problem == KeyFileProblem::WrongPassword);
        CHECK(locked.thumbprint == t.at("pem-locked").thumbprint); // read from the PEM certificate

        for (const auto& [name, file] : std::map<std::string, std::string>{{"pkcs1", "legacy-rsa.pem"},
                                                                           {"pkcs8-crlf", "crlf.pem"},
                                                                           {"duplicate", "svc.pfx"},
                                                                           {"ec", "ec.pfx"},
                                                                           {"legacy", "legacy.pfx"}}) {
            const auto& usable = fileNamed(scan, file);
            CHECK_MESSAGE(usable.problem == KeyFileProblem::None, file, ": ", usable.problemText);
            CHECK_MESSAGE(usable.hasKey, file);
            CHECK_MESSAGE(usable.thumbprint == t.at(name).thumbprint, file);
        }
        CHECK(fileNamed(scan, "svc.pem").thumbprint == t.at("duplicate").thumbprint);
        // No password, key or file content in any text.
        for (const auto& f : scan.files) {
            for (const char* secret : {"not-it", "crlf-pw", "svc-pw", "right", "old build server"})
                CHECK_MESSAGE(f.problemText.find(secret) == std::string::npos, f.path);
        }
    }

    TEST_CASE("the plan gives each certificate its verdict and each unusable file a finding") {
        kvb::test::TempDir dir;
        const auto corpus = kvb::test::makeKeyMaterialCorpus(dir.path());
        const auto scan = scanKeyMaterial({corpus.keys}, PasswordBook::fromFile(corpus.passwords));
        const Plan plan = makePlan(inventoryOf(corpus), scan, {}, {});
        std::map<std::string, const PlanItem*> items;
        for (const auto& item : plan.items) items[item.thumbprint] = &item;
        for (const auto& [name, action] : kvb::test::kCorpusActions) {
            const PlanItem& item = *items.at(corpus.certificates.at(name).thumbprint);
            CHECK_MESSAGE(toText(item.action) == action, name, ": ", item.reason);
        }
        const auto& t = corpus.certificates;
        CHECK(items.at(t.at("open-bags").thumbprint)->reason.find("web-frontend.pfx") != std::string::npos);
        CHECK(items.at(t.at("pem-locked").thumbprint)->reason.find("locked.pem") != std::string::npos);
        // Files that could not be tied are named where a certificate found nothing.
        for (const char* untied : {"api.pfx", "truncated.pfx", "pipe.pem", "notes.p12"})
            CHECK(items.at(t.at("sealed-bags").thumbprint)->reason.find(untied) != std::string::npos);
        CHECK(items.at(t.at("unreadable").thumbprint)->reason.find("dangling") != std::string::npos);
        CHECK(items.at(t.at("duplicate").thumbprint)->sourceFile == corpus.files.at("duplicate").string());

        const auto expected = kvb::test::expectedCorpusFindings(corpus);
        REQUIRE(plan.fileFindings.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto& f = plan.fileFindings[i];
            INFO(f.path, ": ", f.detail);
            CHECK(std::filesystem::path(f.path).filename() == expected[i].file);
            CHECK(toText(f.problem) == expected[i].problem);
            CHECK(f.thumbprint == (expected[i].tiedTo.empty() ? "" : t.at(expected[i].tiedTo).thumbprint));
            CHECK(f.listedByBatch == !expected[i].tiedTo.empty());
        }
        CHECK(plan.fileFindings[5].duplicateOf == corpus.files.at("duplicate").string());
        CHECK(plan.warnings.empty());
    }

    TEST_CASE("roots are checked before anything is read: missing, unlistable, not key material") {
        kvb::test::TempDir dir;
        kvb::test::writeText(dir / "readme.txt", "x");
        CHECK_NOTHROW(validateKeyMaterialRoots({dir.path()}));
        CHECK_THROWS_WITH_AS(validateKeyMaterialRoots({dir / "nope"}),
                             ("key material path " + (dir / "nope").string() + " does not exist").c_str(),
                             kvb::InvalidArgument);
        CHECK_THROWS_WITH_AS(validateKeyMaterialRoots({dir / "readme.txt"}),
                             ("key material path " + (dir / "readme.txt").string() +
                              " is not a .pfx, .p12, .pem, .cer, .crt or .der file")
                                 .c_str(),
                             kvb::InvalidArgument);
    }
}
