// SPDX-License-Identifier: MIT
#include <kvbridge/pki/certificate.hpp>

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"
#include "pki/digest.hpp"
#include "pki/x509_util.hpp"

namespace kvb::pki {

Certificate Certificate::fromDer(std::span<const std::uint8_t> der) {
    const unsigned char* cursor = der.data();
    detail::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!cert) {
        detail::throwCrypto("not a DER X.509 certificate");
    }
    if (cursor != der.data() + der.size()) {
        detail::throwCrypto("unexpected bytes after the DER certificate");
    }
    return CertificateBuilder::fromX509(cert.get());
}

Certificate Certificate::fromPem(std::string_view pem) {
    auto certs = detail::readPemCertificates(pem);
    if (certs.empty()) {
        detail::throwCrypto("no certificate in PEM input");
    }
    return CertificateBuilder::fromX509(certs.front().get());
}

std::string Certificate::thumbprintHex() const {
    return detail::hexEncode(detail::sha1(der_), detail::HexCase::Upper);
}

std::string Certificate::x5t() const {
    return detail::base64UrlEncode(detail::sha1(der_));
}

std::string Certificate::sha256Thumbprint() const {
    return detail::hexEncode(detail::sha256(der_), detail::HexCase::Upper);
}

std::string Certificate::x5tS256() const {
    return detail::base64UrlEncode(detail::sha256(der_));
}

std::string Certificate::toPem() const {
    const std::string body = detail::base64Encode(der_);
    std::string out = "-----BEGIN CERTIFICATE-----\n";
    for (std::size_t offset = 0; offset < body.size(); offset += 64) {
        out.append(body, offset, 64);
        out.push_back('\n');
    }
    out += "-----END CERTIFICATE-----\n";
    return out;
}

} // namespace kvb::pki
