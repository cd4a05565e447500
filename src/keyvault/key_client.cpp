// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/key_client.hpp>

#include "core/call.hpp"
#include "keyvault/base64url.hpp"
#include "keyvault/key_json.hpp"
#include "keyvault/keyvault_common.hpp"

namespace kvb::keyvault {

using http::Method;
using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;
using kvb::detail::requireObject;
using kvb::detail::sendAndParse;

struct KeyClient::Impl {
    VaultConnection vault;

    template <class T, class Parse>
    Response<T> call(http::Request& request, Parse parse, const Context& context,
                     bool sensitive = false) const {
        return sendAndParse<T>(
            *vault.pipeline, request, {200},
            [&](const JsonValue& root) { return parse(requireObject(root, "key response")); }, context,
            "key response", sensitive);
    }
    Response<KeyVaultKey> send(http::Request& request, const Context& context) const {
        return call<KeyVaultKey>(request, parseKey, context);
    }
};

namespace {
constexpr std::string_view kKeyNoun = "key";

std::string hsmType(const CreateKeyOptions& options, const char* soft, const char* hsm) {
    return options.hardwareProtected ? hsm : soft;
}
} // namespace

KeyClient::KeyClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                     KeyClientOptions options)
    : impl_(std::make_shared<const Impl>(Impl{VaultConnection(vaultUrl, std::move(credential), options)})) {}

const std::string& KeyClient::vaultUrl() const noexcept {
    return impl_->vault.vaultUrl;
}

Response<KeyVaultKey> KeyClient::createKey(std::string_view name, std::string_view keyType,
                                           const CreateKeyOptions& options, const Context& context) const {
    validateName(name, kKeyNoun);
    validateCreateKey(keyType, options);
    auto request = jsonRequest(Method::Post, impl_->vault.url({"keys", name, "create"}).str(),
                               createKeyBody(keyType, options));
    return impl_->send(request, context);
}

Response<KeyVaultKey> KeyClient::createRsaKey(std::string_view name, const CreateKeyOptions& options,
                                              const Context& context) const {
    return createKey(name, hsmType(options, KeyType::Rsa, KeyType::RsaHsm), options, context);
}

Response<KeyVaultKey> KeyClient::createEcKey(std::string_view name, const CreateKeyOptions& options,
                                             const Context& context) const {
    CreateKeyOptions withCurve = options;
    if (!withCurve.curve) withCurve.curve = KeyCurveName::P256;
    return createKey(name, hsmType(options, KeyType::Ec, KeyType::EcHsm), withCurve, context);
}

Response<KeyVaultKey> KeyClient::createOctKey(std::string_view name, const CreateKeyOptions& options,
                                              const Context& context) const {
    return createKey(name, hsmType(options, KeyType::Oct, KeyType::OctHsm), options, context);
}

Response<KeyVaultKey> KeyClient::importKey(std::string_view name, const JsonWebKey& key,
                                           const ImportKeyOptions& options, const Context& context) const {
    validateName(name, kKeyNoun);
    if (key.kty.empty()) throw InvalidArgument("the JSON Web Key needs a kty");
    JsonWriter body(kSensitive);
    writeImportKey(body, key, options);
    auto request = jsonRequest(Method::Put, impl_->vault.url({"keys", name}).str(), body.view(), kSensitive);
    return impl_->send(request, context);
}

Response<KeyVaultKey> KeyClient::getKey(std::string_view name, std::string_view version,
                                        const Context& context) const {
    validateName(name, kKeyNoun);
    validateVersion(version);
    http::Request request(Method::Get, impl_->vault.url({"keys", name, version}).str());
    return impl_->send(request, context);
}

Response<KeyVaultKey> KeyClient::updateKeyProperties(std::string_view name, std::string_view version,
                                                     const UpdateKeyPropertiesOptions& options,
                                                     const Context& context) const {
    validateName(name, kKeyNoun);
    validateVersion(version);
    auto request =
        jsonRequest(Method::Patch, impl_->vault.url({"keys", name, version}).str(), updateKeyBody(options));
    return impl_->send(request, context);
}

Pager<KeyProperties> KeyClient::listPropertiesOfKeys(const KeyVaultListOptions& options,
                                                     const Context& context) const {
    return listPager<KeyProperties>(impl_->vault, {"keys"}, options, parseKeyProperties, "key list", context);
}

Pager<KeyProperties> KeyClient::listPropertiesOfKeyVersions(std::string_view name,
                                                            const KeyVaultListOptions& options,
                                                            const Context& context) const {
    validateName(name, kKeyNoun);
    return listPager<KeyProperties>(impl_->vault, {"keys", name, "versions"}, options, parseKeyProperties,
                                    "key version list", context);
}

Operation<DeletedKey> KeyClient::startDeleteKey(std::string_view name, const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Delete, impl_->vault.url({"keys", name}).str());
    auto deleted = impl_->call<DeletedKey>(request, parseDeletedKey, context);
    const bool done = !deleted.value.recoveryId.has_value();
    return pollUntilReadable<DeletedKey>(impl_->vault, impl_->vault.url({"deletedkeys", name}).str(),
                                         parseDeletedKey, pollResultOf(std::move(deleted), done),
                                         std::string(name), "deletion of key '" + std::string(name) + "'");
}

