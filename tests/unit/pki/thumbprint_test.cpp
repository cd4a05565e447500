// SPDX-License-Identifier: MIT
#include <kvbridge/pki/thumbprint.hpp>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

using namespace kvb::pki;

TEST_SUITE("pki::thumbprint") {
    // SHA-1("abc") = A9993E36 4706816A BA3E2571 7850C26C 9CD0D89D; base64url of it by hand.
    constexpr const char* kHex = "A9993E364706816ABA3E25717850C26C9CD0D89D";
    constexpr const char* kX5t = "qZk-NkcGgWq6PiVxeFDCbJzQ2J0";

    TEST_CASE("hex converts to x5t and back, case-insensitively") {
        CHECK(thumbprintHexToX5t(kHex) == kX5t);
        CHECK(thumbprintHexToX5t("a9993e364706816aba3e25717850c26c9cd0d89d") == kX5t);
        CHECK(x5tToThumbprintHex(kX5t) == kHex);
        CHECK(x5tToThumbprintHex(std::string(kX5t) + "=") == kHex);
    }

    TEST_CASE("normalizeThumbprintHex accepts separators and lower case") {
        CHECK(normalizeThumbprintHex("a9:99:3e:36:47:06:81:6a:ba:3e:25:71:78:50:c2:6c:9c:d0:d8:9d") == kHex);
        CHECK(normalizeThumbprintHex("a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d") == kHex);
        CHECK_THROWS_AS(normalizeThumbprintHex("a9:99"), kvb::InvalidArgument);
    }

    TEST_CASE("malformed thumbprints throw InvalidArgument") {
        CHECK_THROWS_AS(thumbprintHexToX5t(""), kvb::InvalidArgument);
        CHECK_THROWS_AS(thumbprintHexToX5t("A9993E364706816ABA3E25717850C26C9CD0D89"), kvb::InvalidArgument);
        CHECK_THROWS_AS(thumbprintHexToX5t("G9993E364706816ABA3E25717850C26C9CD0D89D"), kvb::InvalidArgument);
        CHECK_THROWS_AS(thumbprintHexToX5t("A9993E364706816ABA3E25717850C26C9CD0D89D00"),
                        kvb::InvalidArgument);
        CHECK_THROWS_AS(x5tToThumbprintHex("qZk+NkcGgWq6PiVxeFDCbJzQ2J0"), kvb::InvalidArgument);
        CHECK_THROWS_AS(x5tToThumbprintHex("qZk-NkcGgWq6PiVxeFDCbJzQ2J0AA"), kvb::InvalidArgument);
        CHECK_THROWS_AS(x5tToThumbprintHex(""), kvb::InvalidArgument);
    }
}
