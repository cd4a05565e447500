// SPDX-License-Identifier: MIT
// Loading and signing go through kvb::pki (PEM/PFX loading, JWS signing); this file only shapes
// the client assertion.
#include "identity/signing_certificate.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <openssl/rand.h>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "pki/digest.hpp"
#include "pki/jwt_signer.hpp"

namespace kvb::identity {

using kvb::detail::asBytes;
using kvb::detail::base64Encode;
using kvb::detail::base64UrlEncode;

struct SigningCertificate::Impl {
    pki::CertificateBundle bundle;
};

SigningCertificate::SigningCertificate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    const auto& der = impl_->bundle.certificate().der();
    x5t_ = base64UrlEncode(kvb::detail::sha1(der));
    x5tS256_ = base64UrlEncode(kvb::detail::sha256(der));
}

SigningCertificate::~SigningCertificate() = default;

namespace {
std::shared_ptr<const SigningCertificate>
checked(pki::CertificateBundle bundle, std::unique_ptr<SigningCertificate> (*make)(pki::CertificateBundle)) {
    if (!bundle.hasPrivateKey()) throw CryptoError("the certificate file holds no private key");
    if (bundle.keyType() != pki::KeyType::Rsa)
        throw CryptoError("the private key is not RSA (RS256 needs RSA)");
    if (!bundle.privateKeyMatchesCertificate())
        throw CryptoError("the private key does not belong to the certificate");
    return make(std::move(bundle));
}
} // namespace

std::unique_ptr<SigningCertificate> SigningCertificate::wrap(pki::CertificateBundle bundle) {
    return std::unique_ptr<SigningCertificate>(
        new SigningCertificate(std::make_unique<Impl>(Impl{std::move(bundle)})));
}

std::shared_ptr<const SigningCertificate> SigningCertificate::load(const SecretBytes& data,
                                                                   const SecretString& password) {
    return checked(pki::CertificateBundle::load(data.reveal(), password), &SigningCertificate::wrap);
}

std::shared_ptr<const SigningCertificate> SigningCertificate::loadFile(const std::string& path,
                                                                       const SecretString& password) {
    return checked(pki::CertificateBundle::loadFile(path, password), &SigningCertificate::wrap);
}

std::string SigningCertificate::makeAssertion(const std::string& clientId, const std::string& audience,
                                              bool includeChain,
                                              std::chrono::system_clock::time_point now) const {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    kvb::detail::JsonWriter header;
    header.startObject()
        .member("alg", "RS256")
        .member("typ", "JWT")
        .member("x5t", x5t_)
        .member("x5t#S256", x5tS256_);
    if (includeChain) {
        header.key("x5c").startArray();
        for (const auto& cert : impl_->bundle.chain()) header.value(base64Encode(cert.der()));
        header.endArray();
    }
    header.endObject();
    kvb::detail::JsonWriter claims;
    claims.startObject()
        .member("aud", audience)
        .member("iss", clientId)
        .member("sub", clientId)
        .member("jti", newUuid())
        .member("nbf", static_cast<std::int64_t>(seconds))
        .member("iat", static_cast<std::int64_t>(seconds))
        .member("exp", static_cast<std::int64_t>(seconds + 600))
        .endObject();
    std::string input = base64UrlEncode(header.view()) + "." + base64UrlEncode(claims.view());
    const auto signature =
        kvb::detail::signJws(impl_->bundle, asBytes(input), kvb::detail::JwsAlgorithm::Rs256);
    return input + "." + base64UrlEncode(signature);
}

std::string newUuid() {
    std::uint8_t b[16];
    if (RAND_bytes(b, sizeof b) != 1) throw CryptoError("no random bytes");
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 15];
    }
    return out;
}

} // namespace kvb::identity
