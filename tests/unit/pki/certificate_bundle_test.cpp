// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate_bundle.hpp>

#include <optional>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "corpus.hpp"

using kvb::SecretString;
using kvb::pki::CertificateBundle;
using kvb::pki::ContainerFormat;

TEST_SUITE("pki::CertificateBundle") {
    TEST_CASE("detectFormat tells PEM, DER and PFX apart and rejects anything else") {
        CHECK(CertificateBundle::detectFormat(corpus::bytes("rsa2048.crt")) == ContainerFormat::Pem);
        CHECK(CertificateBundle::detectFormat(corpus::bytes("rsa2048-pkcs1.pem")) == ContainerFormat::Pem);
        CHECK(CertificateBundle::detectFormat(corpus::bytes("rsa2048.cer")) == ContainerFormat::Der);
        CHECK(CertificateBundle::detectFormat(corpus::bytes("chain-legacy.pfx")) == ContainerFormat::Pfx);
        CHECK_THROWS_AS(CertificateBundle::detectFormat(corpus::bytes("garbage.bin")), kvb::CryptoError);
        CHECK_THROWS_AS(CertificateBundle::detectFormat({}), kvb::CryptoError);
    }

    TEST_CASE("loadFile reads every container with the right loader") {
        const auto pfx = CertificateBundle::loadFile(corpus::path("rsa2048-3des.pfx"), corpus::password());
        CHECK(pfx.hasPrivateKey());
        const auto pem =
            CertificateBundle::loadFile(corpus::path("rsa2048-pkcs8enc.pem"), corpus::password());
        CHECK(pem.hasPrivateKey());
        const auto der = CertificateBundle::loadFile(corpus::path("ec256.cer"));
        CHECK_FALSE(der.hasPrivateKey());
        CHECK(pfx.certificate() == pem.certificate());
        CHECK(der.certificate().thumbprintHex() == corpus::sha1Of("ec256"));
    }

    TEST_CASE("loadFile errors: a missing file is InvalidArgument, garbage is CryptoError") {
        CHECK_THROWS_AS(CertificateBundle::loadFile(corpus::path("no-such-file.pfx")), kvb::InvalidArgument);
        CHECK_THROWS_AS(CertificateBundle::loadFile(corpus::path("garbage.bin")), kvb::CryptoError);
    }

    TEST_CASE("loadDer reads a .cer in DER or PEM and ignores any key") {
        const auto der = CertificateBundle::loadDer(corpus::bytes("rsa2048.cer"));
        CHECK(der.certificate().thumbprintHex() == corpus::sha1Of("rsa2048"));
        CHECK_FALSE(der.hasPrivateKey());
        const auto pem = CertificateBundle::loadDer(corpus::bytes("rsa2048-pkcs1.pem"));
        CHECK(pem.certificate() == der.certificate());
        CHECK_FALSE(pem.hasPrivateKey());
        CHECK_THROWS_AS(CertificateBundle::loadDer(corpus::bytes("garbage.bin")), kvb::CryptoError);
        CHECK_THROWS_AS(CertificateBundle::loadDer(corpus::bytes("rsa2048.pkcs8.pem")), kvb::CryptoError);
    }

    TEST_CASE("copies share the key and stay usable after the original is gone") {
        std::optional<CertificateBundle> original =
            CertificateBundle::loadPem(corpus::text("ec256-sec1.pem"));
        CertificateBundle copy = *original;
        CertificateBundle assigned = CertificateBundle::loadDer(corpus::bytes("rsa2048.cer"));
        assigned = copy;
        original.reset();
        CHECK(copy.privateKeyMatchesCertificate());
        CHECK(assigned.privateKeyMatchesCertificate());
        CHECK(assigned.certificate().thumbprintHex() == corpus::sha1Of("ec256"));
        CertificateBundle moved = std::move(copy);
        CHECK(moved.privateKeyPkcs8Pem() == assigned.privateKeyPkcs8Pem());
    }

    TEST_CASE("a key that belongs to another certificate does not match") {
        const std::string mismatched = corpus::text("rsa4096.crt") + corpus::text("rsa2048.pkcs1.pem");
        const auto bundle = CertificateBundle::loadPem(mismatched);
        CHECK(bundle.hasPrivateKey());
        CHECK_FALSE(bundle.privateKeyMatchesCertificate());
    }
}
