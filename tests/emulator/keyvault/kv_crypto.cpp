// SPDX-License-Identifier: MIT
#include "kv_crypto.hpp"

#include "kv_common.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <cstring>

namespace emu::kv {

namespace {

struct CtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;
struct BnFree {
    void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
struct MemBioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct CipherFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

[[noreturn]] void cryptoFailure(const char* what) {
    throw KvError(500, "InternalServerError", std::string("Cryptographic failure: ") + what);
}

const unsigned char* u8(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* u8(std::string& s) {
    return reinterpret_cast<unsigned char*>(s.data());
}

struct Curve {
    const char* jwk;
    const char* group;
    int bytes;
};
constexpr Curve kCurves[] = {
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
    {"P-256K", "secp256k1", 32},
};

const Curve* curveByJwk(const std::string& name) {
    for (const auto& c : kCurves)
        if (name == c.jwk) return &c;
    return nullptr;
}

const Curve* curveOf(EVP_PKEY* key) {
    char group[64] = {};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1)
        return nullptr;
    for (const auto& c : kCurves)
        if (std::strcmp(group, c.group) == 0) return &c;
    return nullptr;
}

std::string bnParam(EVP_PKEY* key, const char* name, int pad = 0) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return {};
    Bn bn(raw);
    int len = pad > 0 ? pad : BN_num_bytes(bn.get());
    std::string out(static_cast<std::size_t>(len), '\0');
    BN_bn2binpad(bn.get(), u8(out), len);
    return out;
}

Bn bnFromJwk(const Json& jwk, const char* field, bool required) {
    std::string raw = decodeField(jwk, field, required);
    if (raw.empty()) {
        if (required) badParameter(std::string("The JSON web key member '") + field + "' is empty.");
        return nullptr;
    }
    Bn bn(BN_bin2bn(u8(raw), static_cast<int>(raw.size()), nullptr));
    wipe(raw);
    return bn;
}

const EVP_MD* mdForAlg(const std::string& alg) {
    std::string bits = alg.size() >= 5 ? alg.substr(2, 3) : "";
    if (bits == "256") return EVP_sha256();
    if (bits == "384") return EVP_sha384();
    if (bits == "512") return EVP_sha512();
    return nullptr;
}

} // namespace

Pkey generateRsa(int bits, unsigned long exponent) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    Bn e(BN_new());
    EVP_PKEY* raw = nullptr;
    if (!ctx || !e || BN_set_word(e.get(), exponent) != 1 || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
        EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), e.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
        badParameter("The RSA key parameters are not valid.");
    return Pkey(raw);
}

Pkey generateEc(const std::string& jwkName) {
    const Curve* c = curveByJwk(jwkName);
    if (c == nullptr) badParameter("The curve '" + jwkName + "' is not supported.");
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", c->group);
    if (raw == nullptr) cryptoFailure("EC key generation");
    return Pkey(raw);
}

std::string pkeyToPem(EVP_PKEY* key) {
    std::unique_ptr<BIO, MemBioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        cryptoFailure("private key encoding");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    std::string out(data, static_cast<std::size_t>(len));
    OPENSSL_cleanse(data, static_cast<std::size_t>(len));
    return out;
}

Pkey pkeyFromPem(const std::string& pem) {
    std::unique_ptr<BIO, MemBioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    EVP_PKEY* raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (raw == nullptr) cryptoFailure("stored key unreadable");
    return Pkey(raw);
}

bool isRsa(EVP_PKEY* key) {
    return EVP_PKEY_is_a(key, "RSA") == 1;
}
int rsaBits(EVP_PKEY* key) {
    return EVP_PKEY_get_bits(key);
}

std::string jwkCurve(EVP_PKEY* key) {
    const Curve* c = curveOf(key);
    return c == nullptr ? std::string() : c->jwk;
}

Json publicJwk(EVP_PKEY* key) {
    Json jwk = Json::object();
    if (isRsa(key)) {
        jwk["n"] = base64url(bnParam(key, OSSL_PKEY_PARAM_RSA_N));
        jwk["e"] = base64url(bnParam(key, OSSL_PKEY_PARAM_RSA_E));
        return jwk;
    }
    const Curve* c = curveOf(key);
    if (c == nullptr) badParameter("The key type is not supported.");
    jwk["crv"] = c->jwk;
    jwk["x"] = base64url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, c->bytes));
    jwk["y"] = base64url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, c->bytes));
    return jwk;
}

