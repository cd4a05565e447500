// SPDX-License-Identifier: MIT
// Certificate containers: format detection, PFX/PKCS#12 (no password and a wrong one, and its
// certificate bags read without the password), PEM (certificates and plain or encrypted keys),
// DER, and single certificates.

#include <kvbridge/pki/certificate.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>
#include <kvbridge/secret_string.hpp>

#include "fuzz_support.hpp"
#include "pki/pfx_certificates.hpp"

namespace pki = kvb::pki;

namespace {

void inspect(const pki::Certificate& cert) {
    cert.thumbprintHex();
    cert.x5t();
    cert.x5tS256();
    cert.toPem();
}

// What callers do with a loaded bundle: thumbprints, key checks, re-export.
void inspect(const pki::CertificateBundle& bundle) {
    if (bundle.chain().empty()) __builtin_trap(); // a loaded bundle always has its leaf
    for (const auto& cert : bundle.chain()) inspect(cert);
    bundle.keyType();
    bundle.keyBits();
    if (bundle.hasPrivateKey()) {
        bundle.privateKeyMatchesCertificate();
        bundle.toPem();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kvb::fuzz::tolerateTypedErrors;
    const std::span<const std::uint8_t> bytes(data, size);
    const auto text = kvb::fuzz::asText(data, size);
    const kvb::SecretString password("fuzz-password");
    tolerateTypedErrors([&] { pki::CertificateBundle::detectFormat(bytes); });
    tolerateTypedErrors([&] { inspect(pki::CertificateBundle::load(bytes)); });
    tolerateTypedErrors([&] { inspect(pki::CertificateBundle::loadPfx(bytes, password)); });
    tolerateTypedErrors([&] {
        // What the key material scan reads from a PKCS#12 that does not open.
        for (const auto& cert : kvb::detail::readPfxCertificatesWithoutPassword(bytes).chain) inspect(cert);
    });
    tolerateTypedErrors([&] { inspect(pki::CertificateBundle::loadPem(text, password)); });
    tolerateTypedErrors([&] { inspect(pki::CertificateBundle::loadDer(bytes)); });
    tolerateTypedErrors([&] { inspect(pki::Certificate::fromDer(bytes)); });
    tolerateTypedErrors([&] { inspect(pki::Certificate::fromPem(text)); });
    return 0;
}
