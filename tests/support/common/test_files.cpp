// SPDX-License-Identifier: MIT
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace kvb::test {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

std::string bioText(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::string base64(const std::vector<unsigned char>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::vector<unsigned char> derOf(X509* cert) {
    const int len = i2d_X509(cert, nullptr);
    std::vector<unsigned char> der(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    i2d_X509(cert, &p);
    return der;
}

PkeyPtr readKey(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    check(key != nullptr, "read key");
    return key;
}

X509Ptr readCert(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    check(cert != nullptr, "read certificate");
    return cert;
}

void writeBytes(const std::filesystem::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("kvb-migrate-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

namespace {

// The secret-hygiene test (tests/hygiene) scans what migrations wrote: with KVB_TEST_ARTIFACTS
// set, reports, journals and pool files (never the key material or password files the test made)
// are copied there before the folder goes.
void keepMigrationOutputs(const std::filesystem::path& dir) {
    const char* target = std::getenv("KVB_TEST_ARTIFACTS");
    if (target == nullptr || *target == '\0') return;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const auto& p = it->path();
        const std::string name = p.filename().string();
        const bool output = name.rfind("report.", 0) == 0 || p.extension() == ".jsonl" ||
                            p.parent_path().filename() == "pools";
        if (!output) continue;
        auto relative = std::filesystem::relative(p, dir, ec).string();
        for (auto& c : relative)
            if (c == '/') c = '_';
        std::filesystem::copy_file(p,
                                   std::filesystem::path(target) / (dir.filename().string() + "_" + relative),
                                   std::filesystem::copy_options::overwrite_existing, ec);
    }
}

} // namespace

TempDir::~TempDir() {
    keepMigrationOutputs(path_);
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void writeText(const std::filesystem::path& path, const std::string& text) {
    writeBytes(path, text.data(), text.size());
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    writeBytes(path, bytes.data(), bytes.size());
}

std::vector<std::uint8_t> readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string readText(const std::filesystem::path& path) {
    const auto bytes = readBytes(path);
    return {bytes.begin(), bytes.end()};
}

TestCertificate makeTestCertificate(const std::string& commonName) {
    PkeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "generate key");
    X509Ptr cert(X509_new());
    check(X509_set_version(cert.get(), 2) == 1, "version");
    std::random_device rd;
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(rd() & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");

    TestCertificate out;
    BioPtr certBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certBio.get(), cert.get());
    out.certPem = bioText(certBio.get());
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PKCS8PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    out.keyPem = bioText(keyBio.get());
    const auto der = derOf(cert.get());
    out.derBase64 = base64(der);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    check(EVP_Digest(der.data(), der.size(), md, &mdLen, EVP_sha1(), nullptr) == 1, "sha1");
    static const char* hex = "0123456789ABCDEF";
    for (unsigned int i = 0; i < mdLen; ++i) {
        out.thumbprint += hex[md[i] >> 4];
        out.thumbprint += hex[md[i] & 0xF];
    }
    return out;
}

void TestCertificate::writePfx(const std::filesystem::path& path, const std::string& password) const {
    PkeyPtr key = readKey(keyPem);
    X509Ptr cert = readCert(certPem);
    std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>> p12(
        PKCS12_create(password.empty() ? nullptr : password.c_str(), "test", key.get(), cert.get(), nullptr,
                      0, 0, 0, 0, 0));
    check(p12 != nullptr, "PKCS12_create");
    BioPtr bio(BIO_new(BIO_s_mem()));
    i2d_PKCS12_bio(bio.get(), p12.get());
    const std::string bytes = bioText(bio.get());
    writeBytes(path, bytes.data(), bytes.size());
}

void TestCertificate::writePem(const std::filesystem::path& path) const {
    writeText(path, certPem + keyPem);
}

void TestCertificate::writeCer(const std::filesystem::path& path) const {
    X509Ptr cert = readCert(certPem);
    const auto der = derOf(cert.get());
    writeBytes(path, der.data(), der.size());
}

} // namespace kvb::test
