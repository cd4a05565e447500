// SPDX-License-Identifier: MIT
// What a person at a terminal sees from kvbridge migrate: stderr on a pseudo-terminal, so the
// progress bar is drawn as it is for them.

#include "migrate_scenario.hpp"

#include <doctest/doctest.h>

#include <regex>

using kvb::test::Emulator;
using kvb::test::runCli;
using kvb::test::Scenario;

namespace {

// The last state the progress bar was drawn in.
std::string lastBar(const std::string& err) {
    const auto at = err.rfind("\r[");
    if (at == std::string::npos) return {};
    const auto end = err.find_first_of("\r\n", at + 1);
    return err.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

long number(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern))) return -1;
    return std::stol(m[1]);
}

void checkWidth(const std::string& out) {
    std::size_t start = 0;
    for (std::size_t end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = out.substr(start, end - start);
        if (line.rfind("report: ", 0) == 0) continue; // the report paths are as long as the user made them
        CHECK_MESSAGE(line.size() <= 80, line);
    }
}

} // namespace

TEST_SUITE("e2e::migrate") {
    TEST_CASE("on a terminal: findings and warnings shown, the bar's failures agree with the summary, a "
              "no-op rerun shows progress") {
        Scenario s("terminal");
        kvb::test::makeTestCertificate("stray").writePem(s.dir / "keys" / "stray.pem");
        const auto first = runCli(s.args("r1"), {}, 0, {}, {}, true);
        INFO(first.err);
        CHECK(first.exitCode == 2);
        const std::string keys = (s.dir / "keys").string();
        CHECK(first.err.find("kvbridge: warning: " + keys + "/stray.pem matches no Batch certificate") !=
              std::string::npos);
        CHECK(first.err.find("kvbridge: " + keys + "/" + s.certs[6].thumbprint +
                             ".pfx: corrupt: not a PKCS#12 file (certificate " + s.certs[6].thumbprint +
                             ")") != std::string::npos);
        CHECK(first.err.find("kvbridge: " + keys + "/" + s.certs[7].thumbprint +
                             ".pfx: duplicate: holds the same certificate as " + keys + "/app1.p12") !=
              std::string::npos);
        const std::string bar = lastBar(first.err);
        INFO(bar);
        const long failed = number(first.out, "results: .*?([0-9]+) failed");
        CHECK(failed == 4);
        CHECK(number(bar, " 8/8 .* failed ([0-9]+) ") == failed);
        CHECK(number(bar, " ok ([0-9]+) ") == number(first.out, "results: ([0-9]+) succeeded"));
        checkWidth(first.out);

        const auto again = runCli(s.args("r2"), {}, 0, {}, {}, true);
        const std::string rerunBar = lastBar(again.err);
        INFO(again.err);
        CHECK(rerunBar.find(" 8/8 ") != std::string::npos);
        CHECK(number(rerunBar, " skipped ([0-9]+) ") == 4);
        CHECK(number(rerunBar, " failed ([0-9]+) ") == 4);
        checkWidth(again.out);
        // Not on a terminal: one line with the totals.
        const auto plain = runCli(s.args("r3"));
        CHECK(plain.err.find("[8/8] nothing to write: 0 succeeded, 4 skipped, 4 failed, 0 planned\n") !=
              std::string::npos);
    }

    TEST_CASE("an unreachable vault is named by its endpoint on stderr and in the report") {
        Scenario s("unreach");
        auto args = s.args("r", {"--dry-run"});
        const std::string endpoint = "https://" + s.vault + ".vault.localhost:9"; // nothing listens on 9
        args[4] = endpoint;
        const auto r = runCli(args);
        INFO(r.err);
        const std::string said =
            "kvbridge: the vault could not be read: transport failed for " + endpoint + ": ";
        const auto at = r.err.find(said);
        REQUIRE(at != std::string::npos);
        const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
        CHECK(line.find('?') == std::string::npos); // no query (with verbose logging, log lines have one)
        CHECK(line.find("/certificates") == std::string::npos);
        CHECK(Scenario::field(s.report("r"), "detail").at(s.certs[0].thumbprint).find(endpoint) !=
              std::string::npos);
    }
}
