// SPDX-License-Identifier: MIT
#include "core/encoding.hpp"

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

using namespace kvb::detail;

namespace {
std::vector<std::uint8_t> bytesOf(std::string_view text) {
    const auto view = asBytes(text);
    return {view.begin(), view.end()};
}
} // namespace

TEST_SUITE("core::encoding") {
    TEST_CASE("base64 encodes the RFC 4648 test vectors") {
        CHECK(base64Encode(std::string_view("")) == "");
        CHECK(base64Encode(std::string_view("f")) == "Zg==");
        CHECK(base64Encode(std::string_view("fo")) == "Zm8=");
        CHECK(base64Encode(std::string_view("foo")) == "Zm9v");
        CHECK(base64Encode(std::string_view("foob")) == "Zm9vYg==");
        CHECK(base64Encode(std::string_view("fooba")) == "Zm9vYmE=");
        CHECK(base64Encode(std::string_view("foobar")) == "Zm9vYmFy");
    }

    TEST_CASE("base64 decodes the RFC 4648 test vectors") {
        CHECK(base64Decode("").empty());
        CHECK(base64Decode("Zg==") == bytesOf("f"));
        CHECK(base64Decode("Zm8=") == bytesOf("fo"));
        CHECK(base64Decode("Zm9v") == bytesOf("foo"));
        CHECK(base64Decode("Zm9vYmE=") == bytesOf("fooba"));
        CHECK(base64Decode("Zm9vYmFy") == bytesOf("foobar"));
    }

    TEST_CASE("base64 round-trips every byte value and large inputs") {
        std::vector<std::uint8_t> all(256 * 40);
        for (std::size_t i = 0; i < all.size(); ++i) {
            all[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
        }
        for (std::size_t size : {0u, 1u, 2u, 3u, 4u, 255u, 256u, 10240u}) {
            const std::vector<std::uint8_t> part(all.begin(), all.begin() + size);
            CHECK(base64Decode(base64Encode(part)) == part);
            CHECK(base64UrlDecode(base64UrlEncode(part)) == part);
        }
    }

    TEST_CASE("base64 rejects malformed input with ParseError") {
        CHECK_THROWS_AS(base64Decode("Zg="), kvb::ParseError);        // length
        CHECK_THROWS_AS(base64Decode("Zg"), kvb::ParseError);         // padding required
        CHECK_THROWS_AS(base64Decode("Z*=="), kvb::ParseError);       // alphabet
        CHECK_THROWS_AS(base64Decode("Zm9v\nYmFy"), kvb::ParseError); // whitespace
        CHECK_THROWS_AS(base64Decode("Zm-_"), kvb::ParseError);       // url alphabet
        CHECK_THROWS_AS(base64Decode("Z=g="), kvb::ParseError);       // padding inside
        CHECK_THROWS_AS(base64Decode("===="), kvb::ParseError);
        CHECK_THROWS_AS(base64Decode("Zh=="), kvb::ParseError); // non-zero trailing bits
        CHECK_THROWS_AS(base64Decode("Zm9=="), kvb::ParseError);
        CHECK_THROWS_AS(base64Decode(std::string_view("Zm\0v", 4)), kvb::ParseError);
    }

    TEST_CASE("ParseError messages give a position but not the input") {
        try {
            base64Decode("secretsecret$ecr");
            FAIL("expected ParseError");
        } catch (const kvb::ParseError& e) {
            const std::string message = e.what();
            CHECK(message.find("secret") == std::string::npos);
            CHECK(message.find("12") != std::string::npos);
        }
    }

    TEST_CASE("base64url encodes without padding using - and _") {
        const std::vector<std::uint8_t> bytes{0xFB, 0xFF, 0xBF};
        CHECK(base64Encode(bytes) == "+/+/");
        CHECK(base64UrlEncode(bytes) == "-_-_");
        CHECK(base64UrlEncode(std::string_view("f")) == "Zg");
        CHECK(base64UrlEncode(std::string_view("fo")) == "Zm8");
    }

    TEST_CASE("base64url decodes with or without padding and rejects the standard alphabet") {
        CHECK(base64UrlDecode("-_-_") == std::vector<std::uint8_t>{0xFB, 0xFF, 0xBF});
        CHECK(base64UrlDecode("Zg") == bytesOf("f"));
        CHECK(base64UrlDecode("Zg==") == bytesOf("f"));
        CHECK(base64UrlDecode("Zm8") == bytesOf("fo"));
        CHECK(base64UrlDecode("Zm8=") == bytesOf("fo"));
        CHECK_THROWS_AS(base64UrlDecode("+/+/"), kvb::ParseError);
        CHECK_THROWS_AS(base64UrlDecode("Zg="), kvb::ParseError);   // wrong padding count
        CHECK_THROWS_AS(base64UrlDecode("Zm9vY"), kvb::ParseError); // impossible length
        CHECK_THROWS_AS(base64UrlDecode("Zh"), kvb::ParseError);    // trailing bits
        CHECK_THROWS_AS(base64UrlDecode("Z=g"), kvb::ParseError);
    }

    TEST_CASE("hex encodes in either case and decodes both") {
        const std::vector<std::uint8_t> bytes{0x00, 0x0F, 0xA5, 0xFF};
        CHECK(hexEncode(bytes) == "000fa5ff");
        CHECK(hexEncode(bytes, HexCase::Upper) == "000FA5FF");
        CHECK(hexDecode("000fa5ff") == bytes);
        CHECK(hexDecode("000FA5fF") == bytes);
        CHECK(hexDecode("").empty());
    }

    TEST_CASE("hex rejects odd lengths and non-hex characters") {
        CHECK_THROWS_AS(hexDecode("abc"), kvb::ParseError);
        CHECK_THROWS_AS(hexDecode("zz"), kvb::ParseError);
        CHECK_THROWS_AS(hexDecode("0x"), kvb::ParseError);
        CHECK_THROWS_AS(hexDecode("a b "), kvb::ParseError);
    }
}