Response<DeletedKey> KeyClient::getDeletedKey(std::string_view name, const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Get, impl_->vault.url({"deletedkeys", name}).str());
    return impl_->call<DeletedKey>(request, parseDeletedKey, context);
}

Pager<DeletedKey> KeyClient::listDeletedKeys(const KeyVaultListOptions& options,
                                             const Context& context) const {
    return listPager<DeletedKey>(impl_->vault, {"deletedkeys"}, options, parseDeletedKey, "deleted key list",
                                 context);
}

Operation<KeyVaultKey> KeyClient::startRecoverDeletedKey(std::string_view name,
                                                         const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Post, impl_->vault.url({"deletedkeys", name, "recover"}).str());
    auto recovered = impl_->send(request, context);
    return pollUntilReadable<KeyVaultKey>(impl_->vault, impl_->vault.url({"keys", name, ""}).str(), parseKey,
                                          pollResultOf(std::move(recovered), false), std::string(name),
                                          "recovery of key '" + std::string(name) + "'");
}

Response<std::monostate> KeyClient::purgeDeletedKey(std::string_view name, const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Delete, impl_->vault.url({"deletedkeys", name}).str());
    return kvb::detail::sendNoContent(*impl_->vault.pipeline, request, {204}, context);
}

Response<std::vector<std::uint8_t>> KeyClient::backupKey(std::string_view name,
                                                         const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Post, impl_->vault.url({"keys", name, "backup"}).str());
    return impl_->call<std::vector<std::uint8_t>>(
        request,
        [](const JsonValue& obj) {
            return base64UrlDecode(kvb::detail::requireString(obj, "value"), "backup value");
        },
        context);
}

Response<KeyVaultKey> KeyClient::restoreKeyBackup(std::span<const std::uint8_t> backup,
                                                  const Context& context) const {
    if (backup.empty()) throw InvalidArgument("backup blob is empty");
    JsonWriter body;
    body.startObject();
    writeBytes(body, "value", backup);
    body.endObject();
    auto request = jsonRequest(Method::Post, impl_->vault.url({"keys", "restore"}).str(), body.view());
    return impl_->send(request, context);
}

Response<KeyVaultKey> KeyClient::rotateKey(std::string_view name, const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Post, impl_->vault.url({"keys", name, "rotate"}).str());
    return impl_->send(request, context);
}

Response<KeyRotationPolicy> KeyClient::getKeyRotationPolicy(std::string_view name,
                                                            const Context& context) const {
    validateName(name, kKeyNoun);
    http::Request request(Method::Get, impl_->vault.url({"keys", name, "rotationpolicy"}).str());
    return impl_->call<KeyRotationPolicy>(request, parseRotationPolicy, context);
}

Response<KeyRotationPolicy> KeyClient::updateKeyRotationPolicy(std::string_view name,
                                                               const KeyRotationPolicy& policy,
                                                               const Context& context) const {
    validateName(name, kKeyNoun);
    auto request = jsonRequest(Method::Put, impl_->vault.url({"keys", name, "rotationpolicy"}).str(),
                               rotationPolicyBody(policy));
    return impl_->call<KeyRotationPolicy>(request, parseRotationPolicy, context);
}

Response<SecretBytes> KeyClient::getRandomBytes(int count, const Context& context) const {
    if (count < 1 || count > 128) throw InvalidArgument("random byte count must be between 1 and 128");
    JsonWriter body;
    body.startObject().member("count", count).endObject();
    auto request = jsonRequest(Method::Post, impl_->vault.url({"rng"}).str(), body.view());
    return impl_->call<SecretBytes>(
        request, [](const JsonValue& obj) { return optSecretBytes(obj, "value"); }, context, kSensitive);
}

Response<ReleaseKeyResult> KeyClient::releaseKey(std::string_view name, std::string_view version,
                                                 std::string_view targetAttestationToken,
                                                 const ReleaseKeyOptions& options,
                                                 const Context& context) const {
    validateName(name, kKeyNoun);
    validateVersion(version);
    if (targetAttestationToken.empty()) throw InvalidArgument("the target attestation token is required");
    JsonWriter body;
    body.startObject();
    body.member("target", targetAttestationToken);
    body.member("nonce", options.nonce);
    body.member("enc", options.encryptionAlgorithm);
    body.endObject();
    auto request =
        jsonRequest(Method::Post, impl_->vault.url({"keys", name, version, "release"}).str(), body.view());
    return impl_->call<ReleaseKeyResult>(
        request,
        [](const JsonValue& obj) {
            return ReleaseKeyResult{SecretString(kvb::detail::requireString(obj, "value"))};
        },
        context, kSensitive);
}

Response<KeyVaultKey> KeyClient::getKeyAttestation(std::string_view name, std::string_view version,
                                                   const Context& context) const {
    validateName(name, kKeyNoun);
    validateVersion(version);
    impl_->vault.requireApiVersion("2026-04-01", "key attestation");
    http::Request request(Method::Get, impl_->vault.url({"keys", name, version, "attestation"}).str());
    return impl_->send(request, context);
}

} // namespace kvb::keyvault
