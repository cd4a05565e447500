// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file cryptography_client.hpp
 * @brief CryptographyClient: encrypt, decrypt, wrap, unwrap, sign and verify with one vault key.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/cryptography.hpp>
#include <kvbridge/keyvault/key.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/response.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kvb::keyvault {

/** @brief Options of CryptographyClient. */
struct CryptographyClientOptions : KeyVaultClientOptions {
    /**
     * @brief Run encrypt, wrapKey and verify (RSA and EC) locally with OpenSSL once the key's
     * public part is known: given in @ref publicKey, or fetched by getKey() (or, lazily, by the
     * first public operation). Private operations always go to the vault.
     */
    bool localPublicOperations = false;
    /** @brief The key's public JWK, if the caller already has it (no fetch needed). */
    std::optional<JsonWebKey> publicKey;
};

/**
 * @brief Cryptographic operations with one Key Vault key. Thread-safe, const methods; copies
 * share the pipeline and the cached public key. Results are not wrapped in Response<> since
 * local operations have no HTTP response.
 *
 * @throws InvalidArgument for an unknown algorithm, a digest of the wrong size or a missing
 * IV/tag (nothing sent); ServiceError subclasses for service failures; CryptoError when a local
 * operation cannot use the key.
 */
class KVB_EXPORT CryptographyClient {
public:
    /**
     * @param[in] keyId https://{vault}/keys/{name}[/{version}] (no version: the latest).
     * @throws InvalidArgument when @p keyId is not a key id.
     */
    CryptographyClient(std::string keyId, std::shared_ptr<const identity::TokenCredential> credential,
                       CryptographyClientOptions options = {});

    const std::string& keyId() const noexcept;

    /** @brief GET the key (public part) and remember it for local public operations. */
    Response<KeyVaultKey> getKey(const Context& context = {}) const;

    EncryptResult encrypt(const EncryptParameters& parameters, const Context& context = {}) const;
    /** @brief Shorthand for RSA algorithms. */
    EncryptResult encrypt(std::string_view algorithm, std::span<const std::uint8_t> plaintext,
                          const Context& context = {}) const;
    DecryptResult decrypt(const DecryptParameters& parameters, const Context& context = {}) const;
    DecryptResult decrypt(std::string_view algorithm, std::span<const std::uint8_t> ciphertext,
                          const Context& context = {}) const;

    WrapResult wrapKey(std::string_view algorithm, std::span<const std::uint8_t> key,
                       const Context& context = {}) const;
    UnwrapResult unwrapKey(std::string_view algorithm, std::span<const std::uint8_t> encryptedKey,
                           const Context& context = {}) const;

    /**
     * @brief Have the vault's trusted execution environment make a fresh 256-bit AES key and
     * return it wrapped with this key (POST .../securewrapkey). The plain key never leaves the TEE.
     * @param[in] algorithm a wrap algorithm that suits the key: RSA-OAEP-256 (RSA keys) or
     * A128KW/A192KW/A256KW (oct keys).
     * @throws InvalidArgument on api-versions older than 2026-04-01 or for an unknown
     * algorithm (nothing sent).
     */
    WrapResult secureWrapKey(std::string_view algorithm, const Context& context = {}) const;
    /**
     * @brief Unwrap a key made by secureWrapKey for an attested environment
     * (POST .../secureunwrapkey).
     * @param[in] targetAttestationToken the Microsoft Azure Attestation token of the environment
     * that receives the key; required.
     * @throws InvalidArgument on api-versions older than 2026-04-01, an unknown algorithm, an
     * empty key or token (nothing sent).
     */
    UnwrapResult secureUnwrapKey(std::string_view algorithm, std::span<const std::uint8_t> encryptedKey,
                                 std::string_view targetAttestationToken, const Context& context = {}) const;

    /** @brief Sign a digest already computed with the algorithm's hash. */
    SignResult sign(std::string_view algorithm, std::span<const std::uint8_t> digest,
                    const Context& context = {}) const;
    VerifyResult verify(std::string_view algorithm, std::span<const std::uint8_t> digest,
                        std::span<const std::uint8_t> signature, const Context& context = {}) const;

    /** @brief Hash @p data locally (SHA-256/384/512 per algorithm), then sign the digest. */
    SignResult signData(std::string_view algorithm, std::span<const std::uint8_t> data,
                        const Context& context = {}) const;
    /** @brief Hash @p data locally, then verify. */
    VerifyResult verifyData(std::string_view algorithm, std::span<const std::uint8_t> data,
                            std::span<const std::uint8_t> signature, const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace kvb::keyvault
