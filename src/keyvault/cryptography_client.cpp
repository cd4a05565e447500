// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/cryptography_client.hpp>

#include <algorithm>
#include <mutex>

#include "core/call.hpp"
#include "keyvault/base64url.hpp"
#include "keyvault/key_json.hpp"
#include "keyvault/keyvault_common.hpp"
#include "keyvault/local_crypto.hpp"

namespace kvb::keyvault {

using http::Method;
using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

namespace {

constexpr std::string_view kEncryptionAlgorithms[] = {"RSA1_5",  "RSA-OAEP",   "RSA-OAEP-256", "A128GCM",
                                                      "A192GCM", "A256GCM",    "A128CBC",      "A192CBC",
                                                      "A256CBC", "A128CBCPAD", "A192CBCPAD",   "A256CBCPAD"};
constexpr std::string_view kWrapAlgorithms[] = {"RSA1_5", "RSA-OAEP", "RSA-OAEP-256",
                                                "A128KW", "A192KW",   "A256KW"};

template <std::size_t N>
void requireAlgorithm(std::string_view algorithm, const std::string_view (&known)[N], std::string_view what) {
    if (std::find(std::begin(known), std::end(known), algorithm) == std::end(known))
        throw InvalidArgument("unknown " + std::string(what) + " algorithm '" + std::string(algorithm) + "'");
}

bool isGcm(std::string_view algorithm) {
    return algorithm.ends_with("GCM");
}
bool isCbc(std::string_view algorithm) {
    return algorithm.find("CBC") != std::string_view::npos;
}

void requireDigest(std::string_view algorithm, std::span<const std::uint8_t> digest) {
    const auto size = signatureDigestSize(algorithm);
    if (digest.size() != size)
        throw InvalidArgument(std::string(algorithm) + " needs a " + std::to_string(size) + "-byte digest");
}

/** The KeyOperationResult fields every operation answers with. */
struct OperationResult {
    std::string keyId;
    std::vector<std::uint8_t> value;
    SecretBytes secretValue;
    std::vector<std::uint8_t> iv, tag, aad;
};

} // namespace

struct CryptographyClient::Impl {
    Impl(VaultConnection v, std::string id, std::string keyName, std::string keyVersion, bool local)
        : vault(std::move(v)), keyId(std::move(id)), name(std::move(keyName)), localPublicOperations(local),
          version(std::move(keyVersion)) {}

    VaultConnection vault;
    std::string keyId;
    std::string name;
    bool localPublicOperations;
    mutable std::mutex mutex;
    mutable std::string version; // resolved on first use when the id names none
    mutable std::optional<JsonWebKey> publicKey;
    mutable std::shared_ptr<const LocalPublicKey> localKey;

    Response<KeyVaultKey> fetchKey(const Context& context) const {
        std::string known;
        {
            std::lock_guard lock(mutex);
            known = version;
        }
        http::Request request(Method::Get, vault.url({"keys", name, known}).str());
        auto response = kvb::detail::sendAndParse<KeyVaultKey>(
            *vault.pipeline, request, {200},
            [](const JsonValue& root) { return parseKey(kvb::detail::requireObject(root, "key bundle")); },
            context, "key bundle");
        remember(response.value);
        return response;
    }

    void remember(const KeyVaultKey& key) const {
        std::lock_guard lock(mutex);
        if (version.empty()) version = key.properties.version;
        JsonWebKey pub;
        pub.kid = key.key.kid;
        pub.kty = key.key.kty;
        pub.keyOps = key.key.keyOps;
        pub.n = key.key.n;
        pub.e = key.key.e;
        pub.crv = key.key.crv;
        pub.x = key.key.x;
        pub.y = key.key.y;
        publicKey = std::move(pub);
        localKey.reset();
    }

    std::string resolvedVersion(const Context& context) const {
        {
            std::lock_guard lock(mutex);
            if (!version.empty()) return version;
        }
        fetchKey(context);
        std::lock_guard lock(mutex);
        return version;
    }

    /** The local key when local public operations are on and the key suits them; else null. */
    std::shared_ptr<const LocalPublicKey> local(const Context& context) const {
        if (!localPublicOperations) return nullptr;
        bool known = false;
        {
            std::lock_guard lock(mutex);
            known = publicKey.has_value();
        }
        if (!known) fetchKey(context);
        std::lock_guard lock(mutex);
        const auto& kty = publicKey->kty;
        if (kty != KeyType::Rsa && kty != KeyType::RsaHsm && kty != KeyType::Ec && kty != KeyType::EcHsm)
            return nullptr;
        if (!localKey) localKey = std::make_shared<const LocalPublicKey>(*publicKey);
        return localKey;
    }

    void requireSecureKeyOperations() const {
        vault.requireApiVersion("2026-04-01", "secure key wrap and unwrap");
    }

    std::string currentKid() const {
        std::lock_guard lock(mutex);
        return publicKey ? publicKey->kid : keyId;
    }

