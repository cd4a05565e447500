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
     * @brief A client of the vault at @p vaultUrl; nothing is sent until the first call.
     * @param[in] vaultUrl    https://{vault}[:port], no path.
     * @param[in] credential  source of Entra ID tokens (shared); Key Vault's 401 challenge picks
     *                        the scope and tenant.
     * @param[in] options     api-version, transport, retry and logging.
     * @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version.
     */
    SecretClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                 SecretClientOptions options = {});

    /** @return The vault URL, normalized (https://host[:port]). */
    const std::string& vaultUrl() const noexcept;

    /**
     * @brief Store @p value under @p name (PUT /secrets/{name}): a new secret, or a new version
     * that becomes the latest. The request body is wiped once sent.
     * @param[in] name     the secret's name.
     * @param[in] value    the value to store.
     * @param[in] options  content type, tags and attributes of the new version.
     * @param[in] context  cancellation and deadline.
     * @return The new version, with its value.
     * @throws InvalidArgument for a bad name; ConflictError when a soft-deleted secret holds the
     *         name (recover or purge it first); ServiceError for other refusals.
     */
    Response<KeyVaultSecret> setSecret(std::string_view name, const SecretString& value,
                                       const SetSecretOptions& options = {},
                                       const Context& context = {}) const;

    /**
     * @brief Read one version of a secret with its value (GET /secrets/{name}/{version}).
     * @param[in] name     the secret's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] options  outContentType, to have a certificate's PFX served as PEM.
     * @param[in] context  cancellation and deadline.
     * @return The secret and its value.
     * @throws InvalidArgument for a bad name or version, or outContentType before 2026-04-01;
     *         NotFoundError when there is no such secret or version.
     */
    Response<KeyVaultSecret> getSecret(std::string_view name, std::string_view version = {},
                                       const GetSecretOptions& options = {},
                                       const Context& context = {}) const;

    /**
     * @brief Change the attributes, tags or content type of one version (PATCH
     * /secrets/{name}/{version}); the value cannot change (setSecret() makes a new version).
     * @param[in] name     the secret's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] options  the fields to change; unset ones stay as they are.
     * @param[in] context  cancellation and deadline.
     * @return The version's properties after the change.
     * @throws InvalidArgument for a bad name or version; NotFoundError.
     */
    Response<SecretProperties> updateSecretProperties(std::string_view name, std::string_view version,
                                                      const UpdateSecretPropertiesOptions& options,
                                                      const Context& context = {}) const;

    /**
     * @brief The latest version of every secret, without values (GET /secrets), one page at a time.
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 or includePending (nothing sent).
     */
    Pager<SecretProperties> listPropertiesOfSecrets(const KeyVaultListOptions& options = {},
                                                    const Context& context = {}) const;

    /**
     * @brief Every version of secret @p name, without values (GET /secrets/{name}/versions).
     * @param[in] name     the secret's name.
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a bad name, a page size outside 1-25 or includePending.
     */
    Pager<SecretProperties> listPropertiesOfSecretVersions(std::string_view name,
                                                           const KeyVaultListOptions& options = {},
                                                           const Context& context = {}) const;

    /**
     * @brief Delete every version of a secret (DELETE /secrets/{name}). On a vault with soft
     * delete the secret becomes a deleted secret that can be recovered or purged.
     * @param[in] name     the secret's name.
     * @param[in] context  cancellation and deadline of the delete request.
     * @return A poller, done once the deleted secret can be read (at once on vaults without soft
     *         delete). Its resume token is the secret name.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Operation<DeletedSecret> startDeleteSecret(std::string_view name, const Context& context = {}) const;

    /**
     * @brief Read a soft-deleted secret (GET /deletedsecrets/{name}).
     * @param[in] name     the secret's name.
     * @param[in] context  cancellation and deadline.
     * @return The deleted secret, with its recovery id and purge date.
     * @throws InvalidArgument for a bad name; NotFoundError when no deleted secret has the name.
     */
    Response<DeletedSecret> getDeletedSecret(std::string_view name, const Context& context = {}) const;

    /**
     * @brief Every soft-deleted secret, without values (GET /deletedsecrets).
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 or includePending.
     */
    Pager<DeletedSecret> listDeletedSecrets(const KeyVaultListOptions& options = {},
                                            const Context& context = {}) const;

    /**
     * @brief Bring a soft-deleted secret back, all versions (POST /deletedsecrets/{name}/recover).
     * @param[in] name     the secret's name.
     * @param[in] context  cancellation and deadline of the recover request.
     * @return A poller, done once the secret can be read again.
     * @throws InvalidArgument for a bad name; NotFoundError when no deleted secret has the name.
     */
    Operation<SecretProperties> startRecoverDeletedSecret(std::string_view name,
                                                          const Context& context = {}) const;

    /**
     * @brief Delete a soft-deleted secret for good (DELETE /deletedsecrets/{name}, 204).
     * @param[in] name     the secret's name.
     * @param[in] context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad name; NotFoundError; ServiceError when the vault refuses
     *         (e.g. purge protection).
     */
    Response<std::monostate> purgeDeletedSecret(std::string_view name, const Context& context = {}) const;

    /**
     * @brief Every version of a secret as one opaque blob that only Key Vault can read (POST
     * /secrets/{name}/backup).
     * @param[in] name     the secret's name.
     * @param[in] context  cancellation and deadline.
     * @return The blob, for restoreSecretBackup() in a vault of the same subscription and geography.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<std::vector<std::uint8_t>> backupSecret(std::string_view name,
                                                     const Context& context = {}) const;

    /**
     * @brief Restore a backupSecret() blob, every version (POST /secrets/restore).
     * @param[in] backup   the blob as backupSecret() returned it.
     * @param[in] context  cancellation and deadline.
     * @return The restored secret's properties (latest version).
     * @throws InvalidArgument for an empty blob; ConflictError when the name exists, even
     *         soft-deleted.
     */
    Response<SecretProperties> restoreSecretBackup(std::span<const std::uint8_t> backup,
                                                   const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
