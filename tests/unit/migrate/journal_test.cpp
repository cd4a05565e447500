// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/journal.hpp>

#include <kvbridge/error.hpp>

#include "test_files.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

using namespace kvb::migrate;

namespace {
JournalRecord rec(const std::string& step, const std::string& key, const std::string& status) {
    JournalRecord r;
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
        JournalRecord r = rec("import", "AB", "succeeded");
        r.ts = "2026-01-01T00:00:00Z";
        r.kvId = "https://v/certificates/n/1";
        r.x5t = "q1";
        CHECK(toJsonLine(r) == R"({"ts":"2026-01-01T00:00:00Z","step":"import","thumbprint":"AB","name":"n",)"
                               R"("status":"succeeded","kvId":"https://v/certificates/n/1","x5t":"q1"})");
    }

    TEST_CASE("a step started and never finished is reported as unfinished") {
        const auto state = JournalState::parse(toJsonLine(rec("import", "A", "started")) + "\n" +
                                               toJsonLine(rec("import", "A", "succeeded")) + "\n" +
                                               toJsonLine(rec("import", "B", "started")) + "\n");
        CHECK(state.succeeded("import", "A"));
        CHECK(state.unfinished("import", "B"));
        CHECK_FALSE(state.unfinished("import", "A"));
        REQUIRE(state.unfinishedSteps().size() == 1);
        CHECK(state.unfinishedSteps()[0].second == "B");
    }

    TEST_CASE("lastOf gives the last record of every key of one step") {
        const auto state =
            JournalState::parse(toJsonLine(rec("delete-batch-certificate", "A", "started")) + "\n" +
                                toJsonLine(rec("delete-batch-certificate", "A", "succeeded")) + "\n" +
                                toJsonLine(rec("import", "B", "started")) + "\n" +
                                toJsonLine(rec("delete-batch-certificate", "C", "started")) + "\n");
        const auto deletes = state.lastOf("delete-batch-certificate");
        REQUIRE(deletes.size() == 2);
        CHECK(deletes[0].thumbprint == "A");
        CHECK(deletes[0].status == "succeeded");
        CHECK(deletes[1].thumbprint == "C");
        CHECK(deletes[1].status == "started");
        CHECK(state.lastOf("verify").empty());
    }

    TEST_CASE("a torn last line is ignored and cut off on reopen; a torn middle line is an error") {
        kvb::test::TempDir dir;
        const auto path = dir / "journal.jsonl";
        const std::string good = toJsonLine(rec("import", "A", "started")) + "\n";
        kvb::test::writeText(path, good + R"({"ts":"x","step":"imp)");
        CHECK(JournalState::load(path).unfinished("import", "A"));
        {
            Journal journal(path);
            journal.append(rec("import", "A", "succeeded"));
            CHECK(journal.state().succeeded("import", "A"));
        }
        const std::string text = slurp(path);
        CHECK(text.find("\"step\":\"imp\"") == std::string::npos);
        CHECK(JournalState::load(path).succeeded("import", "A"));
        CHECK(JournalState::load(path).recordCount() == 2);
        CHECK_THROWS_AS(JournalState::parse("{not json\n" + good), kvb::ParseError);
    }

    TEST_CASE("a missing journal is empty and appends are durable across reopen") {
        kvb::test::TempDir dir;
        CHECK(JournalState::load(dir / "none").recordCount() == 0);
        {
            Journal journal(dir / "j");
            journal.append(rec("verify", "A", "succeeded"));
        }
        Journal again(dir / "j");
        CHECK(again.state().succeeded("verify", "A"));
        CHECK_FALSE(again.state().last("verify", "A")->ts.empty());
    }
}
