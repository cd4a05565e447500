// SPDX-License-Identifier: MIT
#pragma once

// OpenSSL 3 work behind the keys API: key generation, JWK conversion and the cryptographic
// operations. Bad input throws KvError (400 BadParameter); secrets are wiped after use.

#include "kv_json.hpp"

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace emu::kv {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey generateRsa(int bits, unsigned long exponent);
Pkey generateEc(const std::string& jwkCurve); // "P-256", "P-384", "P-521", "P-256K"

std::string pkeyToPem(EVP_PKEY* key); // PKCS#8, unencrypted
Pkey pkeyFromPem(const std::string& pem);
bool isRsa(EVP_PKEY* key);
int rsaBits(EVP_PKEY* key);
std::string jwkCurve(EVP_PKEY* key); // empty when not a supported curve

// Public members of the JWK (kty not included): n/e or crv/x/y.
Json publicJwk(EVP_PKEY* key);
// Private members added to a public JWK (d, p, q, dp, dq, qi for RSA; d for EC).
void addPrivateJwk(EVP_PKEY* key, Json& jwk);
// Key from a JWK with private members; throws 400 when members are missing or inconsistent.
Pkey pkeyFromJwk(const Json& jwk);

// RSA1_5, RSA-OAEP, RSA-OAEP-256.
std::string rsaEncrypt(EVP_PKEY* key, const std::string& alg, const std::string& data);
std::string rsaDecrypt(EVP_PKEY* key, const std::string& alg, const std::string& data);
bool isRsaCipher(const std::string& alg);

// RS*/PS* on RSA keys, ES* on EC keys; value is the digest; ES signatures are raw R||S.
std::string signDigest(EVP_PKEY* key, const std::string& alg, const std::string& digest);
bool verifyDigest(EVP_PKEY* key, const std::string& alg, const std::string& digest,
                  const std::string& signature);

// Symmetric operations for oct keys.
struct SymResult {
    std::string value, iv, tag, aad;
};
// alg: A{128,192,256}{GCM,CBC,CBCPAD}; iv chosen when empty (GCM and CBC both need one).
SymResult symEncrypt(const std::string& key, const std::string& alg, const std::string& data, std::string iv,
                     const std::string& aad);
std::string symDecrypt(const std::string& key, const std::string& alg, const std::string& data,
                       const std::string& iv, const std::string& aad, const std::string& tag);
bool isSymCipher(const std::string& alg);
// A{128,192,256}KW[PAD], CKM_AES_KEY_WRAP[_PAD] (RFC 3394 / 5649).
std::string aesWrap(const std::string& key, const std::string& alg, const std::string& data, bool wrap);
bool isAesWrap(const std::string& alg);

std::string sha256(const std::string& data);
std::string hmacSha256(const std::string& key, const std::string& data);

} // namespace emu::kv
