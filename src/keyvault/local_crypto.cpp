// SPDX-License-Identifier: MIT
#include "keyvault/local_crypto.hpp"

#include <kvbridge/error.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>
#include <string>

namespace kvb::keyvault {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using PkeyCtx = Owned<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using ParamBld = Owned<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using Params = Owned<OSSL_PARAM, OSSL_PARAM_free>;
using Bignum = Owned<BIGNUM, BN_free>;
using EcdsaSig = Owned<ECDSA_SIG, ECDSA_SIG_free>;

[[noreturn]] void fail(const std::string& what) {
    throw CryptoError("local " + what + " failed");
}

struct SignatureInfo {
    std::string_view name;
    const char* digest;
    std::size_t digestSize;
    int kind; // 0 RSA PKCS#1 v1.5, 1 RSA-PSS, 2 ECDSA
};

constexpr std::array<SignatureInfo, 10> kSignatures{{
    {"RS256", "SHA256", 32, 0},
    {"RS384", "SHA384", 48, 0},
    {"RS512", "SHA512", 64, 0},
    {"PS256", "SHA256", 32, 1},
    {"PS384", "SHA384", 48, 1},
    {"PS512", "SHA512", 64, 1},
    {"ES256", "SHA256", 32, 2},
    {"ES384", "SHA384", 48, 2},
    {"ES512", "SHA512", 64, 2},
    {"ES256K", "SHA256", 32, 2},
}};

const SignatureInfo* findSignature(std::string_view algorithm) noexcept {
    auto it = std::find_if(kSignatures.begin(), kSignatures.end(),
                           [&](const SignatureInfo& s) { return s.name == algorithm; });
    return it == kSignatures.end() ? nullptr : &*it;
}

const char* groupName(const std::string& crv) {
    if (crv == "P-256") return "prime256v1";
    if (crv == "P-384") return "secp384r1";
    if (crv == "P-521") return "secp521r1";
    if (crv == "P-256K") return "secp256k1";
    throw CryptoError("unsupported curve '" + crv + "'");
}

Bignum toBignum(std::span<const std::uint8_t> bytes) {
    Bignum bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!bn) fail("key import");
    return bn;
}

} // namespace

struct LocalPublicKey::Key {
    EVP_PKEY* pkey = nullptr;
    std::size_t coordinateSize = 0; // EC: bytes per r/s
    ~Key() { EVP_PKEY_free(pkey); }
};

LocalPublicKey::LocalPublicKey(const JsonWebKey& jwk) : key_(std::make_unique<Key>()) {
    const bool rsa = jwk.kty == KeyType::Rsa || jwk.kty == KeyType::RsaHsm;
    const bool ec = jwk.kty == KeyType::Ec || jwk.kty == KeyType::EcHsm;
    if (!rsa && !ec) throw CryptoError("local operations need an RSA or EC key");
    ParamBld bld(OSSL_PARAM_BLD_new());
    if (!bld) fail("key import");
    Bignum n, e;
    std::vector<std::uint8_t> point;
    if (rsa) {
        if (jwk.n.empty() || jwk.e.empty()) throw CryptoError("RSA key has no public part (n, e)");
        n = toBignum(jwk.n);
        e = toBignum(jwk.e);
        if (!OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
            !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
            fail("key import");
    } else {
        if (!jwk.crv || jwk.x.empty() || jwk.x.size() != jwk.y.size())
            throw CryptoError("EC key has no public part (crv, x, y)");
        key_->coordinateSize = jwk.x.size();
        point.push_back(0x04); // uncompressed point
        point.insert(point.end(), jwk.x.begin(), jwk.x.end());
        point.insert(point.end(), jwk.y.begin(), jwk.y.end());
        if (!OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, groupName(*jwk.crv), 0) ||
            !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()))
            fail("key import");
    }
    Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, rsa ? "RSA" : "EC", nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &key_->pkey, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        throw CryptoError("the JSON Web Key is not a valid public key");
    rsa_ = rsa;
}

LocalPublicKey::~LocalPublicKey() = default;

