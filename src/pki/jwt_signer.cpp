// SPDX-License-Identifier: MIT
#include "pki/jwt_signer.hpp"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "pki/certificate_bundle_access.hpp"
#include "pki/x509_util.hpp"

namespace kvb::detail {
namespace {

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpensslDeleter<ECDSA_SIG_free>>;
using BnPtr = std::unique_ptr<BIGNUM, OpensslDeleter<BN_free>>;

struct AlgorithmTraits {
    const EVP_MD* digest;
    int keyId; // EVP_PKEY_RSA or EVP_PKEY_EC
    bool pss;
    std::size_t ecdsaHalf; // bytes of R and of S in the JWS form; 0 for RSA
};

AlgorithmTraits traitsOf(JwsAlgorithm algorithm) noexcept {
    switch (algorithm) {
    case JwsAlgorithm::Ps256: return {EVP_sha256(), EVP_PKEY_RSA, true, 0};
    case JwsAlgorithm::Es256: return {EVP_sha256(), EVP_PKEY_EC, false, 32};
    case JwsAlgorithm::Es384: return {EVP_sha384(), EVP_PKEY_EC, false, 48};
    case JwsAlgorithm::Rs256: break;
    }
    return {EVP_sha256(), EVP_PKEY_RSA, false, 0};
}

bool configurePadding(EVP_PKEY_CTX* ctx, const AlgorithmTraits& traits) noexcept {
    if (!traits.pss) {
        return true;
    }
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) > 0;
}

// ES256 means P-256 and ES384 P-384 (RFC 7518 3.4), not merely "some EC key".
bool keySuits(const EVP_PKEY* key, const AlgorithmTraits& traits) noexcept {
    if (EVP_PKEY_get_base_id(key) != traits.keyId) {
        return false;
    }
    return traits.ecdsaHalf == 0 || EVP_PKEY_get_bits(key) == static_cast<int>(traits.ecdsaHalf * 8);
}

// JWS carries ECDSA signatures as fixed-width big-endian R||S; OpenSSL speaks DER.
std::vector<std::uint8_t> derToJoseEcdsa(std::span<const std::uint8_t> der, std::size_t half) {
    const unsigned char* cursor = der.data();
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!sig) {
        throwCrypto("cannot decode the ECDSA signature");
    }
    std::vector<std::uint8_t> out(2 * half);
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out.data(), static_cast<int>(half)) < 0 ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out.data() + half, static_cast<int>(half)) < 0) {
        throwCrypto("cannot encode the ECDSA signature");
    }
    return out;
}

std::vector<std::uint8_t> joseToDerEcdsa(std::span<const std::uint8_t> jose) {
    const std::size_t half = jose.size() / 2;
    BnPtr r(BN_bin2bn(jose.data(), static_cast<int>(half), nullptr));
    BnPtr s(BN_bin2bn(jose.data() + half, static_cast<int>(half), nullptr));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
        throw std::bad_alloc();
    }
    r.release(); // owned by sig now
    s.release();
    const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
    std::vector<std::uint8_t> der(static_cast<std::size_t>(size > 0 ? size : 0));
    unsigned char* write = der.data();
    i2d_ECDSA_SIG(sig.get(), &write);
    return der;
}

} // namespace

std::string_view jwsAlgorithmName(JwsAlgorithm algorithm) noexcept {
    switch (algorithm) {
    case JwsAlgorithm::Ps256: return "PS256";
    case JwsAlgorithm::Es256: return "ES256";
    case JwsAlgorithm::Es384: return "ES384";
    case JwsAlgorithm::Rs256: break;
    }
    return "RS256";
}

std::vector<std::uint8_t> signJws(const pki::CertificateBundle& bundle, std::span<const std::uint8_t> data,
                                  JwsAlgorithm algorithm) {
    EVP_PKEY* key = CertificateBundleAccess::privateKey(bundle);
    if (key == nullptr) {
        throwCrypto("no private key to sign with");
    }
    const AlgorithmTraits traits = traitsOf(algorithm);
    if (!keySuits(key, traits)) {
        throwCrypto("the private key does not suit " + std::string(jwsAlgorithmName(algorithm)));
    }
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pkeyCtx = nullptr; // owned by ctx
    std::size_t size = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pkeyCtx, traits.digest, nullptr, key) != 1 ||
        !configurePadding(pkeyCtx, traits) ||
        EVP_DigestSign(ctx.get(), nullptr, &size, data.data(), data.size()) != 1) {
        throwCrypto("signing failed");
    }
    std::vector<std::uint8_t> signature(size);
    if (EVP_DigestSign(ctx.get(), signature.data(), &size, data.data(), data.size()) != 1) {
        throwCrypto("signing failed");
    }
    signature.resize(size);
    return traits.ecdsaHalf == 0 ? signature : derToJoseEcdsa(signature, traits.ecdsaHalf);
}

bool verifyJws(const pki::Certificate& certificate, std::span<const std::uint8_t> data,
               std::span<const std::uint8_t> signature, JwsAlgorithm algorithm) {
    auto cert = toX509(certificate);
    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    const AlgorithmTraits traits = traitsOf(algorithm);
    if (key == nullptr || !keySuits(key, traits) ||
        (traits.ecdsaHalf != 0 && signature.size() != 2 * traits.ecdsaHalf)) {
        ERR_clear_error();
        return false;
    }
    std::vector<std::uint8_t> derSignature;
    if (traits.ecdsaHalf != 0) {
        derSignature = joseToDerEcdsa(signature);
        signature = derSignature;
    }
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pkeyCtx = nullptr;
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), &pkeyCtx, traits.digest, nullptr, key) == 1 &&
        configurePadding(pkeyCtx, traits) &&
        EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size()) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace kvb::detail
