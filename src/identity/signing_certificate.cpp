// SPDX-License-Identifier: MIT
#include "identity/signing_certificate.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "core/json.hpp"
#include "identity/encoding.hpp"

namespace kvb::identity::detail {

namespace {

struct Free {
    void operator()(X509* p) const { X509_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(PKCS12* p) const { PKCS12_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
template <class T>
using Own = std::unique_ptr<T, Free>;

Bytes derOf(X509* cert) {
    const int len = i2d_X509(cert, nullptr);
    if (len <= 0) throw CryptoError("the certificate cannot be encoded");
    Bytes der(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    i2d_X509(cert, &p);
    return der;
}

Own<BIO> memoryBio(const SecretBytes& data) {
    Own<BIO> bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (!bio) throw std::bad_alloc();
    return bio;
}

// PEM password callback: hands OpenSSL the password without a NUL-terminated copy of our own.
int passwordCallback(char* buf, int size, int, void* user) {
    const auto* password = static_cast<const SecretString*>(user);
    if (password->empty() || static_cast<int>(password->size()) > size) return 0;
    std::copy(password->reveal().begin(), password->reveal().end(), buf);
    return static_cast<int>(password->size());
}

bool looksLikePem(const SecretBytes& data) {
    const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    return text.find("-----BEGIN ") != std::string_view::npos;
}

} // namespace

struct SigningCertificate::Impl {
    Own<EVP_PKEY> key;
    std::vector<Own<X509>> chain; ///< leaf first
};

SigningCertificate::SigningCertificate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    const Bytes der = derOf(impl_->chain.front().get());
    x5t_ = base64UrlEncode(sha1(der));
    x5tS256_ = base64UrlEncode(sha256(der));
}

SigningCertificate::~SigningCertificate() = default;

std::shared_ptr<const SigningCertificate> SigningCertificate::load(const SecretBytes& data,
                                                                   const SecretString& password) {
    auto impl = std::make_unique<Impl>();
    if (looksLikePem(data)) {
        auto bio = memoryBio(data);
        while (Own<X509> cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)})
            impl->chain.push_back(std::move(cert));
        ERR_clear_error();
        bio = memoryBio(data);
        impl->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, passwordCallback,
                                                const_cast<SecretString*>(&password)));
        ERR_clear_error();
        if (!impl->key) throw CryptoError("the PEM has no private key, or its password is wrong");
    } else {
        auto bio = memoryBio(data);
        Own<PKCS12> p12(d2i_PKCS12_bio(bio.get(), nullptr));
        if (!p12) {
            ERR_clear_error();
            throw CryptoError("the certificate is neither PEM nor PFX");
        }
        std::string pass(password.reveal());
        EVP_PKEY* key = nullptr;
        X509* cert = nullptr;
        STACK_OF(X509)* ca = nullptr;
        const int ok = PKCS12_parse(p12.get(), pass.c_str(), &key, &cert, &ca);
        secureWipe(pass);
        ERR_clear_error();
        Own<STACK_OF(X509)> others(ca);
        impl->key.reset(key);
        if (!ok) throw CryptoError("the PFX cannot be opened: wrong password or damaged file");
        if (cert) impl->chain.emplace_back(cert);
        while (others && sk_X509_num(others.get()) > 0) impl->chain.emplace_back(sk_X509_shift(others.get()));
        if (!impl->key) throw CryptoError("the PFX holds no private key");
    }
    if (impl->chain.empty()) throw CryptoError("no certificate found");
    if (EVP_PKEY_base_id(impl->key.get()) != EVP_PKEY_RSA)
        throw CryptoError("the private key is not RSA (RS256 needs RSA)");
    // The leaf is the certificate that matches the key, wherever it was in the file.
    auto leaf = std::find_if(impl->chain.begin(), impl->chain.end(), [&](const Own<X509>& c) {
        return X509_check_private_key(c.get(), impl->key.get()) == 1;
    });
    ERR_clear_error();
    if (leaf == impl->chain.end()) throw CryptoError("the private key does not belong to the certificate");
    std::rotate(impl->chain.begin(), leaf, leaf + 1);
    return std::shared_ptr<const SigningCertificate>(new SigningCertificate(std::move(impl)));
}

std::shared_ptr<const SigningCertificate> SigningCertificate::loadFile(const std::string& path,
                                                                       const SecretString& password) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InvalidArgument("cannot read the certificate file " + path);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return load(SecretBytes(std::move(bytes)), password);
}

std::string SigningCertificate::makeAssertion(const std::string& clientId, const std::string& audience,
                                              bool includeChain,
                                              std::chrono::system_clock::time_point now) const {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    kvb::detail::JsonWriter header;
    header.startObject()
        .member("alg", "RS256")
        .member("typ", "JWT")
        .member("x5t", x5t_)
        .member("x5t#S256", x5tS256_);
    if (includeChain) {
        header.key("x5c").startArray();
        for (const auto& cert : impl_->chain) header.value(base64Encode(derOf(cert.get())));
        header.endArray();
    }
    header.endObject();
    kvb::detail::JsonWriter claims;
    claims.startObject()
        .member("aud", audience)
        .member("iss", clientId)
        .member("sub", clientId)
        .member("jti", newUuid())
        .member("nbf", static_cast<std::int64_t>(seconds))
        .member("iat", static_cast<std::int64_t>(seconds))
        .member("exp", static_cast<std::int64_t>(seconds + 600))
        .endObject();
    std::string input =
        base64UrlEncode(asBytes(header.view())) + "." + base64UrlEncode(asBytes(claims.view()));

    Own<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    std::size_t size = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, asBytes(input).data(), input.size()) != 1) {
        ERR_clear_error();
        throw CryptoError("cannot sign the client assertion");
    }
    Bytes signature(size);
    if (EVP_DigestSign(ctx.get(), signature.data(), &size, asBytes(input).data(), input.size()) != 1) {
        ERR_clear_error();
        throw CryptoError("cannot sign the client assertion");
    }
    signature.resize(size);
    return input + "." + base64UrlEncode(signature);
}

std::string newUuid() {
    std::uint8_t b[16];
    if (RAND_bytes(b, sizeof b) != 1) throw CryptoError("no random bytes");
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 15];
    }
    return out;
}

} // namespace kvb::identity::detail
