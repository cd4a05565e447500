// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/certificate_client.hpp>

#include "keyvault/certificate_client_impl.hpp"

namespace kvb::keyvault {

using http::Method;
using kvb::detail::JsonWriter;

namespace {

constexpr const char* kCertificate = "certificate";
constexpr const char* kIssuer = "issuer";

} // namespace

CertificateClient::CertificateClient(std::string vaultUrl,
                                     std::shared_ptr<const identity::TokenCredential> credential,
                                     CertificateClientOptions options)
    : impl_(std::make_shared<const Impl>(vaultUrl, std::move(credential), options)) {}

const std::string& CertificateClient::vaultUrl() const noexcept {
    return impl_->conn.vaultUrl;
}

Response<CertificateOperation> CertificateClient::getCertificateOperation(std::string_view name,
                                                                          const Context& context) const {
    validateName(name, kCertificate);
    return impl_->getOperation(name, context);
}

Response<CertificateOperation> CertificateClient::cancelCertificateOperation(std::string_view name,
                                                                             const Context& context) const {
    validateName(name, kCertificate);
    JsonWriter w;
    writeCancelOperationBody(w);
    auto r = jsonRequest(Method::Patch, impl_->conn.url({"certificates", name, "pending"}).str(), w.view());
    return impl_->call<CertificateOperation>(r, {200}, parseOperation, context, "certificate operation");
}

Response<CertificateOperation> CertificateClient::deleteCertificateOperation(std::string_view name,
                                                                             const Context& context) const {
    validateName(name, kCertificate);
    auto r = impl_->request(Method::Delete, {"certificates", name, "pending"});
    return impl_->call<CertificateOperation>(r, {200}, parseOperation, context, "certificate operation");
}

Response<KeyVaultCertificate> CertificateClient::mergeCertificate(std::string_view name,
                                                                  const MergeCertificateOptions& options,
                                                                  const Context& context) const {
    validateName(name, kCertificate);
    if (options.x509Certificates.empty())
        throw InvalidArgument("mergeCertificate needs at least one certificate");
    JsonWriter w;
    writeMergeBody(w, options);
    auto r = jsonRequest(Method::Post, impl_->conn.url({"certificates", name, "pending", "merge"}).str(),
                         w.view());
    return impl_->call<KeyVaultCertificate>(r, {201}, parseCertificate, context, "certificate bundle");
}

Response<KeyVaultCertificate> CertificateClient::getCertificate(std::string_view name,
                                                                const Context& context) const {
    validateName(name, kCertificate);
    return impl_->getVersion(name, {}, context);
}

Response<KeyVaultCertificate> CertificateClient::getCertificateVersion(std::string_view name,
                                                                       std::string_view version,
                                                                       const Context& context) const {
    validateName(name, kCertificate);
    validateVersion(version);
    return impl_->getVersion(name, version, context);
}

Pager<CertificateProperties>
CertificateClient::listPropertiesOfCertificates(const KeyVaultListOptions& options,
                                                const Context& context) const {
    return listPager<CertificateProperties>(impl_->conn, {"certificates"}, options,
                                            parseCertificateProperties, "certificate list", context,
                                            PendingItems::Yes);
}

Pager<CertificateProperties> CertificateClient::listPropertiesOfCertificateVersions(
    std::string_view name, const KeyVaultListOptions& options, const Context& context) const {
    validateName(name, kCertificate);
    return listPager<CertificateProperties>(impl_->conn, {"certificates", name, "versions"}, options,
                                            parseCertificateProperties, "certificate versions", context);
}

Response<KeyVaultCertificate>
CertificateClient::updateCertificateProperties(std::string_view name, std::string_view version,
                                               const UpdateCertificatePropertiesOptions& options,
                                               const Context& context) const {
    validateName(name, kCertificate);
    validateVersion(version);
    JsonWriter w;
    writeUpdatePropertiesBody(w, options);
    auto url = version.empty() ? impl_->conn.url({"certificates", name})
                               : impl_->conn.url({"certificates", name, version});
    auto r = jsonRequest(Method::Patch, url.str(), w.view());
    return impl_->call<KeyVaultCertificate>(r, {200}, parseCertificate, context, "certificate bundle");
}

Response<CertificatePolicy> CertificateClient::getCertificatePolicy(std::string_view name,
                                                                    const Context& context) const {
    validateName(name, kCertificate);
    auto r = impl_->request(Method::Get, {"certificates", name, "policy"});
    return impl_->call<CertificatePolicy>(r, {200}, parsePolicy, context, "certificate policy");
}

Response<CertificatePolicy> CertificateClient::updateCertificatePolicy(std::string_view name,
                                                                       const CertificatePolicy& policy,
                                                                       const Context& context) const {
    validateName(name, kCertificate);
    JsonWriter w;
    writePolicy(w, policy);
    auto r = jsonRequest(Method::Patch, impl_->conn.url({"certificates", name, "policy"}).str(), w.view());
    return impl_->call<CertificatePolicy>(r, {200}, parsePolicy, context, "certificate policy");
}

Response<DeletedCertificate> CertificateClient::getDeletedCertificate(std::string_view name,
                                                                      const Context& context) const {
    validateName(name, kCertificate);
    return impl_->getDeleted(name, context);
}

Pager<DeletedCertificate> CertificateClient::listDeletedCertificates(const KeyVaultListOptions& options,
                                                                     const Context& context) const {
    return listPager<DeletedCertificate>(impl_->conn, {"deletedcertificates"}, options,
                                         parseDeletedCertificate, "deleted certificate list", context,
                                         PendingItems::Yes);
}

Response<std::monostate> CertificateClient::purgeDeletedCertificate(std::string_view name,
                                                                    const Context& context) const {
    validateName(name, kCertificate);
    auto r = impl_->request(Method::Delete, {"deletedcertificates", name});
    return kvb::detail::sendNoContent(*impl_->conn.pipeline, r, {204}, context);
}

Response<std::vector<std::uint8_t>> CertificateClient::backupCertificate(std::string_view name,
                                                                         const Context& context) const {
    validateName(name, kCertificate);
    auto r = impl_->request(Method::Post, {"certificates", name, "backup"});
    return impl_->call<std::vector<std::uint8_t>>(r, {200}, parseBackup, context, "backup result");
}

Response<KeyVaultCertificate>
CertificateClient::restoreCertificateBackup(std::span<const std::uint8_t> backup,
                                            const Context& context) const {
    if (backup.empty()) throw InvalidArgument("backup blob is empty");
    JsonWriter w;
    writeRestoreBody(w, backup);
    auto r = jsonRequest(Method::Post, impl_->conn.url({"certificates", "restore"}).str(), w.view());
    return impl_->call<KeyVaultCertificate>(r, {200}, parseCertificate, context, "certificate bundle");
}

Response<CertificateIssuer> CertificateClient::createIssuer(const CertificateIssuer& issuer,
                                                            const Context& context) const {
    validateName(issuer.name, kIssuer);
    if (issuer.provider.empty()) throw InvalidArgument("an issuer needs a provider");
    JsonWriter w(true);
    writeIssuerBody(w, issuer);
    auto r = jsonRequest(Method::Put, impl_->conn.url({"certificates", "issuers", issuer.name}).str(),
                         w.view(), true);
    return impl_->call<CertificateIssuer>(r, {200}, parseIssuer, context, "issuer bundle");
}

Response<CertificateIssuer> CertificateClient::getIssuer(std::string_view name,
                                                         const Context& context) const {
    validateName(name, kIssuer);
    auto r = impl_->request(Method::Get, {"certificates", "issuers", name});
    return impl_->call<CertificateIssuer>(r, {200}, parseIssuer, context, "issuer bundle");
}

Response<CertificateIssuer> CertificateClient::updateIssuer(const CertificateIssuer& issuer,
                                                            const Context& context) const {
    validateName(issuer.name, kIssuer);
    JsonWriter w(true);
    writeIssuerBody(w, issuer);
    auto r = jsonRequest(Method::Patch, impl_->conn.url({"certificates", "issuers", issuer.name}).str(),
                         w.view(), true);
    return impl_->call<CertificateIssuer>(r, {200}, parseIssuer, context, "issuer bundle");
}

Response<CertificateIssuer> CertificateClient::deleteIssuer(std::string_view name,
                                                            const Context& context) const {
    validateName(name, kIssuer);
    auto r = impl_->request(Method::Delete, {"certificates", "issuers", name});
    return impl_->call<CertificateIssuer>(r, {200}, parseIssuer, context, "issuer bundle");
}

Pager<CertificateIssuerProperties>
CertificateClient::listPropertiesOfIssuers(const KeyVaultListOptions& options, const Context& context) const {
    return listPager<CertificateIssuerProperties>(impl_->conn, {"certificates", "issuers"}, options,
                                                  parseIssuerProperties, "issuer list", context);
}

Response<CertificateContacts> CertificateClient::setContacts(const std::vector<CertificateContact>& contacts,
                                                             const Context& context) const {
    JsonWriter w;
    writeContactsBody(w, contacts);
    auto r = jsonRequest(Method::Put, impl_->conn.url({"certificates", "contacts"}).str(), w.view());
    return impl_->call<CertificateContacts>(r, {200}, parseContacts, context, "contacts");
}

Response<CertificateContacts> CertificateClient::getContacts(const Context& context) const {
    auto r = impl_->request(Method::Get, {"certificates", "contacts"});
    return impl_->call<CertificateContacts>(r, {200}, parseContacts, context, "contacts");
}

Response<CertificateContacts> CertificateClient::deleteContacts(const Context& context) const {
    auto r = impl_->request(Method::Delete, {"certificates", "contacts"});
    return impl_->call<CertificateContacts>(r, {200}, parseContacts, context, "contacts");
}

} // namespace kvb::keyvault
