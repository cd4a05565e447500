// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate_bundle.hpp>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "corpus.hpp"

using kvb::SecretString;
using kvb::pki::CertificateBundle;
using kvb::pki::KeyType;

namespace {
std::string cryptoErrorOf(const std::string& file, const SecretString& password) {
    return corpus::cryptoErrorOf([&] { CertificateBundle::loadPem(corpus::text(file), password); });
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}
} // namespace

TEST_SUITE("pki::CertificateBundle PEM") {
    TEST_CASE("certificate plus key loads in every key form") {
        struct Case {
            const char* file;
            const char* cert;
            KeyType type;
            bool encrypted;
        };
        const Case cases[] = {
            {"rsa2048-pkcs1.pem", "rsa2048", KeyType::Rsa, false},
            {"rsa2048-pkcs8.pem", "rsa2048", KeyType::Rsa, false},
            {"rsa2048-pkcs8enc.pem", "rsa2048", KeyType::Rsa, true},
            {"rsa2048-pkcs1enc.pem", "rsa2048", KeyType::Rsa, true},
            {"ec256-sec1.pem", "ec256", KeyType::Ec, false},
            {"ec384-sec1.pem", "ec384", KeyType::Ec, false},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            const auto bundle = CertificateBundle::loadPem(corpus::text(c.file),
                                                           c.encrypted ? corpus::password() : SecretString());
            CHECK(bundle.hasPrivateKey());
            CHECK(bundle.privateKeyMatchesCertificate());
            CHECK(bundle.keyType() == c.type);
            CHECK(bundle.certificate().thumbprintHex() == corpus::sha1Of(c.cert));
        }
    }

    TEST_CASE("a PKCS#1 key converts to the PKCS#8 that openssl produces for it") {
        const auto bundle = CertificateBundle::loadPem(corpus::text("rsa2048-pkcs1.pem"));
        const SecretString pkcs8 = bundle.privateKeyPkcs8Pem();
        CHECK(pkcs8.reveal().starts_with("-----BEGIN PRIVATE KEY-----\n"));
        CHECK_FALSE(contains(pkcs8.reveal(), "RSA PRIVATE KEY"));
        CHECK(pkcs8.reveal() == corpus::text("rsa2048.pkcs8.pem"));
    }

    TEST_CASE("a SEC1 EC key converts to PKCS#8") {
        const auto bundle = CertificateBundle::loadPem(corpus::text("ec256-sec1.pem"));
        CHECK(bundle.privateKeyPkcs8Pem().reveal() == corpus::text("ec256.pkcs8.pem"));
    }

    TEST_CASE("toPem gives the chain and a PKCS#8 key, and loads back") {
        const auto bundle = CertificateBundle::loadPfx(corpus::bytes("chain-aes.pfx"), corpus::password());
        const SecretString pem = bundle.toPem();
        const std::string expected =
            corpus::text("chainleaf.crt") + corpus::text("inter.crt") + corpus::text("root.crt");
        CHECK(pem.reveal().starts_with(expected));
        CHECK(contains(pem.reveal(), "-----BEGIN PRIVATE KEY-----"));
        CHECK(bundle.certificatesPem() == expected);

        const auto back = CertificateBundle::loadPem(pem.reveal());
        CHECK(back.chain() == bundle.chain());
        CHECK(back.privateKeyMatchesCertificate());
    }

    TEST_CASE("a key listed before a scrambled chain still yields leaf first") {
        const auto bundle = CertificateBundle::loadPem(corpus::text("chain-scrambled.pem"));
        REQUIRE(bundle.chain().size() == 3);
        CHECK(bundle.chain()[0].thumbprintHex() == corpus::sha1Of("chainleaf"));
        CHECK(bundle.chain()[1].thumbprintHex() == corpus::sha1Of("inter"));
        CHECK(bundle.chain()[2].thumbprintHex() == corpus::sha1Of("root"));
        CHECK(bundle.privateKeyMatchesCertificate());
    }

    TEST_CASE("certificates without a key load; key-less bundles refuse key exports") {
        const auto bundle = CertificateBundle::loadPem(corpus::text("chain-cas.pem"));
        CHECK_FALSE(bundle.hasPrivateKey());
        REQUIRE(bundle.chain().size() == 2);
        CHECK(bundle.chain()[0].thumbprintHex() == corpus::sha1Of("inter"));
        CHECK(bundle.keyType() == KeyType::Ec);
        CHECK(bundle.keyBits() == 256);
        CHECK_THROWS_AS(bundle.privateKeyPkcs8Pem(), kvb::CryptoError);
        CHECK(bundle.toPem().reveal() == bundle.certificatesPem());
    }

    TEST_CASE("encrypted keys: missing or wrong password is a clear CryptoError") {
        for (const char* file : {"rsa2048-pkcs8enc.pem", "rsa2048-pkcs1enc.pem"}) {
            CAPTURE(file);
            CHECK(contains(cryptoErrorOf(file, SecretString()), "password required"));
            const std::string wrong = "Wr0ng-Secret";
            const std::string message = cryptoErrorOf(file, SecretString(wrong));
            CHECK(contains(message, "wrong password"));
            CHECK_FALSE(contains(message, wrong));
        }
    }

    TEST_CASE("PEM without a certificate, or with a broken one, is a CryptoError") {
        CHECK(contains(cryptoErrorOf("rsa2048.pkcs8.pem", {}), "no certificate"));
        CHECK(contains(cryptoErrorOf("bad-cert.pem", {}), "malformed certificate"));
        CHECK_THROWS_AS(CertificateBundle::loadPem(""), kvb::CryptoError);
        const std::string brokenKey =
            corpus::text("rsa2048.crt") + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        CHECK_THROWS_AS(CertificateBundle::loadPem(brokenKey), kvb::CryptoError);
        const std::string truncatedKey = corpus::text("rsa2048.crt") + "-----BEGIN PRIVATE KEY-----\nAAAA\n";
        CHECK_THROWS_AS(CertificateBundle::loadPem(truncatedKey), kvb::CryptoError);
    }
}
