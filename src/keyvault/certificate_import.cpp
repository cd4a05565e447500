// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include "core/encoding.hpp"
#include "keyvault/certificate_client_impl.hpp"
#include "keyvault/certificate_material.hpp"

namespace kvb::keyvault {

namespace {

// Key Vault's PEM import takes an unencrypted PKCS#8 key only.
bool hasPlainPkcs8Key(std::string_view pem) {
    constexpr std::string_view kPkcs8 = "-----BEGIN PRIVATE KEY-----";
    for (std::string_view other : {"-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
                                   "-----BEGIN ENCRYPTED PRIVATE KEY-----"})
        if (pem.find(other) != std::string_view::npos) return false;
    return pem.find(kPkcs8) != std::string_view::npos;
}

pki::PfxEncryption encryptionOf(PfxReencode reencode) {
    return reencode == PfxReencode::Legacy3DesSha1 ? pki::PfxEncryption::Legacy3DesSha1
                                                   : pki::PfxEncryption::Aes256Sha256;
}

} // namespace

PreparedImport prepareImport(const ImportCertificateOptions& options) {
    if (options.value.empty()) throw InvalidArgument("import value is empty");
    const auto bytes = options.value.reveal();
    PreparedImport out;
    switch (pki::CertificateBundle::detectFormat(bytes)) {
    case pki::ContainerFormat::Der:
        throw InvalidArgument("import needs a PFX or a PEM with a private key, not a bare certificate");
    case pki::ContainerFormat::Pem: {
        const auto text = kvb::detail::asChars(bytes);
        out.contentType = std::string(kPemContentType);
        if (hasPlainPkcs8Key(text)) {
            out.value = SecretString(text);
        } else {
            const auto bundle = pki::CertificateBundle::loadPem(text, options.password);
            if (!bundle.hasPrivateKey()) throw CryptoError("the PEM holds no private key to import");
            out.value = bundle.toPem();
        }
        return out;
    }
    case pki::ContainerFormat::Pfx: break;
    }
    out.contentType = std::string(kPkcs12ContentType);
    if (options.reencode == PfxReencode::None) {
        // Sent as given: the service, not our OpenSSL build, decides which algorithms it takes.
        out.value = SecretString(kvb::detail::base64Encode(bytes));
        out.password = options.password;
        return out;
    }
    const auto bundle = pki::CertificateBundle::loadPfx(bytes, options.password);
    const SecretBytes pfx = bundle.toPfx(options.password, encryptionOf(options.reencode));
    out.value = SecretString(kvb::detail::base64Encode(pfx.reveal()));
    out.password = options.password;
    return out;
}

Response<KeyVaultCertificate> CertificateClient::importCertificate(std::string_view name,
                                                                   const ImportCertificateOptions& options,
                                                                   const Context& context) const {
    validateName(name, "certificate");
    const auto prepared = prepareImport(options);
    kvb::detail::JsonWriter w(true);
    writeImportBody(w, prepared.value.reveal(), prepared.contentType, prepared.password, options);
    auto r = jsonRequest(http::Method::Post, impl_->conn.url({"certificates", name, "import"}).str(),
                         w.view(), true);
    return impl_->call<KeyVaultCertificate>(r, {200}, parseCertificate, context, "certificate bundle");
}

} // namespace kvb::keyvault