void addPrivateJwk(EVP_PKEY* key, Json& jwk) {
    auto put = [&](const char* field, std::string raw) {
        if (!raw.empty()) jwk[field] = base64url(raw);
        wipe(raw);
    };
    if (isRsa(key)) {
        put("d", bnParam(key, OSSL_PKEY_PARAM_RSA_D));
        put("p", bnParam(key, OSSL_PKEY_PARAM_RSA_FACTOR1));
        put("q", bnParam(key, OSSL_PKEY_PARAM_RSA_FACTOR2));
        put("dp", bnParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT1));
        put("dq", bnParam(key, OSSL_PKEY_PARAM_RSA_EXPONENT2));
        put("qi", bnParam(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
        return;
    }
    const Curve* c = curveOf(key);
    if (c != nullptr) put("d", bnParam(key, OSSL_PKEY_PARAM_PRIV_KEY, c->bytes));
}

Pkey pkeyFromJwk(const Json& jwk) {
    std::string kty = jwk.str("kty").value_or("");
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
    std::vector<Bn> keep;
    std::string point;
    const char* type = nullptr;
    if (kty == "RSA" || kty == "RSA-HSM") {
        type = "RSA";
        const std::pair<const char*, const char*> members[] = {
            {"n", OSSL_PKEY_PARAM_RSA_N},          {"e", OSSL_PKEY_PARAM_RSA_E},
            {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
            {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
            {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
        bool crt = jwk.has("p") && jwk.has("q") && jwk.has("dp") && jwk.has("dq") && jwk.has("qi");
        for (std::size_t i = 0; i < (crt ? 8u : 3u); ++i) {
            keep.push_back(bnFromJwk(jwk, members[i].first, true));
            OSSL_PARAM_BLD_push_BN(bld.get(), members[i].second, keep.back().get());
        }
    } else if (kty == "EC" || kty == "EC-HSM") {
        type = "EC";
        const Curve* c = curveByJwk(jwk.str("crv").value_or(""));
        if (c == nullptr) badParameter("The JSON web key has a missing or unsupported 'crv'.");
        std::string x = decodeField(jwk, "x"), y = decodeField(jwk, "y");
        if (x.size() != static_cast<std::size_t>(c->bytes) || y.size() != static_cast<std::size_t>(c->bytes))
            badParameter("The JSON web key coordinates do not match the curve.");
        point = std::string(1, '\x04') + x + y;
        OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, c->group, 0);
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
        keep.push_back(bnFromJwk(jwk, "d", true));
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, keep.back().get());
    } else {
        badParameter("The JSON web key type '" + kty + "' cannot be imported here.");
    }
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                   OSSL_PARAM_free);
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) != 1)
        badParameter("The JSON web key is not a valid private key.");
    Pkey key(raw);
    PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || (std::string(type) == "EC" && EVP_PKEY_pairwise_check(check.get()) != 1))
        badParameter("The JSON web key's private and public parts do not match.");
    return key;
}

bool isRsaCipher(const std::string& alg) {
    return alg == "RSA1_5" || alg == "RSA-OAEP" || alg == "RSA-OAEP-256";
}

namespace {

void setRsaPadding(EVP_PKEY_CTX* ctx, const std::string& alg) {
    bool ok = false;
    if (alg == "RSA1_5") {
        ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    } else if (alg == "RSA-OAEP") {
        ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1;
    } else if (alg == "RSA-OAEP-256") {
        ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) == 1 &&
             EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) == 1;
    }
    if (!ok) badParameter("The algorithm '" + alg + "' is not valid for an RSA key.");
}

