// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/journal.hpp>

#include <kvbridge/error.hpp>

#include "test_files.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

using namespace kvb::migrate;

namespace {
CertificateStepRecord rec(CertificateStep step, const std::string& key, JournalStatus status) {
    CertificateStepRecord r;
    r.step = step;
    r.thumbprint = key;
    r.name = "n";
    r.status = status;
    return r;
}
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
} // namespace

TEST_SUITE("migrate::journal") {
    TEST_CASE("records are JSON lines with the documented fields") {
        CertificateStepRecord r = rec(CertificateStep::Import, "AB", JournalStatus::Succeeded);
        r.ts = "2026-01-01T00:00:00Z";
        r.kvId = "https://v/certificates/n/1";
        r.x5t = "q1";
        CHECK(toJsonLine(r) == R"({"ts":"2026-01-01T00:00:00Z","step":"import","thumbprint":"AB","name":"n",)"
                               R"("status":"succeeded","kvId":"https://v/certificates/n/1","x5t":"q1"})");
    }

    TEST_CASE("step and status names are the file format: each one is the documented text, both ways") {
        const std::vector<std::pair<CertificateStep, const char*>> steps = {
            {CertificateStep::Import, "import"},
            {CertificateStep::StoreSecret, "store-secret"},
            {CertificateStep::Recover, "recover"},
            {CertificateStep::Verify, "verify"},
            {CertificateStep::Settle, "settle"},
            {CertificateStep::DisableDuplicate, "disable-duplicate"},
            {CertificateStep::DeleteBatchCertificate, "delete-batch-certificate"}};
        for (const auto& [step, name] : steps) {
            CHECK(std::string(toText(step)) == name);
            CHECK(certificateStepFromString(name) == step);
            CHECK_FALSE(poolStepFromString(name));
        }
        CHECK(std::string(toText(PoolStep::ClearReferences)) == "clear-pool-references");
        CHECK(poolStepFromString("clear-pool-references") == PoolStep::ClearReferences);
        CHECK_FALSE(certificateStepFromString("clear-pool-references"));
        const std::vector<std::pair<JournalStatus, const char*>> statuses = {
            {JournalStatus::Started, "started"},
            {JournalStatus::Succeeded, "succeeded"},
            {JournalStatus::Failed, "failed"},
            {JournalStatus::Skipped, "skipped"}};
        for (const auto& [status, name] : statuses) {
            CHECK(std::string(toText(status)) == name);
            CHECK(journalStatusFromString(name) == status);
        }
        CHECK_FALSE(journalStatusFromString("Started"));
        CHECK_FALSE(certificateStepFromString(""));
    }

    TEST_CASE("a pool's record keeps its id in \"thumbprint\" and its references in \"detail\", as before") {
        PoolStepRecord r;
        r.ts = "2026-01-01T00:00:00Z";
        r.status = JournalStatus::Succeeded;
        r.poolId = "render";
        r.references = R"([{"thumbprint":"ab"}])";
        const std::string line = toJsonLine(r);
        CHECK(line ==
              R"({"ts":"2026-01-01T00:00:00Z","step":"clear-pool-references","thumbprint":"render",)"
              R"("name":"","status":"succeeded","kvId":"","x5t":"","detail":"[{\"thumbprint\":\"ab\"}]"})");
        PoolStepRecord failed = r;
        failed.status = JournalStatus::Failed;
        failed.references.clear();
        failed.detail = "HTTP 500";
        const auto state = JournalState::parse(line + "\n" + toJsonLine(failed) + "\n");
        const auto last = state.last(PoolStep::ClearReferences, "render");
        REQUIRE(last);
        CHECK(last->status == JournalStatus::Failed);
        CHECK(last->detail == "HTTP 500");
        CHECK(last->references.empty());
        CHECK(JournalState::parse(line + "\n").last(PoolStep::ClearReferences, "render")->references ==
              R"([{"thumbprint":"ab"}])");
        // A pool's record is not a certificate's: the same key under a certificate step is absent.
        CHECK_FALSE(state.last(CertificateStep::Import, "render"));
    }

    TEST_CASE("a step started and never finished is reported as unfinished") {
        const auto state = JournalState::parse(
            toJsonLine(rec(CertificateStep::Import, "A", JournalStatus::Started)) + "\n" +
            toJsonLine(rec(CertificateStep::Import, "A", JournalStatus::Succeeded)) + "\n" +
            toJsonLine(rec(CertificateStep::Import, "B", JournalStatus::Started)) + "\n");
        CHECK(state.succeeded(CertificateStep::Import, "A"));
        CHECK(state.unfinished(CertificateStep::Import, "B"));
        CHECK_FALSE(state.unfinished(CertificateStep::Import, "A"));
        REQUIRE(state.unfinishedSteps().size() == 1);
        CHECK(std::get<CertificateStepRecord>(state.unfinishedSteps()[0]).thumbprint == "B");
    }

    TEST_CASE("lastOf gives the last record of every key of one step") {
        const auto state = JournalState::parse(
            toJsonLine(rec(CertificateStep::DeleteBatchCertificate, "A", JournalStatus::Started)) + "\n" +
            toJsonLine(rec(CertificateStep::DeleteBatchCertificate, "A", JournalStatus::Succeeded)) + "\n" +
            toJsonLine(rec(CertificateStep::Import, "B", JournalStatus::Started)) + "\n" +
            toJsonLine(rec(CertificateStep::DeleteBatchCertificate, "C", JournalStatus::Started)) + "\n");
        const auto deletes = state.lastOf(CertificateStep::DeleteBatchCertificate);
        REQUIRE(deletes.size() == 2);
        CHECK(deletes[0].thumbprint == "A");
        CHECK(deletes[0].status == JournalStatus::Succeeded);
        CHECK(deletes[1].thumbprint == "C");
        CHECK(deletes[1].status == JournalStatus::Started);
        CHECK(state.lastOf(CertificateStep::Verify).empty());
    }

    TEST_CASE("a step of a later version is skipped; an unknown status is an error") {
        const std::string known =
            toJsonLine(rec(CertificateStep::Import, "A", JournalStatus::Started)) + "\n";
        const auto state = JournalState::parse(
            R"({"ts":"2030-01-01T00:00:00Z","step":"retire-pool","thumbprint":"p","status":"started"})"
            "\n" +
            known);
        CHECK(state.recordCount() == 2);
        CHECK(state.unfinishedSteps().size() == 1);
        CHECK_THROWS_AS(JournalState::parse(R"({"step":"import","thumbprint":"A","status":"maybe"})"
                                            "\n" +
                                            known),
                        kvb::ParseError);
    }

    TEST_CASE("a torn last line is ignored and cut off on reopen; a torn middle line is an error") {
        kvb::test::TempDir dir;
        const auto path = dir / "journal.jsonl";
        const std::string good = toJsonLine(rec(CertificateStep::Import, "A", JournalStatus::Started)) + "\n";
        kvb::test::writeText(path, good + R"({"ts":"x","step":"imp)");
        CHECK(JournalState::load(path).unfinished(CertificateStep::Import, "A"));
        {
            Journal journal(path);
            journal.append(rec(CertificateStep::Import, "A", JournalStatus::Succeeded));
            CHECK(journal.state().succeeded(CertificateStep::Import, "A"));
        }
        const std::string text = slurp(path);
        CHECK(text.find("\"step\":\"imp\"") == std::string::npos);
        CHECK(JournalState::load(path).succeeded(CertificateStep::Import, "A"));
        CHECK(JournalState::load(path).recordCount() == 2);
        CHECK_THROWS_AS(JournalState::parse("{not json\n" + good), kvb::ParseError);
    }

    TEST_CASE("a missing journal is empty and appends are durable across reopen") {
        kvb::test::TempDir dir;
        CHECK(JournalState::load(dir / "none").recordCount() == 0);
        {
            Journal journal(dir / "j");
            journal.append(rec(CertificateStep::Verify, "A", JournalStatus::Succeeded));
        }
        Journal again(dir / "j");
        CHECK(again.state().succeeded(CertificateStep::Verify, "A"));
        CHECK_FALSE(again.state().last(CertificateStep::Verify, "A")->ts.empty());
    }
}
