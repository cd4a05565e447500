// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/keyvault_store.hpp>

#include <kvbridge/error.hpp>

#include "http/policies.hpp"

namespace kvb::migrate {

namespace {

VaultObject fromCertificate(const keyvault::KeyVaultCertificate& cert) {
    VaultObject o;
    o.name = cert.properties.name;
    o.id = cert.properties.id;
    o.secretId = cert.secretId;
    o.x5t = cert.properties.x5t;
    o.tags = cert.properties.tags;
    return o;
}

VaultObject fromSecret(const keyvault::SecretProperties& props) {
    VaultObject o;
    o.name = props.name;
    o.id = props.id;
    o.secretId = props.id;
    o.tags = props.tags;
    return o;
}

template <class Call>
auto orNothing(Call&& call) -> std::optional<decltype(call())> {
    try {
        return call();
    } catch (const NotFoundError&) {
        return std::nullopt;
    }
}

} // namespace

KeyVaultStore::KeyVaultStore(keyvault::CertificateClient certificates, keyvault::SecretClient secrets)
    : certificates_(std::move(certificates)), secrets_(std::move(secrets)) {}

std::vector<VaultObject> KeyVaultStore::listCertificates(const Context& context) const {
    std::vector<VaultObject> out;
    for (const auto& props : certificates_.listPropertiesOfCertificates({}, context)) {
        VaultObject o;
        o.name = props.name;
        o.id = props.id;
        o.x5t = props.x5t;
        o.tags = props.tags;
        // The list has no "sid"; a certificate's secret shares its name.
        o.secretId = props.vaultUrl + "/secrets/" + props.name;
        out.push_back(std::move(o));
    }
    return out;
}

std::optional<VaultObject> KeyVaultStore::getCertificate(const std::string& name,
                                                         const Context& context) const {
    return orNothing([&] { return fromCertificate(certificates_.getCertificate(name, context).value); });
}

std::optional<VaultObject> KeyVaultStore::getDeletedCertificate(const std::string& name,
                                                                const Context& context) const {
    return orNothing(
        [&] { return fromCertificate(certificates_.getDeletedCertificate(name, context).value); });
}

std::optional<VaultObject> KeyVaultStore::getSecretProperties(const std::string& name,
                                                              const Context& context) const {
    return orNothing([&] { return fromSecret(secrets_.getSecret(name, {}, {}, context)->properties); });
}

VaultObject KeyVaultStore::importCertificate(const ImportRequest& request, const Context& context) const {
    keyvault::ImportCertificateOptions options;
    options.value = request.value;
    options.password = request.password;
    options.tags = request.tags;
    keyvault::CertificatePolicy policy;
    policy.contentType = std::string(request.pem ? keyvault::kPemContentType : keyvault::kPkcs12ContentType);
    policy.exportable = true;
    options.policy = std::move(policy);
    // A lost reply must not turn into a second version: Execution looks before writing again.
    http::detail::NoReplayScope noReplay(certificates_.vaultUrl());
    return fromCertificate(certificates_.importCertificate(request.name, options, context).value);
}

VaultObject KeyVaultStore::recoverDeletedCertificate(const std::string& name, const Context& context) const {
    auto operation = certificates_.startRecoverDeletedCertificate(name, context);
    return fromCertificate(operation.pollUntilDone({}, context));
}

VaultObject KeyVaultStore::setSecret(const SecretRequest& request, const Context& context) const {
    keyvault::SetSecretOptions options;
    options.contentType = request.contentType;
    options.tags = request.tags;
    http::detail::NoReplayScope noReplay(secrets_.vaultUrl());
    return fromSecret(secrets_.setSecret(request.name, request.value, options, context)->properties);
}

SecretBytes KeyVaultStore::downloadCertificate(const std::string& name, bool& pem,
                                               const Context& context) const {
    auto downloaded = certificates_.downloadCertificate(name, {}, context);
    pem = downloaded->contentType == keyvault::kPemContentType;
    return std::move(downloaded->content);
}

} // namespace kvb::migrate