std::string rsaCipher(EVP_PKEY* key, const std::string& alg, const std::string& data, bool encrypt) {
    if (!isRsa(key)) badParameter("The algorithm '" + alg + "' needs an RSA key.");
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || (encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get())) != 1)
        cryptoFailure("RSA context");
    setRsaPadding(ctx.get(), alg);
    std::size_t len = 0;
    auto run = [&](unsigned char* out) {
        return encrypt ? EVP_PKEY_encrypt(ctx.get(), out, &len, u8(data), data.size())
                       : EVP_PKEY_decrypt(ctx.get(), out, &len, u8(data), data.size());
    };
    if (run(nullptr) != 1) badParameter("The data cannot be processed with this key and algorithm.");
    std::string out(len, '\0');
    if (run(u8(out)) != 1) {
        wipe(out);
        badParameter(encrypt ? "The data is too long for this key and algorithm." : "Decryption failed.");
    }
    out.resize(len);
    return out;
}

} // namespace

std::string rsaEncrypt(EVP_PKEY* key, const std::string& alg, const std::string& data) {
    return rsaCipher(key, alg, data, true);
}

std::string rsaDecrypt(EVP_PKEY* key, const std::string& alg, const std::string& data) {
    return rsaCipher(key, alg, data, false);
}

namespace {

// The EC curve an ES algorithm requires, and the digest length any algorithm requires.
void checkSignAlg(EVP_PKEY* key, const std::string& alg, const std::string& digest) {
    const EVP_MD* md = mdForAlg(alg);
    bool rsaAlg = alg.rfind("RS", 0) == 0 || alg.rfind("PS", 0) == 0;
    bool ecAlg = alg.rfind("ES", 0) == 0;
    if (md == nullptr || (!rsaAlg && !ecAlg)) badParameter("The algorithm '" + alg + "' is not supported.");
    if (rsaAlg != isRsa(key)) badParameter("The algorithm '" + alg + "' does not match the key type.");
    if (ecAlg) {
        std::string want = alg == "ES256"   ? "P-256"
                           : alg == "ES384" ? "P-384"
                           : alg == "ES512" ? "P-521"
                                            : "P-256K";
        if (jwkCurve(key) != want)
            badParameter("The algorithm '" + alg + "' does not match the key's curve.");
    }
    if (digest.size() != static_cast<std::size_t>(EVP_MD_get_size(md)))
        badParameter("The digest length does not match the algorithm '" + alg + "'.");
}

PkeyCtx signCtx(EVP_PKEY* key, const std::string& alg, bool sign) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!ctx || (sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get())) != 1)
        cryptoFailure("signature context");
    if (isRsa(key)) {
        bool pss = alg[0] == 'P';
        if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) != 1 ||
            EVP_PKEY_CTX_set_signature_md(ctx.get(), mdForAlg(alg)) != 1 ||
            (pss && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) != 1))
            cryptoFailure("signature parameters");
    }
    return ctx;
}

} // namespace

std::string signDigest(EVP_PKEY* key, const std::string& alg, const std::string& digest) {
    checkSignAlg(key, alg, digest);
    PkeyCtx ctx = signCtx(key, alg, true);
    std::size_t len = 0;
    if (EVP_PKEY_sign(ctx.get(), nullptr, &len, u8(digest), digest.size()) != 1) cryptoFailure("sign");
    std::string sig(len, '\0');
    if (EVP_PKEY_sign(ctx.get(), u8(sig), &len, u8(digest), digest.size()) != 1) cryptoFailure("sign");
    sig.resize(len);
    if (isRsa(key)) return sig;
    const unsigned char* p = u8(sig);
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> es(
        d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)), ECDSA_SIG_free);
    if (!es) cryptoFailure("ECDSA signature");
    int n = curveOf(key)->bytes;
    std::string raw(static_cast<std::size_t>(2 * n), '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es.get()), u8(raw), n);
    BN_bn2binpad(ECDSA_SIG_get0_s(es.get()), u8(raw) + n, n);
    return raw;
}

