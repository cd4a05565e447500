// SPDX-License-Identifier: MIT
// Run by meson as a separate test with OPENSSL_MODULES pointing nowhere, so that OpenSSL's
// legacy provider cannot load (as on systems that do not ship it).
#include <kvbridge/pki/certificate_bundle.hpp>

#include <cstdlib>

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include "corpus.hpp"
#include "pki/legacy_provider.hpp"

using kvb::pki::CertificateBundle;

TEST_SUITE("pki::no-legacy-provider") {
    TEST_CASE("without the legacy provider an RC2 PFX fails as unsupported; AES still loads") {
        REQUIRE(std::getenv("KVB_EXPECT_NO_LEGACY") != nullptr);
        CHECK_FALSE(kvb::detail::ensureLegacyProvider());
        try {
            CertificateBundle::loadPfx(corpus::bytes("rsa2048-legacy.pfx"), corpus::password());
            FAIL("expected CryptoError");
        } catch (const kvb::CryptoError& e) {
            const std::string message = e.what();
            CHECK(message.find("unsupported algorithm") != std::string::npos);
            CHECK(message.find(corpus::kPassword) == std::string::npos);
        }
        // 3DES lives in the default provider, so only RC2 needs "legacy".
        CHECK(CertificateBundle::loadPfx(corpus::bytes("rsa2048-3des.pfx"), corpus::password())
                  .hasPrivateKey());
        CHECK(
            CertificateBundle::loadPfx(corpus::bytes("rsa2048-aes.pfx"), corpus::password()).hasPrivateKey());
    }
}
