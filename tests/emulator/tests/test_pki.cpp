// SPDX-License-Identifier: MIT
#include "test_pki.hpp"

#include "../crypto_util.hpp"
#include "../time_util.hpp"

#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace emutest {

TestCert::TestCert(const std::string& commonName) {
    key_ = EVP_RSA_gen(2048);
    cert_ = X509_new();
    if (key_ == nullptr || cert_ == nullptr) throw std::runtime_error("key generation failed");
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), static_cast<long>(emu::nowMillis() % 1000000007));
    X509_gmtime_adj(X509_getm_notBefore(cert_), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 86400);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    // Usages as a typical TLS/client certificate has them, so policies derived from it are full.
    for (const auto& [nid, value] : {std::pair{NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                     std::pair{NID_ext_key_usage, "serverAuth,clientAuth"}}) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert_, cert_, nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (ext == nullptr) throw std::runtime_error("extension failed");
        X509_add_ext(cert_, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(cert_, key_, EVP_sha256()) <= 0) throw std::runtime_error("signing failed");
}

TestCert::~TestCert() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
}

std::string TestCert::der() const {
    unsigned char* buf = nullptr;
    const int len = i2d_X509(cert_, &buf);
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    return out;
}

std::string TestCert::pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert_);
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

std::string TestCert::pfx(const std::string& password) const {
    PKCS12* p12 = PKCS12_create(password.c_str(), "test", key_, cert_, nullptr, 0, 0, 0, 0, 0);
    if (p12 == nullptr) throw std::runtime_error("PKCS12_create failed");
    unsigned char* buf = nullptr;
    const int len = i2d_PKCS12(p12, &buf);
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len));
    OPENSSL_free(buf);
    PKCS12_free(p12);
    return out;
}

std::string TestCert::issue(X509_REQ* request) const {
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(emu::nowMillis() % 1000000009));
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    EVP_PKEY* pub = X509_REQ_get_pubkey(request);
    X509_set_pubkey(cert, pub);
    EVP_PKEY_free(pub);
    X509_set_subject_name(cert, X509_REQ_get_subject_name(request));
    X509_set_issuer_name(cert, X509_get_subject_name(cert_));
    X509_sign(cert, key_, EVP_sha256());
    unsigned char* buf = nullptr;
    const int len = i2d_X509(cert, &buf);
    std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len > 0 ? len : 0));
    OPENSSL_free(buf);
    X509_free(cert);
    return out;
}

std::string TestCert::sha1Hex() const {
    return emu::toHex(emu::sha1(der()));
}

std::string TestCert::signRs256(const std::string& input) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t len = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
    EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string sig(len, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    sig.resize(len);
    return emu::base64UrlEncode(sig);
}

std::string makeAssertion(const TestCert& cert, const std::string& clientId, const std::string& aud,
                          long expOffsetSeconds, bool useSha1) {
    const std::string header = useSha1 ? R"({"alg":"RS256","typ":"JWT","x5t":")" +
                                             emu::base64UrlEncode(emu::sha1(cert.der())) + "\"}"
                                       : R"({"alg":"RS256","typ":"JWT","x5t#S256":")" +
                                             emu::base64UrlEncode(emu::sha256(cert.der())) + "\"}";
    const long now = static_cast<long>(emu::nowSeconds());
    const std::string payload = "{\"aud\":\"" + aud + "\",\"iss\":\"" + clientId + "\",\"sub\":\"" +
                                clientId + "\",\"jti\":\"" + std::to_string(now) +
                                "\",\"nbf\":" + std::to_string(now - 10) +
                                ",\"exp\":" + std::to_string(now + expOffsetSeconds) + "}";
    const std::string input = emu::base64UrlEncode(header) + "." + emu::base64UrlEncode(payload);
    return input + "." + cert.signRs256(input);
}

} // namespace emutest
