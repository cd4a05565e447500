// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate.hpp>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include "corpus.hpp"
#include "openssl_certificates.hpp"

using kvb::pki::Certificate;
using kvb::pki::KeyType;

TEST_SUITE("pki::Certificate") {
    TEST_CASE("thumbprints equal the fingerprints the openssl command reports") {
        for (const char* name : {"rsa2048", "rsa4096", "ec256", "ec384", "root", "inter", "chainleaf"}) {
            CAPTURE(name);
            const auto cert = Certificate::fromPem(corpus::text(std::string(name) + ".crt"));
            CHECK(cert.thumbprintHex() == corpus::sha1Of(name));
            CHECK(cert.sha256Thumbprint() == corpus::sha256Of(name));
            CHECK(cert.x5t() == kvb::pki::thumbprintHexToX5t(corpus::sha1Of(name)));
            CHECK(cert.x5t().size() == 27);
            CHECK(cert.x5tS256().size() == 43);
        }
    }

    TEST_CASE("DER and PEM of the same certificate give equal objects") {
        const auto fromDer = Certificate::fromDer(corpus::bytes("rsa2048.cer"));
        const auto fromPem = Certificate::fromPem(corpus::text("rsa2048.crt"));
        CHECK(fromDer == fromPem);
        CHECK(fromDer.der() == corpus::bytes("rsa2048.cer"));
        CHECK(fromDer.thumbprintHex() == corpus::sha1Of("rsa2048"));
    }

    TEST_CASE("toPem round-trips and matches openssl's PEM") {
        const std::string pem = corpus::text("ec256.crt");
        const auto cert = Certificate::fromPem(pem);
        CHECK(cert.toPem() == pem);
        CHECK(Certificate::fromPem(cert.toPem()) == cert);
    }

    TEST_CASE("names, serial, validity and key type are read") {
        const auto leaf = Certificate::fromPem(corpus::text("chainleaf.crt"));
        CHECK(leaf.subject() == "CN=Corpus Chain Leaf,O=kvbridge tests,C=US");
        CHECK(leaf.issuer() == "CN=Corpus Intermediate,O=kvbridge tests,C=US");
        CHECK_FALSE(leaf.isSelfIssued());
        CHECK(leaf.keyType() == KeyType::Rsa);
        const std::string serial = kvb::test::opensslOutput("x509 -noout -serial -in '" +
                                                            corpus::path("chainleaf.crt").string() + "'");
        CHECK(serial == "serial=" + leaf.serialNumberHex() + "\n");

        const auto root = Certificate::fromPem(corpus::text("root.crt"));
        CHECK(root.isSelfIssued());
        CHECK(root.keyType() == KeyType::Ec);
        // The corpus is made with -days 3650 just now.
        const auto lifetime = root.notAfter() - root.notBefore();
        CHECK(lifetime == std::chrono::hours(24 * 3650));
        CHECK(root.notBefore() <= std::chrono::system_clock::now());
        CHECK(root.notBefore() > std::chrono::system_clock::now() - std::chrono::hours(24 * 30));
    }

    TEST_CASE("garbage input throws CryptoError") {
        CHECK_THROWS_AS(Certificate::fromDer(corpus::bytes("garbage.bin")), kvb::CryptoError);
        CHECK_THROWS_AS(Certificate::fromDer({}), kvb::CryptoError);
        CHECK_THROWS_AS(Certificate::fromPem("no pem here"), kvb::CryptoError);
        CHECK_THROWS_AS(Certificate::fromPem(corpus::text("bad-cert.pem")), kvb::CryptoError);
        CHECK_THROWS_AS(Certificate::fromPem(corpus::text("rsa2048.pkcs8.pem")), kvb::CryptoError);
        auto der = corpus::bytes("rsa2048.cer");
        der.push_back(0);
        CHECK_THROWS_AS(Certificate::fromDer(der), kvb::CryptoError);
        der.resize(der.size() / 2);
        CHECK_THROWS_AS(Certificate::fromDer(der), kvb::CryptoError);
    }
}