    /** POST keys/{name}/{version}/{operation} with @p body; parse the KeyOperationResult. */
    OperationResult post(std::string_view operation, const JsonWriter& body, bool sensitiveRequest,
                         bool sensitiveResponse, const Context& context) const {
        const std::string v = resolvedVersion(context);
        auto request = jsonRequest(Method::Post, vault.url({"keys", name, v, operation}).str(), body.view(),
                                   sensitiveRequest);
        auto response = kvb::detail::sendAndParse<OperationResult>(
            *vault.pipeline, request, {200},
            [&](const JsonValue& root) {
                const auto& obj = kvb::detail::requireObject(root, "key operation result");
                OperationResult r;
                r.keyId = kvb::detail::optString(obj, "kid").value_or(keyId);
                if (sensitiveResponse)
                    r.secretValue = optSecretBytes(obj, "value");
                else
                    r.value = optBytes(obj, "value");
                r.iv = optBytes(obj, "iv");
                r.tag = optBytes(obj, "tag");
                r.aad = optBytes(obj, "aad");
                return r;
            },
            context, "key operation result", sensitiveResponse);
        return std::move(response.value);
    }
};

namespace {
/** {"alg": ..., "value": ...} plus optional extras. */
void startOperationBody(JsonWriter& w, std::string_view algorithm, std::span<const std::uint8_t> value) {
    w.startObject();
    w.member("alg", algorithm);
    if (value.empty()) w.member("value", "");
    writeBytes(w, "value", value);
}
} // namespace

CryptographyClient::CryptographyClient(std::string keyId,
                                       std::shared_ptr<const identity::TokenCredential> credential,
                                       CryptographyClientOptions options) {
    const auto id = KeyVaultId::parse(keyId);
    if (id.collection != "keys")
        throw InvalidArgument("a key id looks like https://{vault}/keys/{name}[/{version}]");
    validateName(id.name, "key");
    validateVersion(id.version);
    auto impl = std::make_shared<Impl>(VaultConnection(id.vaultUrl, std::move(credential), options),
                                       std::move(keyId), id.name, id.version, options.localPublicOperations);
    if (options.publicKey) {
        KeyVaultKey given;
        given.key = *options.publicKey;
        if (!given.key.kid.empty()) given.properties.version = KeyVaultId::parse(given.key.kid).version;
        impl->remember(given);
    }
    impl_ = std::move(impl);
}

const std::string& CryptographyClient::keyId() const noexcept {
    return impl_->keyId;
}

Response<KeyVaultKey> CryptographyClient::getKey(const Context& context) const {
    return impl_->fetchKey(context);
}

EncryptResult CryptographyClient::encrypt(const EncryptParameters& p, const Context& context) const {
    requireAlgorithm(p.algorithm, kEncryptionAlgorithms, "encryption");
    if (isCbc(p.algorithm) && p.iv.size() != 16) throw InvalidArgument(p.algorithm + " needs a 16-byte iv");
    if (!isGcm(p.algorithm) && !p.additionalAuthenticatedData.empty())
        throw InvalidArgument("additional authenticated data is only valid with AES-GCM");
    if (isLocalEncryption(p.algorithm))
        if (auto key = impl_->local(context); key && key->isRsa())
            return {impl_->currentKid(), p.algorithm, key->encrypt(p.algorithm, p.plaintext), {}, {}, {}};
    JsonWriter body(kSensitive);
    startOperationBody(body, p.algorithm, p.plaintext);
    writeBytes(body, "iv", p.iv);
    writeBytes(body, "aad", p.additionalAuthenticatedData);
    body.endObject();
    auto r = impl_->post("encrypt", body, kSensitive, false, context);
    return {std::move(r.keyId), p.algorithm,
            std::move(r.value), std::move(r.iv),
            std::move(r.tag),   r.aad.empty() ? p.additionalAuthenticatedData : std::move(r.aad)};
}

EncryptResult CryptographyClient::encrypt(std::string_view algorithm, std::span<const std::uint8_t> plaintext,
                                          const Context& context) const {
    EncryptParameters p;
    p.algorithm = algorithm;
    p.plaintext = plaintext;
    return encrypt(p, context);
}

DecryptResult CryptographyClient::decrypt(const DecryptParameters& p, const Context& context) const {
    requireAlgorithm(p.algorithm, kEncryptionAlgorithms, "encryption");
    if (isCbc(p.algorithm) && p.iv.size() != 16) throw InvalidArgument(p.algorithm + " needs a 16-byte iv");
    if (isGcm(p.algorithm) && (p.iv.empty() || p.authenticationTag.empty()))
        throw InvalidArgument(p.algorithm + " decryption needs the iv and the authentication tag");
    if (p.ciphertext.empty()) throw InvalidArgument("ciphertext is empty");
    JsonWriter body;
    startOperationBody(body, p.algorithm, p.ciphertext);
    writeBytes(body, "iv", p.iv);
    writeBytes(body, "aad", p.additionalAuthenticatedData);
    writeBytes(body, "tag", p.authenticationTag);
    body.endObject();
    auto r = impl_->post("decrypt", body, false, kSensitive, context);
    return {std::move(r.keyId), p.algorithm, std::move(r.secretValue)};
}

DecryptResult CryptographyClient::decrypt(std::string_view algorithm,
                                          std::span<const std::uint8_t> ciphertext,
                                          const Context& context) const {
    DecryptParameters p;
    p.algorithm = algorithm;
    p.ciphertext = ciphertext;
    return decrypt(p, context);
}

WrapResult CryptographyClient::wrapKey(std::string_view algorithm, std::span<const std::uint8_t> key,
                                       const Context& context) const {
    requireAlgorithm(algorithm, kWrapAlgorithms, "key wrap");
    if (key.empty()) throw InvalidArgument("the key to wrap is empty");
    if (isLocalEncryption(algorithm))
        if (auto local = impl_->local(context); local && local->isRsa())
            return {impl_->currentKid(), std::string(algorithm), local->encrypt(algorithm, key)};
    JsonWriter body(kSensitive);
    startOperationBody(body, algorithm, key);
    body.endObject();
    auto r = impl_->post("wrapkey", body, kSensitive, false, context);
    return {std::move(r.keyId), std::string(algorithm), std::move(r.value)};
}

UnwrapResult CryptographyClient::unwrapKey(std::string_view algorithm,
                                           std::span<const std::uint8_t> encryptedKey,
                                           const Context& context) const {
    requireAlgorithm(algorithm, kWrapAlgorithms, "key wrap");
    if (encryptedKey.empty()) throw InvalidArgument("the encrypted key is empty");
    JsonWriter body;
    startOperationBody(body, algorithm, encryptedKey);
    body.endObject();
    auto r = impl_->post("unwrapkey", body, false, kSensitive, context);
    return {std::move(r.keyId), std::string(algorithm), std::move(r.secretValue)};
}

WrapResult CryptographyClient::secureWrapKey(std::string_view algorithm, const Context& context) const {
    impl_->requireSecureKeyOperations();
    requireAlgorithm(algorithm, kWrapAlgorithms, "key wrap");
    JsonWriter body;
    body.startObject();
    body.member("alg", algorithm);
    body.endObject();
    auto r = impl_->post("securewrapkey", body, false, false, context);
    return {std::move(r.keyId), std::string(algorithm), std::move(r.value)};
}

UnwrapResult CryptographyClient::secureUnwrapKey(std::string_view algorithm,
                                                 std::span<const std::uint8_t> encryptedKey,
                                                 std::string_view targetAttestationToken,
                                                 const Context& context) const {
    impl_->requireSecureKeyOperations();
    requireAlgorithm(algorithm, kWrapAlgorithms, "key wrap");
    if (encryptedKey.empty()) throw InvalidArgument("the encrypted key is empty");
    if (targetAttestationToken.empty()) throw InvalidArgument("the target attestation token is required");
    JsonWriter body;
    startOperationBody(body, algorithm, encryptedKey);
    body.member("target", targetAttestationToken);
    body.endObject();
    auto r = impl_->post("secureunwrapkey", body, false, kSensitive, context);
    return {std::move(r.keyId), std::string(algorithm), std::move(r.secretValue)};
}

SignResult CryptographyClient::sign(std::string_view algorithm, std::span<const std::uint8_t> digest,
                                    const Context& context) const {
    requireDigest(algorithm, digest);
    JsonWriter body;
    startOperationBody(body, algorithm, digest);
    body.endObject();
    auto r = impl_->post("sign", body, false, false, context);
    return {std::move(r.keyId), std::string(algorithm), std::move(r.value)};
}

VerifyResult CryptographyClient::verify(std::string_view algorithm, std::span<const std::uint8_t> digest,
                                        std::span<const std::uint8_t> signature,
                                        const Context& context) const {
    requireDigest(algorithm, digest);
    if (signature.empty()) throw InvalidArgument("signature is empty");
    if (auto local = impl_->local(context); local && isLocalSignature(algorithm, local->isRsa()))
        return {impl_->currentKid(), std::string(algorithm), local->verify(algorithm, digest, signature)};
    JsonWriter body;
    body.startObject();
    body.member("alg", algorithm);
    writeBytes(body, "digest", digest);
    writeBytes(body, "value", signature);
    body.endObject();
    const std::string v = impl_->resolvedVersion(context);
    auto request =
        jsonRequest(Method::Post, impl_->vault.url({"keys", impl_->name, v, "verify"}).str(), body.view());
    auto response = kvb::detail::sendAndParse<bool>(
        *impl_->vault.pipeline, request, {200},
        [](const JsonValue& root) {
            return kvb::detail::optBool(kvb::detail::requireObject(root, "verify result"), "value")
                .value_or(false);
        },
        context, "verify result");
    return {impl_->currentKid(), std::string(algorithm), response.value};
}

SignResult CryptographyClient::signData(std::string_view algorithm, std::span<const std::uint8_t> data,
                                        const Context& context) const {
    return sign(algorithm, digestFor(algorithm, data), context);
}

VerifyResult CryptographyClient::verifyData(std::string_view algorithm, std::span<const std::uint8_t> data,
                                            std::span<const std::uint8_t> signature,
                                            const Context& context) const {
    return verify(algorithm, digestFor(algorithm, data), signature, context);
}

} // namespace kvb::keyvault
