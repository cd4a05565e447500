// SPDX-License-Identifier: MIT
#include <kvbridge/error.hpp>
#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/password_book.hpp>

#include "openssl_certificates.hpp"

#include "doctest_enums.hpp"

using namespace kvb::migrate;

TEST_SUITE("migrate::passwords") {
    TEST_CASE("JSON entries match by file name, relative path or thumbprint (any case)") {
        const auto book = PasswordBook::parse(
            R"({"a.pfx":"one","sub/b.pfx":"two","abcdefabcdefabcdefabcdefabcdefabcdefabcd":"three"})");
        CHECK(book.lookup("/keys/a.pfx", "")->reveal() == "one");
        CHECK(book.lookup("/keys/sub/b.pfx", "")->reveal() == "two");
        CHECK_FALSE(book.lookup("/keys/other/b.pfx", "").has_value());
        CHECK(book.lookup("/keys/x.pfx", "ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD")->reveal() == "three");
    }

    TEST_CASE("INI lines work, the callback and the default come after the entries") {
        auto book = PasswordBook::parse("# comment\n[pfx]\na.pfx = one\n");
        book.setCallback([](const std::string& path, const std::string&) -> std::optional<kvb::SecretString> {
            if (path.find("cb") != std::string::npos) return kvb::SecretString("from-callback");
            return std::nullopt;
        });
        book.setDefault(kvb::SecretString("fallback"));
        CHECK(book.lookup("a.pfx", "")->reveal() == "one");
        CHECK(book.lookup("cb.pfx", "")->reveal() == "from-callback");
        CHECK(book.lookup("z.pfx", "")->reveal() == "fallback");
    }

    TEST_CASE("a malformed line is an error naming the line, not its content") {
        try {
            PasswordBook::parse("ok = 1\nsecret-without-equals\n");
            FAIL("no error");
        } catch (const kvb::InvalidArgument& e) {
            CHECK(std::string(e.what()).find("line 2") != std::string::npos);
            CHECK(std::string(e.what()).find("secret-without-equals") == std::string::npos);
        }
    }

    TEST_CASE(
        "a UTF-8 byte order mark is skipped in both forms: JSON stays JSON, INI keeps its first entry") {
        const std::string bom = "\xEF\xBB\xBF";
        const auto json = PasswordBook::parse(bom + R"({"a.pfx":"one"})");
        CHECK(json.lookup("/k/a.pfx", "")->reveal() == "one");
        const auto ini = PasswordBook::parse(bom + "a.pfx = one\r\nb.pfx = two\r\n");
        CHECK(ini.size() == 2);
        CHECK(ini.lookup("/k/a.pfx", "")->reveal() == "one");
    }

    TEST_CASE("fromFile names the file and why it cannot be used, never its content") {
        kvb::test::TempDir dir;
        std::filesystem::create_directories(dir / "folder.json");
        CHECK_THROWS_WITH_AS(
            PasswordBook::fromFile(dir / "folder.json"),
            ("password file " + (dir / "folder.json").string() + " is a directory, not a file").c_str(),
            kvb::InvalidArgument);
        CHECK_THROWS_WITH_AS(PasswordBook::fromFile(dir / "missing.json"),
                             ("password file " + (dir / "missing.json").string() + " does not exist").c_str(),
                             kvb::InvalidArgument);
        kvb::test::writeText(dir / "bad.json", "\xEF\xBB\xBF{\"a.pfx\": \"hunter2\"");
        try {
            PasswordBook::fromFile(dir / "bad.json");
            FAIL("no error");
        } catch (const kvb::InvalidArgument& e) {
            const std::string message = e.what();
            CHECK(message.find("password file " + (dir / "bad.json").string() + ": malformed JSON") == 0);
            CHECK(message.find("hunter2") == std::string::npos);
        }
    }
}

TEST_SUITE("migrate::key_material") {
    TEST_CASE("the scan computes thumbprints, claims from names and records problems per file") {
        kvb::test::TempDir dir;
        const auto a = kvb::test::makeTestCertificate("a");
        const auto b = kvb::test::makeTestCertificate("b");
        a.writePfx(dir / "a.pfx", "secret");
        b.writeCer(dir / ("cert_" + b.thumbprint + ".cer"));
        kvb::test::writeText(dir / (a.thumbprint + ".p12"), "not a pfx at all");
        a.writePfx(dir / "locked.pfx", "other");
        kvb::test::writeText(dir / "readme.txt", "ignored");
        auto book = PasswordBook::parse(R"({"a.pfx":"secret"})");
        const auto scan = scanKeyMaterial({dir.path(), dir / "missing"}, book);
        REQUIRE(scan.files.size() == 4);
        REQUIRE(scan.problems.size() == 1);
        CHECK(scan.problems[0].find("does not exist") != std::string::npos);
        auto find = [&](const std::string& suffix) {
            for (const auto& f : scan.files) {
                if (f.path.size() >= suffix.size() &&
                    f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0)
                    return f;
            }
            throw std::runtime_error("missing " + suffix);
        };
        CHECK(find("/a.pfx").thumbprint == a.thumbprint);
        CHECK(find("/a.pfx").hasKey);
        CHECK(find(".cer").thumbprint == b.thumbprint);
        CHECK(find(".cer").claimedThumbprint == b.thumbprint);
        CHECK_FALSE(find(".cer").hasKey);
        CHECK(find(".p12").problem == KeyFileProblem::Corrupt);
        CHECK(find(".p12").claimedThumbprint == a.thumbprint);
        CHECK(find("/locked.pfx").problem == KeyFileProblem::WrongPassword);
    }
}
