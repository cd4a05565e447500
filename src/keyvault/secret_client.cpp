// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/secret_client.hpp>

#include "core/call.hpp"
#include "keyvault/base64url.hpp"
#include "keyvault/keyvault_common.hpp"
#include "keyvault/secret_json.hpp"

namespace kvb::keyvault {

using http::Method;
using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;
using kvb::detail::sendAndParse;

struct SecretClient::Impl {
    VaultConnection vault;
};

namespace {
constexpr std::string_view kSecretNoun = "secret";

KeyVaultSecret parseSecretRoot(const JsonValue& root) {
    return parseSecret(kvb::detail::requireObject(root, "secret bundle"));
}
SecretProperties parsePropertiesRoot(const JsonValue& root) {
    return parseSecretProperties(kvb::detail::requireObject(root, "secret bundle"));
}
DeletedSecret parseDeletedRoot(const JsonValue& root) {
    return parseDeletedSecret(kvb::detail::requireObject(root, "deleted secret bundle"));
}
} // namespace

SecretClient::SecretClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                           SecretClientOptions options)
    : impl_(std::make_shared<const Impl>(Impl{VaultConnection(vaultUrl, std::move(credential), options)})) {}

const std::string& SecretClient::vaultUrl() const noexcept {
    return impl_->vault.vaultUrl;
}

Response<KeyVaultSecret> SecretClient::setSecret(std::string_view name, const SecretString& value,
                                                 const SetSecretOptions& options,
                                                 const Context& context) const {
    validateName(name, kSecretNoun);
    JsonWriter body(kSensitive);
    writeSetSecret(body, value, options);
    auto request =
        jsonRequest(Method::Put, impl_->vault.url({"secrets", name}).str(), body.view(), kSensitive);
    return sendAndParse<KeyVaultSecret>(*impl_->vault.pipeline, request, {200}, parseSecretRoot, context,
                                        "secret bundle", kSensitive);
}

Response<KeyVaultSecret> SecretClient::getSecret(std::string_view name, std::string_view version,
                                                 const GetSecretOptions& options,
                                                 const Context& context) const {
    validateName(name, kSecretNoun);
    validateVersion(version);
    auto url = impl_->vault.url({"secrets", name, version});
    if (options.outContentType) {
        impl_->vault.requireApiVersion("2026-04-01", "outContentType");
        if (*options.outContentType != "application/x-pem-file" &&
            *options.outContentType != "application/x-pkcs12")
            throw InvalidArgument("outContentType must be application/x-pem-file or application/x-pkcs12");
        url.query("outContentType", *options.outContentType);
    }
    http::Request request(Method::Get, std::move(url).str());
    return sendAndParse<KeyVaultSecret>(*impl_->vault.pipeline, request, {200}, parseSecretRoot, context,
                                        "secret bundle", kSensitive);
}

Response<SecretProperties> SecretClient::updateSecretProperties(std::string_view name,
                                                                std::string_view version,
                                                                const UpdateSecretPropertiesOptions& options,
                                                                const Context& context) const {
    validateName(name, kSecretNoun);
    validateVersion(version);
    auto request = jsonRequest(Method::Patch, impl_->vault.url({"secrets", name, version}).str(),
                               updateSecretBody(options));
    return sendAndParse<SecretProperties>(*impl_->vault.pipeline, request, {200}, parsePropertiesRoot,
                                          context, "secret bundle");
}

Pager<SecretProperties> SecretClient::listPropertiesOfSecrets(const KeyVaultListOptions& options,
                                                              const Context& context) const {
    return listPager<SecretProperties>(impl_->vault, {"secrets"}, options, parseSecretProperties,
                                       "secret list", context);
}

Pager<SecretProperties> SecretClient::listPropertiesOfSecretVersions(std::string_view name,
                                                                     const KeyVaultListOptions& options,
                                                                     const Context& context) const {
    validateName(name, kSecretNoun);
    return listPager<SecretProperties>(impl_->vault, {"secrets", name, "versions"}, options,
                                       parseSecretProperties, "secret version list", context);
}