bool verifyDigest(EVP_PKEY* key, const std::string& alg, const std::string& digest,
                  const std::string& signature) {
    // A digest of the wrong length cannot match: verification fails rather than the request.
    const EVP_MD* md = mdForAlg(alg);
    if (md != nullptr && digest.size() != static_cast<std::size_t>(EVP_MD_get_size(md))) return false;
    checkSignAlg(key, alg, digest);
    std::string der = signature;
    if (!isRsa(key)) {
        int n = curveOf(key)->bytes;
        if (signature.size() != static_cast<std::size_t>(2 * n)) return false;
        std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> es(ECDSA_SIG_new(), ECDSA_SIG_free);
        BIGNUM* r = BN_bin2bn(u8(signature), n, nullptr);
        BIGNUM* s = BN_bin2bn(u8(signature) + n, n, nullptr);
        if (!es || ECDSA_SIG_set0(es.get(), r, s) != 1) {
            BN_free(r);
            BN_free(s);
            cryptoFailure("ECDSA signature");
        }
        int len = i2d_ECDSA_SIG(es.get(), nullptr);
        der.assign(static_cast<std::size_t>(len), '\0');
        unsigned char* p = u8(der);
        i2d_ECDSA_SIG(es.get(), &p);
    }
    PkeyCtx ctx = signCtx(key, alg, false);
    return EVP_PKEY_verify(ctx.get(), u8(der), der.size(), u8(digest), digest.size()) == 1;
}

namespace {

struct SymAlg {
    int bits;
    std::string mode; // GCM, CBC, CBCPAD
};

std::optional<SymAlg> parseSym(const std::string& alg) {
    if (alg.size() < 7 || alg[0] != 'A') return std::nullopt;
    std::string bits = alg.substr(1, 3), mode = alg.substr(4);
    if ((bits != "128" && bits != "192" && bits != "256") ||
        (mode != "GCM" && mode != "CBC" && mode != "CBCPAD"))
        return std::nullopt;
    return SymAlg{std::stoi(bits), mode};
}

const EVP_CIPHER* symCipher(const SymAlg& a) {
    if (a.mode == "GCM")
        return a.bits == 128 ? EVP_aes_128_gcm() : a.bits == 192 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
    return a.bits == 128 ? EVP_aes_128_cbc() : a.bits == 192 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
}

SymAlg checkSym(const std::string& key, const std::string& alg) {
    auto a = parseSym(alg);
    if (!a) badParameter("The algorithm '" + alg + "' is not supported for an oct key.");
    if (key.size() * 8 != static_cast<std::size_t>(a->bits))
        badParameter("The algorithm '" + alg + "' does not match the key size.");
    return *a;
}

} // namespace

bool isSymCipher(const std::string& alg) {
    return parseSym(alg).has_value();
}

SymResult symEncrypt(const std::string& key, const std::string& alg, const std::string& data, std::string iv,
                     const std::string& aad) {
    SymAlg a = checkSym(key, alg);
    bool gcm = a.mode == "GCM";
    if (iv.empty()) iv = randomBytes(gcm ? 12 : 16);
    if (!gcm && iv.size() != 16) badParameter("The 'iv' must be 16 bytes for " + alg + ".");
    if (!gcm && a.mode == "CBC" && data.size() % 16 != 0)
        badParameter("The data length must be a multiple of 16 bytes for " + alg + ".");
    CipherCtx c(EVP_CIPHER_CTX_new());
    int len = 0, fin = 0;
    std::string out(data.size() + 32, '\0');
    bool ok = c && EVP_EncryptInit_ex(c.get(), symCipher(a), nullptr, nullptr, nullptr) == 1 &&
              (!gcm || EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()),
                                           nullptr) == 1) &&
              EVP_EncryptInit_ex(c.get(), nullptr, nullptr, u8(key), u8(iv)) == 1 &&
              EVP_CIPHER_CTX_set_padding(c.get(), a.mode == "CBCPAD" ? 1 : 0) == 1 &&
              (!gcm || aad.empty() ||
               EVP_EncryptUpdate(c.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1) &&
              EVP_EncryptUpdate(c.get(), u8(out), &len, u8(data), static_cast<int>(data.size())) == 1 &&
              EVP_EncryptFinal_ex(c.get(), u8(out) + len, &fin) == 1;
    if (!ok) cryptoFailure("symmetric encryption");
    out.resize(static_cast<std::size_t>(len + fin));
    SymResult r{out, iv, {}, {}};
    if (gcm) {
        r.tag.assign(16, '\0');
        if (EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, 16, u8(r.tag)) != 1) cryptoFailure("GCM tag");
        r.aad = aad;
    }
    return r;
}

