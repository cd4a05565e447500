// SPDX-License-Identifier: MIT
// A key material folder as users have it (made with the openssl program at test time) migrated
// through the kvbridge CLI: each certificate's verdict and each unusable file's reason in
// report.json, report.md and on the terminal (corpus_verdicts.hpp holds the expectations).

#include "corpus_verdicts.hpp"
#include "migrate_scenario.hpp"

#include <doctest/doctest.h>

using kvb::test::Emulator;
using kvb::test::runCli;
using kvb::test::Scenario;

TEST_SUITE("e2e::migrate") {
    TEST_CASE("a real key material folder: a verdict per file and per certificate, on the terminal and in "
              "both reports") {
        kvb::test::TempDir dir;
        const auto corpus = kvb::test::makeKeyMaterialCorpus(dir.path());
        auto& emu = Emulator::shared();
        kvb::test::seedBatchAccount("corpus");
        for (const auto& [name, view] : corpus.certificates)
            kvb::test::seedBatchCertificate("corpus", view.thumbprint, view.derBase64);
        const auto r = runCli(
            {"migrate", "--batch-account", "https://corpus.batch.localhost:" + std::to_string(emu.port()),
             "--vault", emu.vaultUrl("corpuskv"), "--key-material", corpus.keys.string(), "--passwords",
             corpus.passwords.string(), "--report", (dir / "report").string()});
        INFO(r.err);
        CHECK(r.exitCode == 2); // partly done

        const auto report =
            kvb::detail::parseJson(kvb::test::readText(dir / "report" / "report.json"), "report");
        const auto actions = Scenario::field(report, "action");
        const auto results = Scenario::field(report, "result");
        const auto reasons = Scenario::field(report, "reason");
        const auto& t = corpus.certificates;
        for (const auto& [name, action] : kvb::test::kCorpusActions) {
            const std::string& thumbprint = t.at(name).thumbprint;
            CHECK_MESSAGE(actions.at(thumbprint) == action, name, ": ", reasons.at(thumbprint));
            CHECK_MESSAGE(results.at(thumbprint) == (action == "import" ? "succeeded" : "failed"), name);
        }
        CHECK(reasons.at(t.at("open-bags").thumbprint).find("web-frontend.pfx") != std::string::npos);
        CHECK(reasons.at(t.at("pem-locked").thumbprint).find("locked.pem") != std::string::npos);
        CHECK(Scenario::field(report, "sourceFile").at(t.at("duplicate").thumbprint) ==
              corpus.files.at("duplicate").string());
        CHECK(report["summary"]["actions"]["password-wrong"].GetInt() == 2);

        const std::string markdown = kvb::test::readText(dir / "report" / "report.md");
        const auto expected = kvb::test::expectedCorpusFindings(corpus);
        REQUIRE(report["files"].Size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto& e = expected[i];
            const auto& f = report["files"][static_cast<rapidjson::SizeType>(i)];
            const std::string path = (corpus.keys / e.file).string();
            const std::string tie = e.tiedTo.empty() ? "" : t.at(e.tiedTo).thumbprint;
            INFO(e.file);
            CHECK(std::string(f["path"].GetString()) == path);
            CHECK(std::string(f["problem"].GetString()) == e.problem);
            CHECK(std::string(f["thumbprint"].GetString()) == tie);
            CHECK(markdown.find("| " + path + " | " + e.problem + " | " +
                                (tie.empty() ? "cannot be tied to a certificate" : "`" + tie + "`") + " |") !=
                  std::string::npos);
            // On the terminal, one line per file.
            CHECK(r.err.find("kvbridge: " + path + ": " + e.problem + ": ") != std::string::npos);
            CHECK(r.err.find(path + ": " + e.problem + ": " + std::string(f["detail"].GetString()) +
                             (tie.empty() ? " (cannot be tied to a certificate)"
                                          : " (certificate " + tie + ")")) != std::string::npos);
        }
        CHECK(r.out.find("8 key material files cannot be used") != std::string::npos);
        // No password, and nothing of the files' content, anywhere the run wrote.
        const std::string everything =
            r.out + r.err + markdown + kvb::test::readText(dir / "report" / "report.json");
        for (const char* secret : {"not-it", "crlf-pw", "svc-pw", "ec-pw", "legacy-pw", "old build server"})
            CHECK_MESSAGE(everything.find(secret) == std::string::npos, secret);
    }
}
