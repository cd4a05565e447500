// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "core/time_format.hpp"
#include "core/url.hpp"

using namespace kvb;
using namespace kvb::detail;
using std::chrono::seconds;

TEST_SUITE("detail::time") {
    TEST_CASE("RFC 1123 round trip") {
        const auto t = std::chrono::system_clock::time_point(seconds(784111777));
        CHECK(formatRfc1123(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
        CHECK(parseRfc1123("Sun, 06 Nov 1994 08:49:37 GMT") == t);
        CHECK_FALSE(parseRfc1123("Sunday, 06-Nov-94 08:49:37 GMT").has_value());
        CHECK_FALSE(parseRfc1123("").has_value());
    }

    TEST_CASE("ISO 8601 with fractions and offsets") {
        const auto t = parseIso8601("2024-07-01T12:00:00.5Z");
        REQUIRE(t.has_value());
        CHECK(formatIso8601(*t) == "2024-07-01T12:00:00.500Z");
        CHECK(parseIso8601("2024-07-01T14:00:00+02:00") == parseIso8601("2024-07-01T12:00:00Z"));
        CHECK(parseIso8601("2017-04-19T06:41:26.3770353Z").has_value());
        CHECK_FALSE(parseIso8601("2024-13-01T00:00:00Z").has_value());
        CHECK_FALSE(parseIso8601("yesterday").has_value());
    }
}

TEST_SUITE("detail::url") {
    TEST_CASE("escaping uses libcurl's rules") {
        CHECK(urlEscape("a b/c?d") == "a%20b%2Fc%3Fd");
        CHECK(urlUnescape("a%20b") == "a b");
    }

    TEST_CASE("parse splits an absolute URL and refuses others") {
        auto u = Url::parse("https://MyVault.vault.azure.net:8443/secrets/x?api-version=7.5");
        CHECK(u.scheme == "https");
        CHECK(u.host == "myvault.vault.azure.net");
        CHECK(u.port == 8443);
        CHECK(u.path == "/secrets/x");
        CHECK(u.query == "api-version=7.5");
        CHECK(u.origin() == "https://myvault.vault.azure.net:8443");
        CHECK_THROWS_AS(Url::parse("myvault.vault.azure.net"), InvalidArgument);
        CHECK_THROWS_AS(Url::parse("ftp://x/y"), InvalidArgument);
        CHECK(Url::parse("https://a.vault.localhost:1/").isLoopback());
        CHECK_FALSE(Url::parse("https://a.vault.azure.net/").isLoopback());
    }

    TEST_CASE("builder escapes segments and query") {
        UrlBuilder b("https://v.vault.azure.net/");
        b.segment("secrets").segment("a b").query("api-version", "2026-04-01").query("$filter", "x eq 'y'");
        CHECK(b.str() ==
              "https://v.vault.azure.net/secrets/a%20b?api-version=2026-04-01&%24filter=x%20eq%20%27y%27");
    }
}
