// SPDX-License-Identifier: MIT
#include "pki/jwt_signer.hpp"

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"
#include "corpus.hpp"
#include "openssl_certificates.hpp"

using namespace kvb::detail;
using kvb::pki::CertificateBundle;

namespace {
const std::string kSigningInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrdmJyaWRnZSJ9";
} // namespace

TEST_SUITE("pki::jwt_signer") {
    TEST_CASE("RS256 equals the signature openssl computes with the same key") {
        const auto bundle = CertificateBundle::loadPem(corpus::text("rsa2048-pkcs1.pem"));
        const auto signature = signJws(bundle, asBytes(kSigningInput), JwsAlgorithm::Rs256);
        CHECK(signature.size() == 256);
        // PKCS#1 v1.5 is deterministic, so openssl must produce the very same bytes.
        const auto input = corpus::writeTemp(
            "signing-input", std::vector<std::uint8_t>(kSigningInput.begin(), kSigningInput.end()));
        const std::string expected =
            kvb::test::opensslOutput("dgst -sha256 -sign '" + corpus::path("rsa2048.pkcs8.pem").string() +
                                     "' '" + input.string() + "'");
        CHECK(signature == std::vector<std::uint8_t>(expected.begin(), expected.end()));
        CHECK(verifyJws(bundle.certificate(), asBytes(kSigningInput), signature, JwsAlgorithm::Rs256));
    }

    TEST_CASE("every algorithm signs and verifies; tampering is detected") {
        struct Case {
            const char* file;
            JwsAlgorithm algorithm;
            std::size_t size;
        };
        const Case cases[] = {
            {"rsa2048-pkcs8.pem", JwsAlgorithm::Rs256, 256},
            {"rsa2048-pkcs8.pem", JwsAlgorithm::Ps256, 256},
            {"ec256-sec1.pem", JwsAlgorithm::Es256, 64},
            {"ec384-sec1.pem", JwsAlgorithm::Es384, 96},
        };
        for (const auto& c : cases) {
            CAPTURE(jwsAlgorithmName(c.algorithm));
            const auto bundle = CertificateBundle::loadPem(corpus::text(c.file));
            auto signature = signJws(bundle, asBytes(kSigningInput), c.algorithm);
            CHECK(signature.size() == c.size);
            CHECK(verifyJws(bundle.certificate(), asBytes(kSigningInput), signature, c.algorithm));
            CHECK_FALSE(
                verifyJws(bundle.certificate(), asBytes(kSigningInput + "x"), signature, c.algorithm));
            signature[signature.size() / 2] ^= 0x01;
            CHECK_FALSE(verifyJws(bundle.certificate(), asBytes(kSigningInput), signature, c.algorithm));
        }
    }

    TEST_CASE("a key that does not suit the algorithm, or no key, is refused") {
        const auto ec256 = CertificateBundle::loadPem(corpus::text("ec256-sec1.pem"));
        CHECK_THROWS_AS(signJws(ec256, asBytes(kSigningInput), JwsAlgorithm::Rs256), kvb::CryptoError);
        CHECK_THROWS_AS(signJws(ec256, asBytes(kSigningInput), JwsAlgorithm::Es384), kvb::CryptoError);
        const auto certOnly = CertificateBundle::loadDer(corpus::bytes("rsa2048.cer"));
        CHECK_THROWS_AS(signJws(certOnly, asBytes(kSigningInput), JwsAlgorithm::Rs256), kvb::CryptoError);
        const auto signature = signJws(ec256, asBytes(kSigningInput), JwsAlgorithm::Es256);
        CHECK_FALSE(
            verifyJws(certOnly.certificate(), asBytes(kSigningInput), signature, JwsAlgorithm::Es256));
    }

    TEST_CASE("digests and HMAC match published test vectors") {
        CHECK(hexEncode(sha1(asBytes("abc"))) == "a9993e364706816aba3e25717850c26c9cd0d89d");
        CHECK(hexEncode(sha256(asBytes("abc"))) ==
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // RFC 4231 test case 2.
        CHECK(hexEncode(hmacSha256(asBytes("Jefe"), asBytes("what do ya want for nothing?"))) ==
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // RFC 4231 test case 6: a key longer than the block size.
        const std::vector<std::uint8_t> longKey(131, 0xAA);
        CHECK(hexEncode(hmacSha256(longKey, asBytes("Test Using Larger Than Block-Size Key - "
                                                    "Hash Key First"))) ==
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
}
