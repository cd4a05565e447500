// SPDX-License-Identifier: MIT
#include "test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

#include "core/encoding.hpp"

namespace kvb::test {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using P12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

template <class T, int (*I2d)(T*, unsigned char**)>
std::vector<std::uint8_t> encode(T* object) {
    const int size = I2d(object, nullptr);
    check(size > 0, "encode");
    std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
    unsigned char* p = out.data();
    I2d(object, &p);
    return out;
}

} // namespace

TestCertificate makeTestCertificate(const std::string& commonName, const std::string& password) {
    KeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "keygen");
    CertPtr cert(X509_new());
    check(cert != nullptr, "x509");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * 30);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");

    TestCertificate out;
    out.password = password;
    out.der = encode<X509, i2d_X509>(cert.get());
    P12Ptr p12(
        PKCS12_create(password.c_str(), commonName.c_str(), key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0));
    check(p12 != nullptr, "pkcs12");
    out.pfx = SecretBytes(encode<PKCS12, i2d_PKCS12>(p12.get()));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    check(X509_digest(cert.get(), EVP_sha1(), digest, &length) == 1, "digest");
    out.thumbprint = kvb::detail::hexEncode({digest, length});
    return out;
}

} // namespace kvb::test
