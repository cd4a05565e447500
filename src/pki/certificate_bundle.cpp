// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate_bundle.hpp>

#include <fstream>
#include <iterator>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"
#include "pki/certificate_bundle_access.hpp"
#include "pki/chain_order.hpp"
#include "pki/x509_util.hpp"

namespace kvb::detail {

pki::CertificateBundle CertificateBundleAccess::make(std::vector<X509Ptr> certs, EvpPkeyPtr key) {
    if (certs.empty()) {
        throwCrypto("no certificate found");
    }
    auto impl = std::make_unique<pki::CertificateBundle::Impl>();
    for (auto& cert : orderLeafFirst(std::move(certs), key.get())) {
        impl->chain.push_back(pki::CertificateBuilder::fromX509(cert.get()));
    }
    impl->key = std::move(key);
    return pki::CertificateBundle(std::move(impl));
}

} // namespace kvb::detail

namespace kvb::pki {

CertificateBundle::CertificateBundle(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CertificateBundle::CertificateBundle(const CertificateBundle& other)
    : impl_(std::make_unique<Impl>(Impl{other.impl_->chain, detail::shareKey(other.impl_->key.get())})) {}

CertificateBundle::CertificateBundle(CertificateBundle&& other) noexcept = default;

CertificateBundle& CertificateBundle::operator=(const CertificateBundle& other) {
    if (this != &other) {
        *this = CertificateBundle(other);
    }
    return *this;
}

CertificateBundle& CertificateBundle::operator=(CertificateBundle&& other) noexcept = default;
CertificateBundle::~CertificateBundle() = default;

const Certificate& CertificateBundle::certificate() const noexcept {
    return impl_->chain.front();
}

const std::vector<Certificate>& CertificateBundle::chain() const noexcept {
    return impl_->chain;
}

bool CertificateBundle::hasPrivateKey() const noexcept {
    return impl_->key != nullptr;
}

KeyType CertificateBundle::keyType() const noexcept {
    if (!impl_->key) {
        return certificate().keyType();
    }
    return detail::keyTypeOf(impl_->key.get());
}

int CertificateBundle::keyBits() const noexcept {
    if (impl_->key) {
        return EVP_PKEY_get_bits(impl_->key.get());
    }
    try {
        auto leaf = detail::toX509(certificate());
        const EVP_PKEY* pub = X509_get0_pubkey(leaf.get());
        return pub != nullptr ? EVP_PKEY_get_bits(pub) : 0;
    } catch (const CryptoError&) {
        return 0;
    }
}

bool CertificateBundle::privateKeyMatchesCertificate() const noexcept {
    if (!impl_->key) {
        return false;
    }
    try {
        auto leaf = detail::toX509(certificate());
        return detail::publicKeyMatches(leaf.get(), impl_->key.get());
    } catch (...) {
        return false;
    }
}

SecretString CertificateBundle::privateKeyPkcs8Pem() const {
    if (!impl_->key) {
        detail::throwCrypto("no private key");
    }
    auto bio = detail::secretWriteBio();
    if (PEM_write_bio_PKCS8PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
        1) {
        detail::throwCrypto("cannot encode the private key as PKCS#8");
    }
    return SecretString(detail::bioContents(bio.get()));
}

std::string CertificateBundle::certificatesPem() const {
    std::string out;
    for (const auto& cert : impl_->chain) {
        out += cert.toPem();
    }
    return out;
}

SecretString CertificateBundle::toPem() const {
    SecretString certs(certificatesPem());
    if (!impl_->key) {
        return certs;
    }
    const SecretString key = privateKeyPkcs8Pem();
    std::string joined;
    joined.reserve(certs.size() + key.size());
    joined.append(certs.reveal());
    joined.append(key.reveal());
    return SecretString(std::move(joined));
}

ContainerFormat CertificateBundle::detectFormat(std::span<const std::uint8_t> bytes) {
    if (detail::looksLikePem(detail::asChars(bytes))) {
        return ContainerFormat::Pem;
    }
    // Both are DER SEQUENCEs; only a full parse tells them apart.
    const unsigned char* cursor = bytes.data();
    detail::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(bytes.size())));
    if (cert) {
        return ContainerFormat::Der;
    }
    cursor = bytes.data();
    detail::Pkcs12Ptr pfx(d2i_PKCS12(nullptr, &cursor, static_cast<long>(bytes.size())));
    if (pfx) {
        ERR_clear_error();
        return ContainerFormat::Pfx;
    }
    detail::throwCrypto("unrecognised format: not PEM, a DER certificate or a PKCS#12 file");
}

CertificateBundle CertificateBundle::load(std::span<const std::uint8_t> bytes, const SecretString& password) {
    switch (detectFormat(bytes)) {
    case ContainerFormat::Pem: return loadPem(detail::asChars(bytes), password);
    case ContainerFormat::Der: return loadDer(bytes);
    case ContainerFormat::Pfx: break;
    }
    return loadPfx(bytes, password);
}

CertificateBundle CertificateBundle::loadFile(const std::filesystem::path& path,
                                              const SecretString& password) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw InvalidArgument("cannot open " + path.string());
    }
    // Sized up front so no reallocation leaves unwiped copies of a PFX or key behind.
    const std::streamoff size = in.tellg();
    std::vector<std::uint8_t> raw(size > 0 ? static_cast<std::size_t>(size) : 0);
    in.seekg(0);
    if (size < 0 || !in.read(reinterpret_cast<char*>(raw.data()), size)) {
        secureWipe(raw.data(), raw.size());
        throw InvalidArgument("cannot read " + path.string());
    }
    const SecretBytes content(std::move(raw));
    return load(content.reveal(), password);
}

CertificateBundle CertificateBundle::loadDer(std::span<const std::uint8_t> bytes) {
    std::vector<detail::X509Ptr> certs;
    if (detail::looksLikePem(detail::asChars(bytes))) {
        certs = detail::readPemCertificates(detail::asChars(bytes));
    } else {
        certs.push_back(detail::toX509(Certificate::fromDer(bytes)));
    }
    return detail::CertificateBundleAccess::make(std::move(certs), nullptr);
}

} // namespace kvb::pki
