// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file key_client.hpp
 * @brief KeyClient: the Key Vault keys data plane (not the cryptographic operations).
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/key.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/operation.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/response.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kvb::keyvault {

/** @brief Options of KeyClient. */
using KeyClientOptions = KeyVaultClientOptions;

/**
 * @brief Manages the keys of one vault. Const methods, thread-safe; copies share the pipeline.
 * Arguments are validated first (names, sizes vs types, curves) and InvalidArgument is thrown
 * with nothing sent; service failures throw ServiceError subclasses.
 */
class KVB_EXPORT KeyClient {
public:
    /**
     * @brief A client of the vault at @p vaultUrl; nothing is sent until the first call.
     * @param[in] vaultUrl    https://{vault}[:port], no path.
     * @param[in] credential  source of Entra ID tokens (shared); Key Vault's 401 challenge picks
     *                        the scope and tenant.
     * @param[in] options     api-version, transport, retry and logging.
     * @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version.
     */
    KeyClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
              KeyClientOptions options = {});

    /** @return The vault URL, normalized (https://host[:port]). */
    const std::string& vaultUrl() const noexcept;

    /**
     * @brief Have the vault generate a key (POST /keys/{name}/create): a new key, or a new
     * version that becomes the latest. The private part never leaves the vault.
     * @param[in] name     the key's name.
     * @param[in] keyType  a KeyType value ("RSA", "EC-HSM", ...).
     * @param[in] options  size, curve, operations, attributes, tags and release policy.
     * @param[in] context  cancellation and deadline.
     * @return The new version (its public part).
     * @throws InvalidArgument for a bad name, an unknown type, or a size or curve that does not
     *         suit the type (nothing sent); ServiceError subclasses for refusals.
     */
    Response<KeyVaultKey> createKey(std::string_view name, std::string_view keyType,
                                    const CreateKeyOptions& options = {}, const Context& context = {}) const;
    /**
     * @brief createKey() with type RSA (RSA-HSM when options.hardwareProtected).
     * @param[in] name     the key's name.
     * @param[in] options  as createKey(); keySize 2048, 3072 or 4096.
     * @param[in] context  cancellation and deadline.
     * @return The new version (its public part).
     * @throws as createKey().
     */
    Response<KeyVaultKey> createRsaKey(std::string_view name, const CreateKeyOptions& options = {},
                                       const Context& context = {}) const;
    /**
     * @brief createKey() with type EC (EC-HSM when options.hardwareProtected).
     * @param[in] name     the key's name.
     * @param[in] options  as createKey(); curve defaults to P-256.
     * @param[in] context  cancellation and deadline.
     * @return The new version (its public part).
     * @throws as createKey().
     */
    Response<KeyVaultKey> createEcKey(std::string_view name, const CreateKeyOptions& options = {},
                                      const Context& context = {}) const;
    /**
     * @brief createKey() with type oct (oct-HSM when options.hardwareProtected), an AES key.
     * @param[in] name     the key's name.
     * @param[in] options  as createKey(); keySize 128, 192 or 256.
     * @param[in] context  cancellation and deadline.
     * @return The new version (no key material: a symmetric key is never shown).
     * @throws as createKey().
     */
    Response<KeyVaultKey> createOctKey(std::string_view name, const CreateKeyOptions& options = {},
                                       const Context& context = {}) const;

    /**
     * @brief Import key material made elsewhere (PUT /keys/{name}) as a new key or version. The
     * request body, which carries the private parts, is wiped once sent.
     * @param[in] name     the key's name.
     * @param[in] key      the JSON Web Key, private parts included; kty is required.
     * @param[in] options  HSM protection, attributes, tags and release policy.
     * @param[in] context  cancellation and deadline.
     * @return The new version (its public part).
     * @throws InvalidArgument for a bad name or a key without kty; ServiceError when the vault
     *         refuses the material.
     */
    Response<KeyVaultKey> importKey(std::string_view name, const JsonWebKey& key,
                                    const ImportKeyOptions& options = {}, const Context& context = {}) const;

    /**
     * @brief Read a key's public part and properties (GET /keys/{name}/{version}).
     * @param[in] name     the key's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] context  cancellation and deadline.
     * @return The key.
     * @throws InvalidArgument for a bad name or version; NotFoundError.
     */
    Response<KeyVaultKey> getKey(std::string_view name, std::string_view version = {},
                                 const Context& context = {}) const;

    /**
     * @brief Change the operations, attributes, tags or release policy of one version (PATCH
     * /keys/{name}/{version}); the key material cannot change.
     * @param[in] name     the key's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] options  the fields to change; unset ones stay as they are.
     * @param[in] context  cancellation and deadline.
     * @return The version after the change.
     * @throws InvalidArgument for a bad name or version; NotFoundError.
     */
    Response<KeyVaultKey> updateKeyProperties(std::string_view name, std::string_view version,
                                              const UpdateKeyPropertiesOptions& options,
                                              const Context& context = {}) const;

    /**
     * @brief The latest version of every key, without key material (GET /keys).
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 or includePending (nothing sent).
     */
    Pager<KeyProperties> listPropertiesOfKeys(const KeyVaultListOptions& options = {},
                                              const Context& context = {}) const;
    /**
     * @brief Every version of key @p name (GET /keys/{name}/versions).
     * @param[in] name     the key's name.
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a bad name, a page size outside 1-25 or includePending.
     */
    Pager<KeyProperties> listPropertiesOfKeyVersions(std::string_view name,
                                                     const KeyVaultListOptions& options = {},
                                                     const Context& context = {}) const;

    /**
     * @brief Delete every version of a key (DELETE /keys/{name}); with soft delete it can still
     * be recovered or purged.
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline of the delete request.
     * @return A poller, done once the deleted key can be read (at once without soft delete).
     *         Its resume token is the key name.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Operation<DeletedKey> startDeleteKey(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Read a soft-deleted key (GET /deletedkeys/{name}).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline.
     * @return The deleted key, with its recovery id and purge date.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<DeletedKey> getDeletedKey(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Every soft-deleted key (GET /deletedkeys).
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 or includePending.
     */
    Pager<DeletedKey> listDeletedKeys(const KeyVaultListOptions& options = {},
                                      const Context& context = {}) const;
    /**
     * @brief Bring a soft-deleted key back, all versions (POST /deletedkeys/{name}/recover).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline of the recover request.
     * @return A poller, done once the key can be read again.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Operation<KeyVaultKey> startRecoverDeletedKey(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Delete a soft-deleted key for good (DELETE /deletedkeys/{name}, 204).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad name; NotFoundError; ServiceError when the vault refuses.
     */
    Response<std::monostate> purgeDeletedKey(std::string_view name, const Context& context = {}) const;

    /**
     * @brief Every version of a key as one blob only Key Vault can read (POST /keys/{name}/backup).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline.
     * @return The blob, for restoreKeyBackup().
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<std::vector<std::uint8_t>> backupKey(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Restore a backupKey() blob, every version (POST /keys/restore).
     * @param[in] backup   the blob as backupKey() returned it.
     * @param[in] context  cancellation and deadline.
     * @return The restored key (latest version).
     * @throws InvalidArgument for an empty blob; ConflictError when the name exists, even
     *         soft-deleted.
     */
    Response<KeyVaultKey> restoreKeyBackup(std::span<const std::uint8_t> backup,
                                           const Context& context = {}) const;

    /**
     * @brief Have the vault make a new version now, following the key's rotation policy (POST
     * /keys/{name}/rotate).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline.
     * @return The new version.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<KeyVaultKey> rotateKey(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Read a key's rotation policy (GET /keys/{name}/rotationpolicy).
     * @param[in] name     the key's name.
     * @param[in] context  cancellation and deadline.
     * @return The policy.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<KeyRotationPolicy> getKeyRotationPolicy(std::string_view name,
                                                     const Context& context = {}) const;
    /**
     * @brief Set a key's rotation policy (PUT /keys/{name}/rotationpolicy).
     * @param[in] name     the key's name.
     * @param[in] policy   the whole policy; it replaces the current one.
     * @param[in] context  cancellation and deadline.
     * @return The policy as stored.
     * @throws InvalidArgument for a bad name; ServiceError when the vault refuses the policy.
     */
    Response<KeyRotationPolicy> updateKeyRotationPolicy(std::string_view name,
                                                        const KeyRotationPolicy& policy,
                                                        const Context& context = {}) const;

    /**
     * @brief Random bytes from the vault's HSM (POST /rng; Managed HSM).
     * @param[in] count    how many, 1-128.
     * @param[in] context  cancellation and deadline.
     * @return The bytes, wiped when dropped.
     * @throws InvalidArgument for a count outside 1-128.
     */
    Response<SecretBytes> getRandomBytes(int count, const Context& context = {}) const;

    /**
     * @brief Release an exportable key to an attested environment (POST
     * /keys/{name}/{version}/release): the vault checks the attestation against the key's release
     * policy and answers with the key wrapped for that environment.
     * @param[in] name                    the key's name.
     * @param[in] version                 the version; empty: the latest.
     * @param[in] targetAttestationToken  the environment's attestation token; required.
     * @param[in] options                 nonce and wrapping algorithm.
     * @param[in] context                 cancellation and deadline.
     * @return The signed object holding the released key.
     * @throws InvalidArgument for a bad name or version or an empty token; ServiceError when the
     *         policy refuses.
     */
    Response<ReleaseKeyResult> releaseKey(std::string_view name, std::string_view version,
                                          std::string_view targetAttestationToken,
                                          const ReleaseKeyOptions& options = {},
                                          const Context& context = {}) const;

    /**
     * @brief Read an HSM key with the HSM's attestation of it (GET
     * /keys/{name}/{version}/attestation).
     * @param[in] name     the key's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] context  cancellation and deadline.
     * @return The key with properties.attestation set.
     * @throws InvalidArgument for a bad name or version, or on api-versions older than
     *         2026-04-01 (nothing sent); NotFoundError.
     */
    Response<KeyVaultKey> getKeyAttestation(std::string_view name, std::string_view version = {},
                                            const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
