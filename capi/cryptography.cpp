// SPDX-License-Identifier: MIT
// CryptographyClient and its results in the C ABI.

#include <kvbridge/keyvault/cryptography_client.hpp>

#include <string>
#include <vector>

#include "documents/keys.hpp"
#include "keys.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

using CryptographyClientHandle = ValueHandle<Tag::CryptographyClient, keyvault::CryptographyClient>;

/** Any operation's result in one shape; the output is kept wiped since decrypt/unwrap give secrets. */
struct CryptoResultHandle : HandleBase {
    static constexpr Tag kTag = Tag::CryptoResult;
    std::string keyId;
    std::string algorithm;
    SecretBytes output;
    std::vector<std::uint8_t> iv, tag, aad;
    bool valid = false;
    CryptoResultHandle(std::string k, std::string a)
        : HandleBase(kTag), keyId(std::move(k)), algorithm(std::move(a)) {}
};

const keyvault::CryptographyClient& clientOf(const kvb_cryptography_client* handle) {
    return unwrap<CryptographyClientHandle>(handle).value;
}

/** Run @p call (which returns a result model) and hand out its parts through @p fill. */
template <class Call, class Fill>
int resultCall(kvb_crypto_result** out, Call call, Fill fill) {
    resetOut(out);
    auto result = call();
    auto handle = std::make_unique<CryptoResultHandle>(std::move(result.keyId), std::move(result.algorithm));
    fill(*handle, result);
    *out = reinterpret_cast<kvb_crypto_result*>(handle.release());
    return KVB_OK;
}

SecretBytes copyBytes(const std::vector<std::uint8_t>& bytes) {
    return SecretBytes(std::span<const std::uint8_t>(bytes));
}

std::vector<std::uint8_t> vectorOf(const uint8_t* data, size_t size, const char* what) {
    const auto bytes = bytesIn(data, size, what);
    return {bytes.begin(), bytes.end()};
}

void fillSignature(CryptoResultHandle& h, const keyvault::SignResult& r) {
    h.output = copyBytes(r.signature);
}
void fillVerify(CryptoResultHandle& h, const keyvault::VerifyResult& r) {
    h.valid = r.isValid;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_cryptography_options_init(kvb_cryptography_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_cryptography_client_new(kvb_cryptography_client** out, const char* key_id,
                                const kvb_credential* credential,
                                const kvb_cryptography_options* cryptography,
                                const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        const auto& c = optionsOrDefaults(cryptography);
        keyvault::CryptographyClientOptions o;
        static_cast<keyvault::KeyVaultClientOptions&>(o) = keyVaultOptions(options);
        o.localPublicOperations = c.local_public_operations != 0;
        if (c.public_key_jwk) o.publicKey = readJwk(c.public_key_jwk);
        keyvault::CryptographyClient client(std::string(required(key_id, "key_id")), credentialOf(credential),
                                            std::move(o));
        return returnHandle<CryptographyClientHandle>(out, std::move(client));
    });
}

void kvb_cryptography_client_free(kvb_cryptography_client* client) {
    freeHandle<CryptographyClientHandle>(client);
}

int kvb_cryptography_client_get_key(kvb_key** out, const kvb_cryptography_client* client) {
    return guard([&] {
        resetOut(out);
        return returnKey(out, clientOf(client).getKey().value);
    });
}

int kvb_cryptography_client_encrypt(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                    const char* algorithm, const uint8_t* plaintext, size_t size,
                                    const uint8_t* iv, size_t iv_size, const uint8_t* aad, size_t aad_size) {
    return guard([&] {
        keyvault::EncryptParameters p;
        p.algorithm = required(algorithm, "algorithm");
        p.plaintext = bytesIn(plaintext, size, "plaintext");
        p.iv = vectorOf(iv, iv_size, "iv");
        p.additionalAuthenticatedData = vectorOf(aad, aad_size, "aad");
        return resultCall(
            out, [&] { return clientOf(client).encrypt(p); },
            [](CryptoResultHandle& h, keyvault::EncryptResult& r) {
                h.output = copyBytes(r.ciphertext);
                h.iv = std::move(r.iv);
                h.tag = std::move(r.authenticationTag);
                h.aad = std::move(r.additionalAuthenticatedData);
            });
    });
}

int kvb_cryptography_client_decrypt(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                    const char* algorithm, const uint8_t* ciphertext, size_t size,
                                    const uint8_t* iv, size_t iv_size, const uint8_t* aad, size_t aad_size,
                                    const uint8_t* tag, size_t tag_size) {
    return guard([&] {
        keyvault::DecryptParameters p;
        p.algorithm = required(algorithm, "algorithm");
        p.ciphertext = bytesIn(ciphertext, size, "ciphertext");
        p.iv = vectorOf(iv, iv_size, "iv");
        p.additionalAuthenticatedData = vectorOf(aad, aad_size, "aad");
        p.authenticationTag = vectorOf(tag, tag_size, "tag");
        return resultCall(
            out, [&] { return clientOf(client).decrypt(p); },
            [](CryptoResultHandle& h, keyvault::DecryptResult& r) { h.output = std::move(r.plaintext); });
    });
}

