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
    /** @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version. */
    KeyClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
              KeyClientOptions options = {});

    const std::string& vaultUrl() const noexcept;

    /** @brief Create a key (or a new version) of type @p keyType (KeyType). */
    Response<KeyVaultKey> createKey(std::string_view name, std::string_view keyType,
                                    const CreateKeyOptions& options = {}, const Context& context = {}) const;
    /** @brief RSA (RSA-HSM when options.hardwareProtected). */
    Response<KeyVaultKey> createRsaKey(std::string_view name, const CreateKeyOptions& options = {},
                                       const Context& context = {}) const;
    /** @brief EC (EC-HSM when options.hardwareProtected); options.curve defaults to P-256. */
    Response<KeyVaultKey> createEcKey(std::string_view name, const CreateKeyOptions& options = {},
                                      const Context& context = {}) const;
    /** @brief oct (oct-HSM when options.hardwareProtected). */
    Response<KeyVaultKey> createOctKey(std::string_view name, const CreateKeyOptions& options = {},
                                       const Context& context = {}) const;

    /** @brief Import key material. The request body is wiped once sent. */
    Response<KeyVaultKey> importKey(std::string_view name, const JsonWebKey& key,
                                    const ImportKeyOptions& options = {}, const Context& context = {}) const;

    /** @brief A key's public part and properties; empty @p version: the latest. */
    Response<KeyVaultKey> getKey(std::string_view name, std::string_view version = {},
                                 const Context& context = {}) const;

    Response<KeyVaultKey> updateKeyProperties(std::string_view name, std::string_view version,
                                              const UpdateKeyPropertiesOptions& options,
                                              const Context& context = {}) const;

    Pager<KeyProperties> listPropertiesOfKeys(const KeyVaultListOptions& options = {},
                                              const Context& context = {}) const;
    Pager<KeyProperties> listPropertiesOfKeyVersions(std::string_view name,
                                                     const KeyVaultListOptions& options = {},
                                                     const Context& context = {}) const;

    /** @brief Delete; done once the deleted key can be read. Resume token: the key name. */
    Operation<DeletedKey> startDeleteKey(std::string_view name, const Context& context = {}) const;
    Response<DeletedKey> getDeletedKey(std::string_view name, const Context& context = {}) const;
    Pager<DeletedKey> listDeletedKeys(const KeyVaultListOptions& options = {},
                                      const Context& context = {}) const;
    /** @brief Recover; done once the key can be read again. */
    Operation<KeyVaultKey> startRecoverDeletedKey(std::string_view name, const Context& context = {}) const;
    Response<std::monostate> purgeDeletedKey(std::string_view name, const Context& context = {}) const;

    Response<std::vector<std::uint8_t>> backupKey(std::string_view name, const Context& context = {}) const;
    Response<KeyVaultKey> restoreKeyBackup(std::span<const std::uint8_t> backup,
                                           const Context& context = {}) const;

    /** @brief Create a new version following the key's rotation policy. */
    Response<KeyVaultKey> rotateKey(std::string_view name, const Context& context = {}) const;
    Response<KeyRotationPolicy> getKeyRotationPolicy(std::string_view name,
                                                     const Context& context = {}) const;
    Response<KeyRotationPolicy> updateKeyRotationPolicy(std::string_view name,
                                                        const KeyRotationPolicy& policy,
                                                        const Context& context = {}) const;

    /** @brief @p count (1-128) random bytes from the HSM. */
    Response<SecretBytes> getRandomBytes(int count, const Context& context = {}) const;

    /** @brief Release an exportable key to an attested environment. */
    Response<ReleaseKeyResult> releaseKey(std::string_view name, std::string_view version,
                                          std::string_view targetAttestationToken,
                                          const ReleaseKeyOptions& options = {},
                                          const Context& context = {}) const;

    /**
     * @brief The key with properties.attestation set.
     * @throws InvalidArgument on api-versions older than 2026-04-01 (nothing sent).
     */
    Response<KeyVaultKey> getKeyAttestation(std::string_view name, std::string_view version = {},
                                            const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
