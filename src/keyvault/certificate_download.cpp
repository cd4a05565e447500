// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include "core/encoding.hpp"
#include "keyvault/object_attributes.hpp"
#include "keyvault/certificate_client_impl.hpp"
#include "keyvault/certificate_material.hpp"

namespace kvb::keyvault {

std::string verifyDownload(std::span<const std::uint8_t> content, std::string_view contentType,
                           const std::vector<std::uint8_t>& expectedCer) {
    const bool pem = contentType == kPemContentType;
    if (!pem && contentType != kPkcs12ContentType)
        throw CryptoError("certificate secret has an unknown content type");
    const auto bundle = pem ? pki::CertificateBundle::loadPem(kvb::detail::asChars(content))
                            : pki::CertificateBundle::loadPfx(content);
    if (!bundle.privateKeyMatchesCertificate())
        throw CryptoError("downloaded private key does not match the downloaded certificate");
    if (bundle.certificate().der() != expectedCer)
        throw CryptoError("downloaded certificate is not the vault's certificate (cer differs)");
    return bundle.certificate().x5t();
}

namespace {

// The secret's value is read in place from the response body (which is wiped afterwards), so
// no unwiped copy of the key is left in a JSON allocator.
DownloadedCertificate readSecret(http::RawResponse& raw) {
    raw.sensitiveBody = true;
    rapidjson::Document doc;
    doc.ParseInsitu(raw.body.data());
    if (doc.HasParseError() || !doc.IsObject())
        throw ParseError("certificate secret: body is not a JSON object");
    const auto* value = kvb::detail::findMember(doc, "value");
    if (value == nullptr || !value->IsString()) throw ParseError("certificate secret: no 'value'");
    DownloadedCertificate out;
    out.contentType = kvb::detail::optString(doc, "contentType").value_or(std::string(kPkcs12ContentType));
    out.secretId = kvb::detail::optString(doc, "id").value_or("");
    const std::string_view text(value->GetString(), value->GetStringLength());
    if (out.contentType == kPemContentType) {
        out.content = SecretBytes(kvb::detail::asBytes(text));
    } else {
        try {
            out.content = SecretBytes(kvb::detail::base64Decode(text));
        } catch (const ParseError&) {
            throw ParseError("certificate secret: PFX value is not base64");
        }
    }
    return out;
}

} // namespace

Response<DownloadedCertificate> CertificateClient::downloadCertificate(std::string_view name,
                                                                       std::string_view version,
                                                                       const Context& context) const {
    validateName(name, "certificate");
    validateVersion(version);
    const auto certificate = impl_->getVersion(name, version, context);
    if (certificate->secretId.empty()) throw ParseError("certificate bundle has no 'sid'");
    const auto sid = parseResponseId(certificate->secretId, "certificate bundle sid");
    // The sid comes from the service; the key is fetched from this vault only.
    if (sid.vaultUrl != impl_->conn.vaultUrl || sid.collection != "secrets")
        throw ParseError("certificate bundle 'sid' is not a secret of this vault");
    auto url = sid.version.empty() ? impl_->conn.url({"secrets", sid.name})
                                   : impl_->conn.url({"secrets", sid.name, sid.version});
    http::Request request(http::Method::Get, url.str());
    http::RawResponse raw = kvb::detail::sendExpecting(*impl_->conn.pipeline, request, {200}, context);
    Response<DownloadedCertificate> out;
    out.status = raw.status;
    out.value = readSecret(raw);
    out.headers = std::move(raw.headers);
    out.value.x5t = verifyDownload(out.value.content.reveal(), out.value.contentType, certificate->cer);
    return out;
}

} // namespace kvb::keyvault
