// SPDX-License-Identifier: MIT
// The in-memory half of the test PKI builder (openssl_certificates.hpp): OpenSSL's API only, no
// doctest, no kvbridge.
#include "openssl_certificates.hpp"

#include <cctype>
#include <memory>
#include <random>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace kvb::test {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using P12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

std::string bioText(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

template <class T, int (*I2d)(const T*, unsigned char**)>
std::vector<std::uint8_t> encode(const T* object) {
    const int size = I2d(object, nullptr);
    check(size > 0, "encode");
    std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
    unsigned char* p = out.data();
    I2d(object, &p);
    return out;
}

std::string base64(const std::vector<std::uint8_t>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string sha1Hex(const std::vector<std::uint8_t>& der) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    check(EVP_Digest(der.data(), der.size(), md, &mdLen, EVP_sha1(), nullptr) == 1, "sha1");
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned int i = 0; i < mdLen; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xF];
    }
    return out;
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

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// A version 3 certificate with a random serial, valid from an hour ago for a year, for @p subject
// and @p key, not yet signed.
X509Ptr newCertificate(X509_NAME* subject, EVP_PKEY* key) {
    X509Ptr cert(X509_new());
    check(cert != nullptr && X509_set_version(cert.get(), 2) == 1, "version");
    std::random_device rd;
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(rd() & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    check(X509_set_subject_name(cert.get(), subject) == 1, "subject");
    check(X509_set_pubkey(cert.get(), key) == 1, "public key");
    return cert;
}

PkeyPtr newKey(KeyType type) {
    PkeyPtr key(type == KeyType::Rsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    check(key != nullptr, "generate key");
    return key;
}

X509Ptr selfSigned(EVP_PKEY* key, const std::string& commonName,
                   const std::vector<std::pair<int, const char*>>& exts) {
    std::unique_ptr<X509_NAME, Deleter<X509_NAME, X509_NAME_free>> name(X509_NAME_new());
    X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
    X509Ptr cert = newCertificate(name.get(), key);
    check(X509_set_issuer_name(cert.get(), name.get()) == 1, "issuer");
    for (const auto& [nid, value] : exts) addExtension(cert.get(), cert.get(), nid, value);
    check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "sign");
    return cert;
}

TestCertificate describe(X509* cert, EVP_PKEY* key) {
    TestCertificate out;
    BioPtr certBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certBio.get(), cert);
    out.certPem = bioText(certBio.get());
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PKCS8PrivateKey(keyBio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    out.keyPem = bioText(keyBio.get());
    out.der = encode<X509, i2d_X509>(cert);
    out.derBase64 = base64(out.der);
    out.thumbprint = sha1Hex(out.der);
    return out;
}

} // namespace

TestCertificate makeTestCertificate(const std::string& commonName, const TestCertificateOptions& options) {
    PkeyPtr key = newKey(options.key);
    std::vector<std::pair<int, const char*>> exts;
    if (options.tlsUsages)
        exts = {{NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                {NID_ext_key_usage, "serverAuth,clientAuth"}};
    X509Ptr cert = selfSigned(key.get(), commonName, exts);
    return describe(cert.get(), key.get());
}

std::string TestCertificate::lowerThumbprint() const {
    std::string out = thumbprint;
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string TestCertificate::traditionalKeyPem() const {
    PkeyPtr key = readKey(keyPem);
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) ==
              1,
          "traditional key");
    return bioText(bio.get());
}

std::string TestCertificate::encryptedKeyPem(const std::string& password) const {
    PkeyPtr key = readKey(keyPem);
    BioPtr bio(BIO_new(BIO_s_mem()));
    std::string pass = password;
    check(PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), pass.data(),
                                        static_cast<int>(pass.size()), nullptr, nullptr) == 1,
          "encrypted key");
    return bioText(bio.get());
}

std::vector<std::uint8_t> TestCertificate::pfx(const std::string& password) const {
    PkeyPtr key = readKey(keyPem);
    X509Ptr cert = readCert(certPem);
    P12Ptr p12(PKCS12_create(password.empty() ? nullptr : password.c_str(), "test", key.get(), cert.get(),
                             nullptr, 0, 0, 0, 0, 0));
    check(p12 != nullptr, "PKCS12_create");
    return encode<PKCS12, i2d_PKCS12>(p12.get());
}

std::vector<std::uint8_t> TestCertificate::sign(std::string_view data) const {
    PkeyPtr key = readKey(keyPem);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    check(ctx != nullptr && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
              EVP_DigestSign(ctx.get(), nullptr, &len, in, data.size()) == 1,
          "sign");
    std::vector<std::uint8_t> signature(len);
    check(EVP_DigestSign(ctx.get(), signature.data(), &len, in, data.size()) == 1, "sign");
    signature.resize(len);
    return signature;
}

void TestCertificate::writePfx(const std::filesystem::path& path, const std::string& password) const {
    writeBytes(path, pfx(password));
}

void TestCertificate::writePem(const std::filesystem::path& path) const {
    writeText(path, certPem + keyPem);
}

void TestCertificate::writeCer(const std::filesystem::path& path) const {
    writeBytes(path, der);
}

std::vector<std::vector<std::uint8_t>> signCsr(const std::vector<std::uint8_t>& csrDer) {
    const unsigned char* p = csrDer.data();
    ReqPtr request(d2i_X509_REQ(nullptr, &p, static_cast<long>(csrDer.size())));
    check(request != nullptr, "the CSR does not parse");
    PkeyPtr caKey = newKey(KeyType::Rsa2048);
    X509Ptr ca = selfSigned(caKey.get(), "kvb-test-ca",
                            {{NID_basic_constraints, "critical,CA:TRUE"},
                             {NID_key_usage, "critical,keyCertSign,cRLSign"},
                             {NID_subject_key_identifier, "hash"}});
    PkeyPtr requested(X509_REQ_get_pubkey(request.get()));
    check(requested != nullptr, "the CSR has no key");
    X509Ptr leaf = newCertificate(X509_REQ_get_subject_name(request.get()), requested.get());
    check(X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca.get())) == 1, "issuer");
    addExtension(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid");
    check(X509_sign(leaf.get(), caKey.get(), EVP_sha256()) > 0, "sign");
    return {encode<X509, i2d_X509>(leaf.get()), encode<X509, i2d_X509>(ca.get())};
}

BatchView batchViewOf(const CertificateFiles& c) {
    const auto der = readBytes(c.certDer);
    return {sha1Hex(der), base64(der)};
}

} // namespace kvb::test
