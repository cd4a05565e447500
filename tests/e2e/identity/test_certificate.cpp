// SPDX-License-Identifier: MIT
#include "test_certificate.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace kvb::test {

namespace {

struct BioText {
    BIO* bio = BIO_new(BIO_s_mem());
    ~BioText() { BIO_free(bio); }
    std::string text() const {
        char* data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        return std::string(data, static_cast<std::size_t>(n));
    }
};

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

} // namespace

TestCertificate makeTestCertificate(const std::string& commonName, const std::string& password) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
    check(key != nullptr, "key");
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");

    TestCertificate out;
    {
        BioText b;
        PEM_write_bio_X509(b.bio, cert.get());
        out.certificatePem = b.text();
    }
    {
        BioText b;
        PEM_write_bio_PKCS8PrivateKey(b.bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        out.pkcs8KeyPem = b.text();
    }
    {
        BioText b;
        PEM_write_bio_PrivateKey_traditional(b.bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        out.pkcs1KeyPem = b.text();
    }
    {
        BioText b;
        PEM_write_bio_PKCS8PrivateKey(b.bio, key.get(), EVP_aes_256_cbc(), password.data(),
                                      static_cast<int>(password.size()), nullptr, nullptr);
        out.encryptedPkcs8KeyPem = b.text();
    }
    std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(
        PKCS12_create(password.c_str(), "test", key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0), PKCS12_free);
    check(p12 != nullptr, "pkcs12");
    BioText b;
    i2d_PKCS12_bio(b.bio, p12.get());
    out.pfx = b.text();
    return out;
}

TempFile::TempFile(const std::string& content) {
    char path[] = "/tmp/kvb-identity-XXXXXX";
    const int fd = mkstemp(path);
    check(fd >= 0, "mkstemp");
    close(fd);
    path_ = path;
    rewrite(content);
}

TempFile::~TempFile() {
    std::remove(path_.c_str());
}

void TempFile::rewrite(const std::string& content) const {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    check(f != nullptr, "open");
    check(std::fwrite(content.data(), 1, content.size(), f) == content.size(), "write");
    std::fclose(f);
    // Move the modification time on by a second, so the change shows even within a clock tick.
    struct stat st {};
    check(stat(path_.c_str(), &st) == 0, "stat");
    const timespec times[2] = {{0, UTIME_OMIT}, {st.st_mtim.tv_sec + 1, st.st_mtim.tv_nsec}};
    utimensat(AT_FDCWD, path_.c_str(), times, 0);
}

} // namespace kvb::test
