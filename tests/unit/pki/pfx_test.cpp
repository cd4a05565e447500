// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate_bundle.hpp>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "corpus.hpp"
#include "openssl_certificates.hpp"

using kvb::SecretString;
using kvb::pki::CertificateBundle;
using kvb::pki::KeyType;
using kvb::pki::PfxEncryption;

namespace {
std::string cryptoErrorOf(const std::string& file, const SecretString& password) {
    return corpus::cryptoErrorOf([&] { CertificateBundle::loadPfx(corpus::bytes(file), password); });
}

std::string pfxInfo(const kvb::SecretBytes& pfx, const std::string& password) {
    const auto file = corpus::writeTemp("info.pfx", {pfx.reveal().begin(), pfx.reveal().end()});
    return kvb::test::opensslOutput(
        "pkcs12 -info -noout -in '" + file.string() + "' -passin 'pass:" + password + "'", true);
}
} // namespace

TEST_SUITE("pki::CertificateBundle PFX") {
    TEST_CASE("every corpus PFX loads with its key and the openssl thumbprint") {
        struct Case {
            const char* file;
            const char* cert;
            KeyType type;
            int bits;
            bool protectedByPassword;
        };
        const Case cases[] = {
            {"rsa2048-aes.pfx", "rsa2048", KeyType::Rsa, 2048, true},
            {"rsa2048-legacy.pfx", "rsa2048", KeyType::Rsa, 2048, true},
            {"rsa2048-3des.pfx", "rsa2048", KeyType::Rsa, 2048, true},
            {"rsa2048-nopass.pfx", "rsa2048", KeyType::Rsa, 2048, false},
            {"rsa2048-plain.pfx", "rsa2048", KeyType::Rsa, 2048, false},
            {"rsa4096-aes.pfx", "rsa4096", KeyType::Rsa, 4096, true},
            {"ec256-aes.pfx", "ec256", KeyType::Ec, 256, true},
            {"ec384-legacy.pfx", "ec384", KeyType::Ec, 384, true},
        };
        for (const auto& c : cases) {
            CAPTURE(c.file);
            const auto bundle = CertificateBundle::loadPfx(
                corpus::bytes(c.file), c.protectedByPassword ? corpus::password() : SecretString());
            CHECK(bundle.hasPrivateKey());
            CHECK(bundle.privateKeyMatchesCertificate());
            CHECK(bundle.keyType() == c.type);
            CHECK(bundle.keyBits() == c.bits);
            CHECK(bundle.chain().size() == 1);
            CHECK(bundle.certificate().thumbprintHex() == corpus::sha1Of(c.cert));
        }
    }

    TEST_CASE("a PFX with a chain comes out leaf first, then intermediate, then root") {
        for (const char* file : {"chain-aes.pfx", "chain-legacy.pfx"}) {
            CAPTURE(file);
            const auto bundle = CertificateBundle::loadPfx(corpus::bytes(file), corpus::password());
            REQUIRE(bundle.chain().size() == 3);
            CHECK(bundle.chain()[0].thumbprintHex() == corpus::sha1Of("chainleaf"));
            CHECK(bundle.chain()[1].thumbprintHex() == corpus::sha1Of("inter"));
            CHECK(bundle.chain()[2].thumbprintHex() == corpus::sha1Of("root"));
            CHECK(bundle.certificate() == bundle.chain()[0]);
            CHECK(bundle.privateKeyMatchesCertificate());
        }
    }

    TEST_CASE("a wrong password is a CryptoError that names the problem, not the password") {
        const std::string wrong = "Hunter2-not-it";
        for (const char* file :
             {"rsa2048-aes.pfx", "rsa2048-legacy.pfx", "rsa2048-3des.pfx", "rsa2048-nopass.pfx"}) {
            CAPTURE(file);
            const std::string message = cryptoErrorOf(file, SecretString(wrong));
            CHECK(message.find("wrong password") != std::string::npos);
            CHECK(message.find(wrong) == std::string::npos);
            CHECK(message.find(corpus::kPassword) == std::string::npos);
        }
        CHECK(cryptoErrorOf("rsa2048-aes.pfx", SecretString()).find("wrong password") != std::string::npos);
    }

    TEST_CASE("non-PFX input and certificate-only PFX give typed errors") {
        CHECK(cryptoErrorOf("garbage.bin", corpus::password()).find("not a PKCS#12 file") !=
              std::string::npos);
        CHECK(cryptoErrorOf("rsa2048.cer", corpus::password()).find("not a PKCS#12 file") !=
              std::string::npos);
        CHECK(cryptoErrorOf("certonly.pfx", corpus::password()).find("no private key") != std::string::npos);
        const auto certOnly = CertificateBundle::loadPfx(corpus::bytes("certonly.pfx"), corpus::password(),
                                                         {.requirePrivateKey = false});
        CHECK_FALSE(certOnly.hasPrivateKey());
        CHECK_FALSE(certOnly.privateKeyMatchesCertificate());
        CHECK(certOnly.certificate().thumbprintHex() == corpus::sha1Of("rsa2048"));
        CHECK_THROWS_AS(certOnly.toPfx(corpus::password()), kvb::CryptoError);

        auto truncated = corpus::bytes("rsa2048-aes.pfx");
        truncated.resize(truncated.size() - 40);
        CHECK_THROWS_AS(CertificateBundle::loadPfx(truncated, corpus::password()), kvb::CryptoError);
    }

    TEST_CASE("re-encoding with AES-256/SHA-256 round-trips and uses those algorithms") {
        const auto legacy = CertificateBundle::loadPfx(corpus::bytes("chain-legacy.pfx"), corpus::password());
        const SecretString newPassword("n3w-Passw0rd");
        const auto pfx = legacy.toPfx(newPassword, PfxEncryption::Aes256Sha256);
        const auto back = CertificateBundle::loadPfx(pfx.reveal(), newPassword);
        CHECK(back.chain() == legacy.chain());
        CHECK(back.privateKeyMatchesCertificate());
        CHECK(back.privateKeyPkcs8Pem() == legacy.privateKeyPkcs8Pem());

        const std::string info = pfxInfo(pfx, "n3w-Passw0rd");
        CHECK(info.find("MAC: sha256") != std::string::npos);
        CHECK(info.find("PBES2, PBKDF2, AES-256-CBC") != std::string::npos);
        CHECK(info.find("RC2") == std::string::npos);
        CHECK(info.find("3DES") == std::string::npos);
    }

    TEST_CASE("re-encoding with legacy 3DES/SHA-1 round-trips and uses those algorithms") {
        const auto modern = CertificateBundle::loadPfx(corpus::bytes("ec256-aes.pfx"), corpus::password());
        const auto pfx = modern.toPfx(corpus::password(), PfxEncryption::Legacy3DesSha1);
        const auto back = CertificateBundle::loadPfx(pfx.reveal(), corpus::password());
        CHECK(back.certificate().thumbprintHex() == corpus::sha1Of("ec256"));
        CHECK(back.privateKeyMatchesCertificate());

        const std::string info = pfxInfo(pfx, corpus::kPassword);
        CHECK(info.find("MAC: sha1") != std::string::npos);
        CHECK(info.find("pbeWithSHA1And3-KeyTripleDES-CBC") != std::string::npos);
        CHECK(info.find("AES") == std::string::npos);
    }

    TEST_CASE("a PFX can be written without a password and read back") {
        const auto bundle = CertificateBundle::loadPfx(corpus::bytes("rsa2048-aes.pfx"), corpus::password());
        const auto pfx = bundle.toPfx(SecretString());
        const auto back = CertificateBundle::loadPfx(pfx.reveal());
        CHECK(back.certificate() == bundle.certificate());
        CHECK(back.hasPrivateKey());
    }
}
