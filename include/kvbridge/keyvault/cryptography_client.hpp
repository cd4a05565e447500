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
     * @brief A client of the key @p keyId; nothing is sent until the first call.
     * @param[in] keyId       https://{vault}/keys/{name}[/{version}] (no version: the latest).
     * @param[in] credential  source of Entra ID tokens (shared).
     * @param[in] options     api-version, transport, and whether public operations run locally.
     * @throws InvalidArgument when @p keyId is not a key id, or for a null credential.
     */
    CryptographyClient(std::string keyId, std::shared_ptr<const identity::TokenCredential> credential,
                       CryptographyClientOptions options = {});

    /** @return The key id as given. */
    const std::string& keyId() const noexcept;

    /**
     * @brief Read the key's public part (GET /keys/{name}/{version}) and keep it for local
     * public operations.
     * @param[in] context  cancellation and deadline.
     * @return The key.
     * @throws NotFoundError; ServiceError subclasses for other refusals.
     */
    Response<KeyVaultKey> getKey(const Context& context = {}) const;

    /**
     * @brief Encrypt with the key (POST /keys/{name}/{version}/encrypt), or locally with its
     * public part when localPublicOperations is on and the key is RSA.
     * @param[in] parameters  algorithm, plaintext and, for AES, IV and authenticated data.
     * @param[in] context     cancellation and deadline.
     * @return The ciphertext and what decrypt() needs with it.
     * @throws InvalidArgument for an unknown algorithm, a CBC IV that is not 16 bytes, or
     *         authenticated data with a non-GCM algorithm (nothing sent).
     */
    EncryptResult encrypt(const EncryptParameters& parameters, const Context& context = {}) const;
    /**
     * @brief encrypt() without IV or authenticated data, as RSA algorithms need.
     * @param[in] algorithm  an EncryptionAlgorithm value.
     * @param[in] plaintext  the data to encrypt.
     * @param[in] context    cancellation and deadline.
     * @return The ciphertext.
     * @throws as encrypt().
     */
    EncryptResult encrypt(std::string_view algorithm, std::span<const std::uint8_t> plaintext,
                          const Context& context = {}) const;
    /**
     * @brief Decrypt with the key (POST /keys/{name}/{version}/decrypt); always at the vault,
     * which holds the private part.
     * @param[in] parameters  algorithm, ciphertext and, for AES, IV, tag and authenticated data.
     * @param[in] context     cancellation and deadline.
     * @return The plaintext, wiped when dropped.
     * @throws InvalidArgument for an unknown algorithm, an empty ciphertext, a CBC IV that is
     *         not 16 bytes, or GCM without IV and tag (nothing sent).
     */
    DecryptResult decrypt(const DecryptParameters& parameters, const Context& context = {}) const;
    /**
     * @brief decrypt() without IV, tag or authenticated data, as RSA algorithms need.
     * @param[in] algorithm   an EncryptionAlgorithm value.
     * @param[in] ciphertext  the data to decrypt.
     * @param[in] context     cancellation and deadline.
     * @return The plaintext, wiped when dropped.
     * @throws as decrypt().
     */
    DecryptResult decrypt(std::string_view algorithm, std::span<const std::uint8_t> ciphertext,
                          const Context& context = {}) const;

    /**
     * @brief Wrap (encrypt) a key with this key (POST /keys/{name}/{version}/wrapkey), or
     * locally for RSA when localPublicOperations is on.
     * @param[in] algorithm  a KeyWrapAlgorithm value.
     * @param[in] key        the key to wrap.
     * @param[in] context    cancellation and deadline.
     * @return The wrapped key.
     * @throws InvalidArgument for an unknown algorithm or an empty key (nothing sent).
     */
    WrapResult wrapKey(std::string_view algorithm, std::span<const std::uint8_t> key,
                       const Context& context = {}) const;
    /**
     * @brief Unwrap a key wrapped with this key (POST /keys/{name}/{version}/unwrapkey).
     * @param[in] algorithm     the KeyWrapAlgorithm it was wrapped with.
     * @param[in] encryptedKey  the wrapped key.
     * @param[in] context       cancellation and deadline.
     * @return The key, wiped when dropped.
     * @throws InvalidArgument for an unknown algorithm or an empty input (nothing sent).
     */
    UnwrapResult unwrapKey(std::string_view algorithm, std::span<const std::uint8_t> encryptedKey,
                           const Context& context = {}) const;

    /**
     * @brief Have the vault's trusted execution environment make a fresh 256-bit AES key and
     * return it wrapped with this key (POST .../securewrapkey). The plain key never leaves the TEE.
     * @param[in] algorithm  a wrap algorithm that suits the key: RSA-OAEP-256 (RSA keys) or
     *                       A128KW/A192KW/A256KW (oct keys).
     * @param[in] context    cancellation and deadline.
     * @return The wrapped key.
     * @throws InvalidArgument on api-versions older than 2026-04-01 or for an unknown
     *         algorithm (nothing sent).
     */
    WrapResult secureWrapKey(std::string_view algorithm, const Context& context = {}) const;
    /**
     * @brief Unwrap a key made by secureWrapKey for an attested environment
     * (POST .../secureunwrapkey).
     * @param[in] algorithm               the algorithm it was wrapped with.
     * @param[in] encryptedKey            secureWrapKey()'s output.
     * @param[in] targetAttestationToken  the Microsoft Azure Attestation token of the environment
     *                                    that receives the key; required.
     * @param[in] context                 cancellation and deadline.
     * @return The key, wrapped for the attested environment, wiped when dropped.
     * @throws InvalidArgument on api-versions older than 2026-04-01, an unknown algorithm, an
     *         empty key or token (nothing sent).
     */
    UnwrapResult secureUnwrapKey(std::string_view algorithm, std::span<const std::uint8_t> encryptedKey,
                                 std::string_view targetAttestationToken, const Context& context = {}) const;

    /**
     * @brief Sign a digest already computed with the algorithm's hash (POST
     * /keys/{name}/{version}/sign); always at the vault.
     * @param[in] algorithm  a SignatureAlgorithm value.
     * @param[in] digest     the hash of the data: 32, 48 or 64 bytes as the algorithm says.
     * @param[in] context    cancellation and deadline.
     * @return The signature (ES*: r||s, not DER).
     * @throws InvalidArgument for an unknown algorithm or a digest of the wrong size.
     */
    SignResult sign(std::string_view algorithm, std::span<const std::uint8_t> digest,
                    const Context& context = {}) const;
    /**
     * @brief Check a signature over a digest (POST /keys/{name}/{version}/verify), or locally
     * (RSA and EC) when localPublicOperations is on.
     * @param[in] algorithm  the SignatureAlgorithm it was made with.
     * @param[in] digest     the hash of the data.
     * @param[in] signature  the signature to check.
     * @param[in] context    cancellation and deadline.
     * @return Whether it matches; a mismatch is not an error.
     * @throws InvalidArgument for an unknown algorithm, a digest of the wrong size or an empty
     *         signature.
     */
    VerifyResult verify(std::string_view algorithm, std::span<const std::uint8_t> digest,
                        std::span<const std::uint8_t> signature, const Context& context = {}) const;

    /**
     * @brief Hash @p data locally (SHA-256/384/512 per algorithm), then sign() the digest.
     * @param[in] algorithm  a SignatureAlgorithm value.
     * @param[in] data       the data to sign.
     * @param[in] context    cancellation and deadline.
     * @return The signature.
     * @throws as sign().
     */
    SignResult signData(std::string_view algorithm, std::span<const std::uint8_t> data,
                        const Context& context = {}) const;
    /**
     * @brief Hash @p data locally, then verify() the signature over the digest.
     * @param[in] algorithm  the SignatureAlgorithm it was made with.
     * @param[in] data       the signed data.
     * @param[in] signature  the signature to check.
     * @param[in] context    cancellation and deadline.
     * @return Whether it matches.
     * @throws as verify().
     */
    VerifyResult verifyData(std::string_view algorithm, std::span<const std::uint8_t> data,
                            std::span<const std::uint8_t> signature, const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace kvb::keyvault