std::string symDecrypt(const std::string& key, const std::string& alg, const std::string& data,
                       const std::string& iv, const std::string& aad, const std::string& tag) {
    SymAlg a = checkSym(key, alg);
    bool gcm = a.mode == "GCM";
    if (iv.empty()) badParameter("The parameter 'iv' is required for " + alg + ".");
    if (gcm && tag.empty()) badParameter("The parameter 'tag' is required for " + alg + ".");
    CipherCtx c(EVP_CIPHER_CTX_new());
    int len = 0, fin = 0;
    std::string out(data.size() + 32, '\0');
    std::string t = tag;
    bool ok =
        c && EVP_DecryptInit_ex(c.get(), symCipher(a), nullptr, nullptr, nullptr) == 1 &&
        (!gcm ||
         EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr) == 1) &&
        (gcm || iv.size() == 16) && EVP_DecryptInit_ex(c.get(), nullptr, nullptr, u8(key), u8(iv)) == 1 &&
        EVP_CIPHER_CTX_set_padding(c.get(), a.mode == "CBCPAD" ? 1 : 0) == 1 &&
        (!gcm || aad.empty() ||
         EVP_DecryptUpdate(c.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1) &&
        EVP_DecryptUpdate(c.get(), u8(out), &len, u8(data), static_cast<int>(data.size())) == 1 &&
        (!gcm ||
         EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(t.size()), u8(t)) == 1) &&
        EVP_DecryptFinal_ex(c.get(), u8(out) + len, &fin) == 1;
    if (!ok) {
        wipe(out);
        badParameter("Decryption failed: the ciphertext, iv, aad or tag is not valid for this key.");
    }
    out.resize(static_cast<std::size_t>(len + fin));
    return out;
}

bool isAesWrap(const std::string& alg) {
    return alg == "A128KW" || alg == "A192KW" || alg == "A256KW" || alg == "A128KWPAD" ||
           alg == "A192KWPAD" || alg == "A256KWPAD" || alg == "CKM_AES_KEY_WRAP" ||
           alg == "CKM_AES_KEY_WRAP_PAD";
}

std::string aesWrap(const std::string& key, const std::string& alg, const std::string& data, bool wrap) {
    bool pad = alg.size() > 3 && alg.substr(alg.size() - 3) == "PAD";
    std::size_t bits = key.size() * 8;
    if (alg[0] == 'A' && std::to_string(bits) != alg.substr(1, 3))
        badParameter("The algorithm '" + alg + "' does not match the key size.");
    const EVP_CIPHER* cipher = nullptr;
    if (bits == 128) cipher = pad ? EVP_aes_128_wrap_pad() : EVP_aes_128_wrap();
    if (bits == 192) cipher = pad ? EVP_aes_192_wrap_pad() : EVP_aes_192_wrap();
    if (bits == 256) cipher = pad ? EVP_aes_256_wrap_pad() : EVP_aes_256_wrap();
    if (cipher == nullptr) badParameter("The key size is not valid for AES key wrap.");
    if (!pad && (data.size() % 8 != 0 || data.size() < (wrap ? 16u : 24u)))
        badParameter("The data length is not valid for " + alg + ".");
    CipherCtx c(EVP_CIPHER_CTX_new());
    if (!c) cryptoFailure("key wrap context");
    EVP_CIPHER_CTX_set_flags(c.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    std::string out(data.size() + 16, '\0');
    int len = 0, fin = 0;
    bool ok = EVP_CipherInit_ex(c.get(), cipher, nullptr, u8(key), nullptr, wrap ? 1 : 0) == 1 &&
              EVP_CipherUpdate(c.get(), u8(out), &len, u8(data), static_cast<int>(data.size())) == 1 &&
              EVP_CipherFinal_ex(c.get(), u8(out) + len, &fin) == 1;
    if (!ok) {
        wipe(out);
        badParameter(wrap ? "Key wrap failed."
                          : "Key unwrap failed: the wrapped key is not valid for this key.");
    }
    out.resize(static_cast<std::size_t>(len + fin));
    return out;
}

std::string sha256(const std::string& data) {
    std::string out(SHA256_DIGEST_LENGTH, '\0');
    SHA256(u8(data), data.size(), u8(out));
    return out;
}

std::string hmacSha256(const std::string& key, const std::string& data) {
    std::string out(32, '\0');
    std::size_t len = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(), u8(data), data.size(),
                  u8(out), out.size(), &len) == nullptr)
        cryptoFailure("HMAC");
    return out;
}

} // namespace emu::kv
