// SPDX-License-Identifier: MIT
#pragma once

// The emulator's throw-away PKI: a CA made at start and a server certificate it signs, whose
// names cover every host the emulator answers for.

#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace emu {

struct X509Deleter {
    void operator()(X509* p) const { X509_free(p); }
};
struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct TlsIdentity {
    X509Ptr caCert;
    PkeyPtr caKey;
    X509Ptr serverCert;
    PkeyPtr serverKey;
    std::string caPem;
};

// DER encoding of a certificate ("" on failure).
std::string x509Der(X509* cert);

// dnsNames become subjectAltName DNS entries; 127.0.0.1 is always added as an IP entry. With
// expired, the server certificate's validity ended a day ago (the CA stays valid).
TlsIdentity makeTlsIdentity(const std::vector<std::string>& dnsNames, bool expired = false);

} // namespace emu
