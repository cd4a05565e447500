// SPDX-License-Identifier: MIT
#include "pki/x509_util.hpp"

#include <ctime>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "core/encoding.hpp"
#include "core/time_format.hpp"

namespace kvb::pki {
namespace {

std::string nameToString(const X509_NAME* name) {
    auto bio = detail::writeBio();
    // RFC 4514 order and escaping, but UTF-8 left readable rather than \XX-escaped.
    const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        detail::throwCrypto("cannot read certificate name");
    }
    return std::string(detail::bioContents(bio.get()));
}

Certificate::TimePoint toTimePoint(const ASN1_TIME* time) {
    std::tm parts{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
        detail::throwCrypto("cannot read certificate validity");
    }
    // "99991231235959Z" (RFC 5280's "no expiry") is past what a time point holds: saturate.
    return kvb::detail::fromUnixSeconds(timegm(&parts));
}

std::string serialToHex(const ASN1_INTEGER* serial) {
    using BnPtr = std::unique_ptr<BIGNUM, detail::OpensslDeleter<BN_free>>;
    BnPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!bn) {
        detail::throwCrypto("cannot read certificate serial number");
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())));
    BN_bn2bin(bn.get(), bytes.data());
    return bytes.empty() ? std::string("00") : detail::hexEncode(bytes, detail::HexCase::Upper);
}

} // namespace

Certificate CertificateBuilder::fromX509(X509* cert) {
    Certificate out;
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    if (size <= 0) {
        detail::throwCrypto("cannot encode certificate");
    }
    out.der_.assign(der, der + size);
    OPENSSL_free(der);
    out.subject_ = nameToString(X509_get_subject_name(cert));
    out.issuer_ = nameToString(X509_get_issuer_name(cert));
    out.serialNumberHex_ = serialToHex(X509_get0_serialNumber(cert));
    out.notBefore_ = toTimePoint(X509_get0_notBefore(cert));
    out.notAfter_ = toTimePoint(X509_get0_notAfter(cert));
    const EVP_PKEY* key = X509_get0_pubkey(cert);
    out.keyType_ = key != nullptr ? detail::keyTypeOf(key) : KeyType::Other;
    ERR_clear_error();
    return out;
}

} // namespace kvb::pki

namespace kvb::detail {

X509Ptr toX509(const pki::Certificate& cert) {
    const unsigned char* cursor = cert.der().data();
    X509Ptr x509(d2i_X509(nullptr, &cursor, static_cast<long>(cert.der().size())));
    if (!x509) {
        throwCrypto("cannot decode certificate");
    }
    return x509;
}

std::vector<X509Ptr> readPemCertificates(std::string_view pem) {
    std::vector<X509Ptr> certs;
    auto bio = readBio(pem);
    for (;;) {
        // PEM_read_bio_X509_AUX also accepts "TRUSTED CERTIFICATE" and skips other blocks.
        X509Ptr cert(PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr));
        if (!cert) {
            const unsigned long code = ERR_peek_last_error();
            if (ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE) {
                ERR_clear_error(); // end of input
                break;
            }
            throwCrypto("malformed certificate in PEM input");
        }
        certs.push_back(std::move(cert));
    }
    return certs;
}

pki::KeyType keyTypeOf(const EVP_PKEY* key) noexcept {
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: return pki::KeyType::Rsa;
    case EVP_PKEY_EC: return pki::KeyType::Ec;
    default: return pki::KeyType::Other;
    }
}

bool looksLikePem(std::string_view text) noexcept {
    return text.find("-----BEGIN ") != std::string_view::npos;
}

} // namespace kvb::detail