Operation<DeletedSecret> SecretClient::startDeleteSecret(std::string_view name,
                                                         const Context& context) const {
    validateName(name, kSecretNoun);
    http::Request request(Method::Delete, impl_->vault.url({"secrets", name}).str());
    auto deleted = sendAndParse<DeletedSecret>(*impl_->vault.pipeline, request, {200}, parseDeletedRoot,
                                               context, "deleted secret bundle", kSensitive);
    // Without soft delete there is no deleted secret to wait for.
    const bool done = !deleted.value.recoveryId.has_value();
    return pollUntilReadable<DeletedSecret>(impl_->vault, impl_->vault.url({"deletedsecrets", name}).str(),
                                            parseDeletedSecret, pollResultOf(std::move(deleted), done),
                                            std::string(name),
                                            "deletion of secret '" + std::string(name) + "'");
}

Response<DeletedSecret> SecretClient::getDeletedSecret(std::string_view name, const Context& context) const {
    validateName(name, kSecretNoun);
    http::Request request(Method::Get, impl_->vault.url({"deletedsecrets", name}).str());
    return sendAndParse<DeletedSecret>(*impl_->vault.pipeline, request, {200}, parseDeletedRoot, context,
                                       "deleted secret bundle", kSensitive);
}

Pager<DeletedSecret> SecretClient::listDeletedSecrets(const KeyVaultListOptions& options,
                                                      const Context& context) const {
    return listPager<DeletedSecret>(impl_->vault, {"deletedsecrets"}, options, parseDeletedSecret,
                                    "deleted secret list", context);
}

Operation<SecretProperties> SecretClient::startRecoverDeletedSecret(std::string_view name,
                                                                    const Context& context) const {
    validateName(name, kSecretNoun);
    http::Request request(Method::Post, impl_->vault.url({"deletedsecrets", name, "recover"}).str());
    auto recovered = sendAndParse<SecretProperties>(
        *impl_->vault.pipeline, request, {200}, parsePropertiesRoot, context, "secret bundle", kSensitive);
    return pollUntilReadable<SecretProperties>(impl_->vault, impl_->vault.url({"secrets", name, ""}).str(),
                                               parseSecretProperties,
                                               pollResultOf(std::move(recovered), false), std::string(name),
                                               "recovery of secret '" + std::string(name) + "'");
}

Response<std::monostate> SecretClient::purgeDeletedSecret(std::string_view name,
                                                          const Context& context) const {
    validateName(name, kSecretNoun);
    http::Request request(Method::Delete, impl_->vault.url({"deletedsecrets", name}).str());
    return kvb::detail::sendNoContent(*impl_->vault.pipeline, request, {204}, context);
}

Response<std::vector<std::uint8_t>> SecretClient::backupSecret(std::string_view name,
                                                               const Context& context) const {
    validateName(name, kSecretNoun);
    http::Request request(Method::Post, impl_->vault.url({"secrets", name, "backup"}).str());
    return sendAndParse<std::vector<std::uint8_t>>(
        *impl_->vault.pipeline, request, {200},
        [](const JsonValue& root) {
            return base64UrlDecode(
                kvb::detail::requireString(kvb::detail::requireObject(root, "backup"), "value"),
                "backup value");
        },
        context, "backup result");
}

Response<SecretProperties> SecretClient::restoreSecretBackup(std::span<const std::uint8_t> backup,
                                                             const Context& context) const {
    if (backup.empty()) throw InvalidArgument("backup blob is empty");
    JsonWriter body;
    body.startObject();
    writeBytes(body, "value", backup);
    body.endObject();
    auto request = jsonRequest(Method::Post, impl_->vault.url({"secrets", "restore"}).str(), body.view());
    return sendAndParse<SecretProperties>(*impl_->vault.pipeline, request, {200}, parsePropertiesRoot,
                                          context, "secret bundle", kSensitive);
}

} // namespace kvb::keyvault