int kvb_cryptography_client_wrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                     const char* algorithm, const uint8_t* key, size_t size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).wrapKey(required(algorithm, "algorithm"), bytesIn(key, size, "key"));
            },
            [](CryptoResultHandle& h, keyvault::WrapResult& r) { h.output = copyBytes(r.encryptedKey); });
    });
}

int kvb_cryptography_client_unwrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                       const char* algorithm, const uint8_t* encrypted_key, size_t size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).unwrapKey(required(algorithm, "algorithm"),
                                                  bytesIn(encrypted_key, size, "encrypted_key"));
            },
            [](CryptoResultHandle& h, keyvault::UnwrapResult& r) { h.output = std::move(r.key); });
    });
}

int kvb_cryptography_client_secure_wrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                            const char* algorithm) {
    return guard([&] {
        return resultCall(
            out, [&] { return clientOf(client).secureWrapKey(required(algorithm, "algorithm")); },
            [](CryptoResultHandle& h, keyvault::WrapResult& r) { h.output = copyBytes(r.encryptedKey); });
    });
}

int kvb_cryptography_client_secure_unwrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                              const char* algorithm, const uint8_t* encrypted_key,
                                              size_t size, const char* target_attestation_token) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).secureUnwrapKey(
                    required(algorithm, "algorithm"), bytesIn(encrypted_key, size, "encrypted_key"),
                    required(target_attestation_token, "target_attestation_token"));
            },
            [](CryptoResultHandle& h, keyvault::UnwrapResult& r) { h.output = std::move(r.key); });
    });
}

int kvb_cryptography_client_sign(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                 const char* algorithm, const uint8_t* digest, size_t size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).sign(required(algorithm, "algorithm"),
                                             bytesIn(digest, size, "digest"));
            },
            fillSignature);
    });
}

int kvb_cryptography_client_verify(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                   const char* algorithm, const uint8_t* digest, size_t digest_size,
                                   const uint8_t* signature, size_t signature_size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).verify(required(algorithm, "algorithm"),
                                               bytesIn(digest, digest_size, "digest"),
                                               bytesIn(signature, signature_size, "signature"));
            },
            fillVerify);
    });
}

int kvb_cryptography_client_sign_data(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                      const char* algorithm, const uint8_t* data, size_t size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).signData(required(algorithm, "algorithm"),
                                                 bytesIn(data, size, "data"));
            },
            fillSignature);
    });
}

int kvb_cryptography_client_verify_data(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                        const char* algorithm, const uint8_t* data, size_t size,
                                        const uint8_t* signature, size_t signature_size) {
    return guard([&] {
        return resultCall(
            out,
            [&] {
                return clientOf(client).verifyData(required(algorithm, "algorithm"),
                                                   bytesIn(data, size, "data"),
                                                   bytesIn(signature, signature_size, "signature"));
            },
            fillVerify);
    });
}

int kvb_crypto_result_bytes(const uint8_t** data, size_t* size, const kvb_crypto_result* result, int which) {
    return guard([&] {
        requireOut(data);
        requireOut(size);
        const auto& h = unwrap<CryptoResultHandle>(result);
        std::span<const std::uint8_t> part;
        switch (which) {
        case KVB_CRYPTO_OUTPUT: part = h.output.reveal(); break;
        case KVB_CRYPTO_IV: part = h.iv; break;
        case KVB_CRYPTO_TAG: part = h.tag; break;
        case KVB_CRYPTO_AAD: part = h.aad; break;
        default: throw InvalidArgument("unknown kvb_crypto_result part");
        }
        *data = part.data();
        *size = part.size();
        return KVB_OK;
    });
}

const char* kvb_crypto_result_key_id(const kvb_crypto_result* result) {
    return borrowText<CryptoResultHandle>(
        result, [](const CryptoResultHandle& h) -> const std::string& { return h.keyId; });
}

const char* kvb_crypto_result_algorithm(const kvb_crypto_result* result) {
    return borrowText<CryptoResultHandle>(
        result, [](const CryptoResultHandle& h) -> const std::string& { return h.algorithm; });
}

int kvb_crypto_result_is_valid(const kvb_crypto_result* result) {
    int valid = 0;
    guard([&] {
        valid = unwrap<CryptoResultHandle>(result).valid ? 1 : 0;
        return KVB_OK;
    });
    return valid;
}

void kvb_crypto_result_free(kvb_crypto_result* result) {
    freeHandle<CryptoResultHandle>(result);
}

} // extern "C"
