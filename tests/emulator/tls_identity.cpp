// SPDX-License-Identifier: MIT
#include "tls_identity.hpp"

#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace emu {

namespace {

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("TLS setup failed: ") + what);
}

PkeyPtr makeEcKey() {
    PkeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EC key generation");
    return key;
}

void addExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

X509Ptr makeCert(const char* commonName, EVP_PKEY* key, X509* issuer) {
    X509Ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 30);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("kvbridge-emulator"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(commonName),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    return cert;
}

} // namespace

std::string x509Der(X509* cert) {
    unsigned char* buf = nullptr;
    const int len = i2d_X509(cert, &buf);
    if (len <= 0) return {};
    std::string der(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return der;
}

TlsIdentity makeTlsIdentity(const std::vector<std::string>& dnsNames, bool expired) {
    TlsIdentity id;
    id.caKey = makeEcKey();
    id.caCert = makeCert("kvbridge-emulator CA", id.caKey.get(), nullptr);
    addExtension(id.caCert.get(), id.caCert.get(), NID_basic_constraints, "critical,CA:TRUE");
    addExtension(id.caCert.get(), id.caCert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    addExtension(id.caCert.get(), id.caCert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(id.caCert.get(), id.caKey.get(), EVP_sha256()) > 0, "CA signature");

    id.serverKey = makeEcKey();
    id.serverCert = makeCert("localhost", id.serverKey.get(), id.caCert.get());
    if (expired) {
        X509_gmtime_adj(X509_getm_notBefore(id.serverCert.get()), -2L * 24 * 3600);
        X509_gmtime_adj(X509_getm_notAfter(id.serverCert.get()), -1L * 24 * 3600);
    }
    std::string san;
    for (const auto& n : dnsNames) san += "DNS:" + n + ",";
    san += "IP:127.0.0.1";
    addExtension(id.serverCert.get(), id.caCert.get(), NID_subject_alt_name, san);
    addExtension(id.serverCert.get(), id.caCert.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(id.serverCert.get(), id.caCert.get(), NID_key_usage,
                 "critical,digitalSignature,keyAgreement");
    addExtension(id.serverCert.get(), id.caCert.get(), NID_ext_key_usage, "serverAuth");
    addExtension(id.serverCert.get(), id.caCert.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(id.serverCert.get(), id.caKey.get(), EVP_sha256()) > 0, "server signature");

    BIO* bio = BIO_new(BIO_s_mem());
    check(bio != nullptr && PEM_write_bio_X509(bio, id.caCert.get()) == 1, "PEM");
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    id.caPem.assign(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return id;
}

} // namespace emu
