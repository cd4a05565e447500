// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/keyvault_store.hpp>

#include <kvbridge/error.hpp>

#include "core/retry_schedule.hpp"

namespace kvb::migrate {

namespace {

// What certificate and secret properties have in common.
template <class Properties>
VaultObject fromProperties(const Properties& props) {
    VaultObject o;
    o.name = props.name;
    o.id = props.id;
    o.tags = props.tags;
    o.version = props.version;
    o.enabled = props.enabled.value_or(true);
    return o;
}

VaultObject fromCertificateProperties(const keyvault::CertificateProperties& props) {
    VaultObject o = fromProperties(props);
    o.x5t = props.x5t;
    return o;
}

VaultObject fromCertificate(const keyvault::KeyVaultCertificate& cert) {
    VaultObject o = fromCertificateProperties(cert.properties);
    o.secretId = cert.secretId;
    return o;
}

VaultObject fromSecret(const keyvault::SecretProperties& props) {
    VaultObject o = fromProperties(props);
    o.secretId = props.id;
    return o;
}

// A write may be carried out until its last try's transport timeout has run out; tries follow
// the retry policy's backoff.
WriteWindow windowOf(const http::ClientOptions& options) {
    const auto perTry = options.transportOptions.timeout;
    return {perTry, kvb::detail::longestCall(options.retry, perTry)};
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

KeyVaultStore::KeyVaultStore(std::string vaultUrl,
                             std::shared_ptr<const identity::TokenCredential> credential,
                             keyvault::KeyVaultClientOptions options)
    : certificates_(vaultUrl, credential, options), secrets_(vaultUrl, credential, options),
      window_(windowOf(options.client)) {}

KeyVaultStore::KeyVaultStore(keyvault::CertificateClient certificates, keyvault::SecretClient secrets,
                             const http::ClientOptions& clientOptions)
    : certificates_(std::move(certificates)), secrets_(std::move(secrets)), window_(windowOf(clientOptions)) {
}

std::vector<VaultObject> KeyVaultStore::listCertificates(const Context& context) const {
    std::vector<VaultObject> out;
    for (const auto& props : certificates_.listPropertiesOfCertificates({}, context)) {
        VaultObject o = fromCertificateProperties(props);
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
    return fromSecret(secrets_.setSecret(request.name, request.value, options, context)->properties);
}

SecretBytes KeyVaultStore::downloadCertificate(const std::string& name, bool& pem,
                                               const Context& context) const {
    auto downloaded = certificates_.downloadCertificate(name, {}, context);
    pem = downloaded->contentType == keyvault::kPemContentType;
    return std::move(downloaded->content);
}

std::vector<VaultObject> KeyVaultStore::listVersions(VaultObjectKind kind, const std::string& name,
                                                     const Context& context) const {
    std::vector<VaultObject> out;
    try {
        if (kind == VaultObjectKind::Certificate) {
            for (const auto& props : certificates_.listPropertiesOfCertificateVersions(name, {}, context))
                out.push_back(fromCertificateProperties(props));
        } else {
            for (const auto& props : secrets_.listPropertiesOfSecretVersions(name, {}, context))
                out.push_back(fromSecret(props));
        }
    } catch (const NotFoundError&) {
        return {};
    }
    return out;
}

void KeyVaultStore::disableVersion(VaultObjectKind kind, const std::string& name, const std::string& version,
                                   const Context& context) const {
    // An empty version would name the latest one: never what a caller disabling a duplicate means.
    if (version.empty()) throw InvalidArgument("disableVersion: no version of " + name + " given");
    if (kind == VaultObjectKind::Certificate) {
        keyvault::UpdateCertificatePropertiesOptions options;
        options.enabled = false;
        certificates_.updateCertificateProperties(name, version, options, context);
    } else {
        keyvault::UpdateSecretPropertiesOptions options;
        options.enabled = false;
        secrets_.updateSecretProperties(name, version, options, context);
    }
}

} // namespace kvb::migrate
