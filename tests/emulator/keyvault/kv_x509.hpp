// SPDX-License-Identifier: MIT
#pragma once

// X.509, CSR, PKCS#12 and PEM handling for the certificates API (OpenSSL 3).

#include "kv_crypto.hpp"
#include "kv_json.hpp"

#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace emu::kv {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

// A private key and its certificates; chain[leaf] holds the key's certificate.
struct CertMaterial {
    Pkey key;
    std::vector<X509Ptr> chain;
    std::size_t leaf = 0;
};

// Throw 400 BadParameter on a wrong password, a PKCS#1 key or content that cannot be read.
CertMaterial parsePfx(const std::string& der, const std::string& password);
CertMaterial parsePem(const std::string& text);
// Put the leaf first unless the caller asked to keep the order given.
void orderChain(CertMaterial& m, bool preserveOrder);

std::string buildPfx(const CertMaterial& m); // no password, as the service hands it out
std::string buildPem(const CertMaterial& m); // PKCS#8 key, then the certificates
std::string pfxToPem(const std::string& pfx, const std::string& password);
std::string pemToPfx(const std::string& pem);

std::string certDer(X509* cert);
X509Ptr certFromDer(const std::string& der);
std::string thumbprintSha1(const std::string& der);

// Certificate and CSR from a policy's x509_props (subject, sans, key_usage, ekus,
// validity_months).
X509Ptr makeSelfSigned(EVP_PKEY* key, const Json& x509Props);
std::string makeCsrDer(EVP_PKEY* key, const Json& x509Props);

// subject (as "CN=..., O=..."), sans, nbf, exp and validity_months of a certificate.
struct CertFacts {
    std::string subject;
    Json sans;
    Json ekus = Json::array();     // OIDs of the extended key usage extension
    Json keyUsage = Json::array(); // names as in a policy's key_usage
    std::int64_t nbf = 0, exp = 0;
    int validityMonths = 12;
    bool ca = false; // basicConstraints cA
};
CertFacts certFacts(X509* cert);

} // namespace emu::kv
