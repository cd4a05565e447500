// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file secret_client.hpp
 * @brief SecretClient: the Key Vault secrets data plane.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>
#include <kvbridge/keyvault/secret.hpp>
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

/** @brief Options of SecretClient. */
using SecretClientOptions = KeyVaultClientOptions;

/**
 * @brief Reads and writes the secrets of one vault.
 *
 * Const methods, thread-safe; copies share the pipeline. Every method validates its arguments
 * first (names: 1-127 of [0-9a-zA-Z-]) and throws InvalidArgument without sending anything.
 * Service failures throw ServiceError subclasses (NotFoundError, ConflictError, ThrottledError).
 * Secret values travel as SecretString and request/response bodies carrying them are wiped.
 */
class KVB_EXPORT SecretClient {
public:
    /**
     * @param[in] vaultUrl   https://{vault}[:port], no path.
     * @param[in] credential Source of Entra ID tokens (shared).
     * @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version.
     */
    SecretClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                 SecretClientOptions options = {});

    /** @brief The vault URL, normalized (https://host[:port]). */
    const std::string& vaultUrl() const noexcept;

    /** @brief Create a secret, or a new version of it. */
    Response<KeyVaultSecret> setSecret(std::string_view name, const SecretString& value,
                                       const SetSecretOptions& options = {},
                                       const Context& context = {}) const;

    /** @brief Get a secret; an empty @p version means the latest. */
    Response<KeyVaultSecret> getSecret(std::string_view name, std::string_view version = {},
                                       const GetSecretOptions& options = {},
                                       const Context& context = {}) const;

    /** @brief Change the attributes, tags or content type of one version (empty: latest). */
    Response<SecretProperties> updateSecretProperties(std::string_view name, std::string_view version,
                                                      const UpdateSecretPropertiesOptions& options,
                                                      const Context& context = {}) const;

    /** @brief The latest version of every secret (no values), lazily paged. */
    Pager<SecretProperties> listPropertiesOfSecrets(const KeyVaultListOptions& options = {},
                                                    const Context& context = {}) const;

    /** @brief Every version of secret @p name (no values), lazily paged. */
    Pager<SecretProperties> listPropertiesOfSecretVersions(std::string_view name,
                                                           const KeyVaultListOptions& options = {},
                                                           const Context& context = {}) const;

    /**
     * @brief Delete a secret. The operation is done once the deleted secret can be read (at
     * once on vaults without soft delete). Resume token: the secret name.
     */
    Operation<DeletedSecret> startDeleteSecret(std::string_view name, const Context& context = {}) const;

    /** @brief A soft-deleted secret. */
    Response<DeletedSecret> getDeletedSecret(std::string_view name, const Context& context = {}) const;

    /** @brief Every soft-deleted secret, lazily paged. */
    Pager<DeletedSecret> listDeletedSecrets(const KeyVaultListOptions& options = {},
                                            const Context& context = {}) const;

    /** @brief Recover a soft-deleted secret; done once the secret can be read again. */
    Operation<SecretProperties> startRecoverDeletedSecret(std::string_view name,
                                                          const Context& context = {}) const;

    /** @brief Delete a soft-deleted secret for good. */
    Response<std::monostate> purgeDeletedSecret(std::string_view name, const Context& context = {}) const;

    /** @brief Every version of a secret as an opaque, vault-protected blob. */
    Response<std::vector<std::uint8_t>> backupSecret(std::string_view name,
                                                     const Context& context = {}) const;

    /** @brief Restore a backupSecret() blob (the name must not exist, not even soft-deleted). */
    Response<SecretProperties> restoreSecretBackup(std::span<const std::uint8_t> backup,
                                                   const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