std::vector<std::uint8_t> LocalPublicKey::encrypt(std::string_view algorithm,
                                                  std::span<const std::uint8_t> data) const {
    if (!rsa_ || !isLocalEncryption(algorithm)) throw CryptoError("local encryption needs an RSA key");
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key_->pkey, nullptr));
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0) fail("encryption");
    const bool oaep = algorithm != "RSA1_5";
    if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), oaep ? RSA_PKCS1_OAEP_PADDING : RSA_PKCS1_PADDING) <= 0)
        fail("encryption");
    if (algorithm == "RSA-OAEP-256" &&
        (EVP_PKEY_CTX_set_rsa_oaep_md_name(ctx.get(), "SHA256", nullptr) <= 0 ||
         EVP_PKEY_CTX_set_rsa_mgf1_md_name(ctx.get(), "SHA256", nullptr) <= 0))
        fail("encryption");
    std::size_t size = 0;
    if (EVP_PKEY_encrypt(ctx.get(), nullptr, &size, data.data(), data.size()) <= 0) fail("encryption");
    std::vector<std::uint8_t> out(size);
    if (EVP_PKEY_encrypt(ctx.get(), out.data(), &size, data.data(), data.size()) <= 0)
        throw CryptoError("local encryption failed (input too long for the key?)");
    out.resize(size);
    return out;
}

bool LocalPublicKey::verify(std::string_view algorithm, std::span<const std::uint8_t> digest,
                            std::span<const std::uint8_t> signature) const {
    const auto* info = findSignature(algorithm);
    if (info == nullptr || !isLocalSignature(algorithm, rsa_))
        throw CryptoError("algorithm " + std::string(algorithm) + " does not fit this key");
    if (digest.size() != info->digestSize)
        throw InvalidArgument(std::string(algorithm) + " needs a " + std::to_string(info->digestSize) +
                              "-byte digest");
    std::vector<std::uint8_t> der;
    std::span<const std::uint8_t> sig = signature;
    if (info->kind == 2) {
        // JWS ECDSA signatures are r||s; OpenSSL wants DER.
        if (signature.size() != 2 * key_->coordinateSize) return false;
        EcdsaSig ecdsa(ECDSA_SIG_new());
        BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(key_->coordinateSize), nullptr);
        BIGNUM* s = BN_bin2bn(signature.data() + key_->coordinateSize, static_cast<int>(key_->coordinateSize),
                              nullptr);
        if (!ecdsa || !r || !s || ECDSA_SIG_set0(ecdsa.get(), r, s) != 1) {
            BN_free(r);
            BN_free(s);
            fail("verification");
        }
        const int len = i2d_ECDSA_SIG(ecdsa.get(), nullptr);
        if (len <= 0) fail("verification");
        der.resize(static_cast<std::size_t>(len));
        unsigned char* p = der.data();
        i2d_ECDSA_SIG(ecdsa.get(), &p);
        sig = der;
    }
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key_->pkey, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_get_digestbyname(info->digest)) <= 0)
        fail("verification");
    if (info->kind == 1 && (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) <= 0 ||
                            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) <= 0))
        fail("verification");
    if (info->kind == 0 && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0)
        fail("verification");
    return EVP_PKEY_verify(ctx.get(), sig.data(), sig.size(), digest.data(), digest.size()) == 1;
}

bool isLocalEncryption(std::string_view algorithm) noexcept {
    return algorithm == "RSA1_5" || algorithm == "RSA-OAEP" || algorithm == "RSA-OAEP-256";
}

bool isLocalSignature(std::string_view algorithm, bool rsaKey) noexcept {
    const auto* info = findSignature(algorithm);
    return info != nullptr && (info->kind == 2) != rsaKey;
}

std::size_t signatureDigestSize(std::string_view algorithm) {
    const auto* info = findSignature(algorithm);
    if (info == nullptr)
        throw InvalidArgument("unknown signature algorithm '" + std::string(algorithm) + "'");
    return info->digestSize;
}

std::vector<std::uint8_t> digestFor(std::string_view algorithm, std::span<const std::uint8_t> data) {
    const auto* info = findSignature(algorithm);
    if (info == nullptr)
        throw InvalidArgument("unknown signature algorithm '" + std::string(algorithm) + "'");
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_get_digestbyname(info->digest),
                   nullptr) != 1)
        fail("hashing");
    out.resize(size);
    return out;
}

} // namespace kvb::keyvault
