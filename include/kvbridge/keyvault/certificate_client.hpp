// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file certificate_client.hpp
 * @brief CertificateClient: the Key Vault certificates data plane.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/certificate.hpp>
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

/** @brief Options of CertificateClient. */
using CertificateClientOptions = KeyVaultClientOptions;

/**
 * @brief Creates, imports, reads, renews and deletes certificates in one vault, and manages its
 * issuers and contacts.
 *
 * Every method is const and thread-safe; copies share one pipeline. Failures throw (see
 * error.hpp): InvalidArgument for a bad name or option (nothing is sent), NotFoundError,
 * ConflictError, ServiceError for service answers, ParseError for a malformed body, CryptoError
 * when key material cannot be read or does not match.
 */
class KVB_EXPORT CertificateClient {
public:
    /**
     * @brief A client of the vault at @p vaultUrl; nothing is sent until the first call.
     * @param[in] vaultUrl    https://{vault}.vault.azure.net (no path).
     * @param[in] credential  token source; Key Vault's 401 challenge picks scope and tenant.
     * @param[in] options     api-version, transport, retry and logging.
     * @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version.
     */
    CertificateClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                      CertificateClientOptions options = {});

    /** @return The vault URL as normalized (https://host[:port]). */
    const std::string& vaultUrl() const noexcept;

    // --- create and the pending operation -------------------------------------------------

    /**
     * @brief Start creating a certificate (a new version if @p name exists) with @p policy
     * (POST /certificates/{name}/create). The vault makes the key; a self-signed certificate is
     * done in seconds, an issuer's takes as long as the issuer, kUnknownIssuer waits for
     * mergeCertificate().
     * @param[in] name     the certificate's name.
     * @param[in] policy   key, subject, validity, issuer and secret format.
     * @param[in] options  attributes and tags of the new version.
     * @param[in] context  cancellation and deadline of the create request.
     * @return A poller over the pending operation: done when its status leaves "inProgress"
     * (check value().isCompleted() and value().error). pollUntilDone() honours Retry-After.
     * resumeToken() is the operation id; resumeCreateCertificate() continues it elsewhere.
     * @throws InvalidArgument for a bad name or policy option (nothing sent); ConflictError when
     *         a creation is already pending or the name is soft-deleted.
     */
    Operation<CertificateOperation> startCreateCertificate(std::string_view name,
                                                           const CertificatePolicy& policy,
                                                           const CreateCertificateOptions& options = {},
                                                           const Context& context = {}) const;

    /**
     * @brief A poller for a creation started elsewhere; asks the service once before returning.
     * @param[in] resumeToken  Operation<CertificateOperation>::resumeToken() (the operation id).
     * @param[in] context      cancellation and deadline of that first poll.
     * @return The poller, as startCreateCertificate() returned it.
     * @throws InvalidArgument when the token is not a pending-operation id of this vault.
     */
    Operation<CertificateOperation> resumeCreateCertificate(std::string_view resumeToken,
                                                            const Context& context = {}) const;

    /**
     * @brief Read the pending operation of @p name (GET /certificates/{name}/pending).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The operation: status, CSR, error, target.
     * @throws InvalidArgument for a bad name; NotFoundError when none is pending.
     */
    Response<CertificateOperation> getCertificateOperation(std::string_view name,
                                                           const Context& context = {}) const;
    /**
     * @brief Ask the service to cancel the pending operation (PATCH .../pending with
     * cancellation_requested = true); the issuer may still finish first.
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The operation as updated.
     * @throws InvalidArgument for a bad name; NotFoundError when none is pending.
     */
    Response<CertificateOperation> cancelCertificateOperation(std::string_view name,
                                                              const Context& context = {}) const;
    /**
     * @brief Delete the pending operation (DELETE .../pending): no certificate comes of it.
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The operation as it was.
     * @throws InvalidArgument for a bad name; NotFoundError when none is pending.
     */
    Response<CertificateOperation> deleteCertificateOperation(std::string_view name,
                                                              const Context& context = {}) const;

    /**
     * @brief Finish a kUnknownIssuer creation with the chain signed from the operation's CSR
     * (POST /certificates/{name}/pending/merge).
     * @param[in] name     the certificate's name.
     * @param[in] options  the signed certificate first, then its chain (DER); attributes, tags.
     * @param[in] context  cancellation and deadline.
     * @return The certificate created.
     * @throws InvalidArgument when options.x509Certificates is empty; ServiceError when the
     *         certificate does not match the pending key.
     */
    Response<KeyVaultCertificate> mergeCertificate(std::string_view name,
                                                   const MergeCertificateOptions& options,
                                                   const Context& context = {}) const;

    // --- read and update -----------------------------------------------------------------

    /**
     * @brief Read the latest version, with its policy (GET /certificates/{name}).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The certificate: DER, thumbprint, key and secret ids, policy.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<KeyVaultCertificate> getCertificate(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Read one version (GET /certificates/{name}/{version}); the policy is not included.
     * @param[in] name     the certificate's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] context  cancellation and deadline.
     * @return The certificate version.
     * @throws InvalidArgument for a bad name or version; NotFoundError.
     */
    Response<KeyVaultCertificate> getCertificateVersion(std::string_view name, std::string_view version,
                                                        const Context& context = {}) const;

    /**
     * @brief Every certificate's latest version, properties only (GET /certificates).
     * @param[in] options  page size; includePending to list creations not yet finished.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 (nothing sent).
     */
    Pager<CertificateProperties> listPropertiesOfCertificates(const KeyVaultListOptions& options = {},
                                                              const Context& context = {}) const;
    /**
     * @brief Every version of @p name, properties only (GET /certificates/{name}/versions).
     * @param[in] name     the certificate's name.
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a bad name, a page size outside 1-25 or includePending.
     */
    Pager<CertificateProperties> listPropertiesOfCertificateVersions(std::string_view name,
                                                                     const KeyVaultListOptions& options = {},
                                                                     const Context& context = {}) const;

    /**
     * @brief Update attributes and tags of one version (PATCH /certificates/{name}/{version}).
     * @param[in] name     the certificate's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] options  the fields to change; unset ones stay as they are.
     * @param[in] context  cancellation and deadline.
     * @return The version after the change.
     * @throws InvalidArgument for a bad name or version; NotFoundError.
     */
    Response<KeyVaultCertificate>
    updateCertificateProperties(std::string_view name, std::string_view version,
                                const UpdateCertificatePropertiesOptions& options,
                                const Context& context = {}) const;

    /**
     * @brief Read the policy used for the certificate's next version (GET
     * /certificates/{name}/policy).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The policy.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<CertificatePolicy> getCertificatePolicy(std::string_view name,
                                                     const Context& context = {}) const;
    /**
     * @brief Change the policy used by the next renewal or creation (PATCH
     * /certificates/{name}/policy); existing versions are not touched.
     * @param[in] name     the certificate's name.
     * @param[in] policy   the fields to replace; unset optionals are not sent.
     * @param[in] context  cancellation and deadline.
     * @return The policy as stored.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<CertificatePolicy> updateCertificatePolicy(std::string_view name,
                                                        const CertificatePolicy& policy,
                                                        const Context& context = {}) const;

    /**
     * @brief Import a PFX or PEM (certificate and private key) as a new version of @p name
     * (POST /certificates/{name}/import).
     * The content type is derived from the value and always set; a PKCS#1/SEC1 PEM key is
     * converted to PKCS#8; a PFX is re-encoded when options.reencode asks. The body carrying the
     * value and password is wiped once sent.
     * @param[in] name     the certificate's name.
     * @param[in] options  the value, its password, policy, attributes and tags.
     * @param[in] context  cancellation and deadline.
     * @return The imported version.
     * @throws InvalidArgument for a bad name, an empty value or a certificate without a key;
     *         CryptoError when the PFX/PEM cannot be read; ServiceError when the vault refuses it.
     */
    Response<KeyVaultCertificate> importCertificate(std::string_view name,
                                                    const ImportCertificateOptions& options,
                                                    const Context& context = {}) const;

    /**
     * @brief The certificate with its private key, read from the linked secret (sid) the way a
     * VM extension reads it. The content is parsed and its certificate checked against the
     * version's cer.
     * @param[in] name     the certificate's name.
     * @param[in] version  the version; empty: the latest.
     * @param[in] context  cancellation and deadline of both requests.
     * @return The content (PFX or PEM), its type, the secret id and the checked thumbprint.
     * @throws InvalidArgument for a bad name or version; NotFoundError; ParseError when the sid
     *         is not a secret of this vault; CryptoError when the secret cannot be read as
     *         PFX/PEM or holds another certificate.
     */
    Response<DownloadedCertificate> downloadCertificate(std::string_view name, std::string_view version = {},
                                                        const Context& context = {}) const;

    // --- delete, recover, purge, backup ---------------------------------------------------

    /**
     * @brief Delete every version, with its key and secret (DELETE /certificates/{name}).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline of the delete request.
     * @return A poller, done once the deleted certificate can be read (at once on vaults without
     *         soft delete). resumeToken() is the name.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Operation<DeletedCertificate> startDeleteCertificate(std::string_view name,
                                                         const Context& context = {}) const;
    /**
     * @brief Bring a soft-deleted certificate back, with its key and secret (POST
     * /deletedcertificates/{name}/recover).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline of the recover request.
     * @return A poller, done once the certificate can be read again.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Operation<KeyVaultCertificate> startRecoverDeletedCertificate(std::string_view name,
                                                                  const Context& context = {}) const;
    /**
     * @brief Read a soft-deleted certificate (GET /deletedcertificates/{name}).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The deleted certificate, with its recovery id and purge date.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<DeletedCertificate> getDeletedCertificate(std::string_view name,
                                                       const Context& context = {}) const;
    /**
     * @brief Every soft-deleted certificate (GET /deletedcertificates).
     * @param[in] options  page size; includePending for deleted creations not yet finished.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25.
     */
    Pager<DeletedCertificate> listDeletedCertificates(const KeyVaultListOptions& options = {},
                                                      const Context& context = {}) const;
    /**
     * @brief Delete a soft-deleted certificate for good (DELETE /deletedcertificates/{name}, 204).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad name; NotFoundError; ServiceError when the vault refuses.
     */
    Response<std::monostate> purgeDeletedCertificate(std::string_view name,
                                                     const Context& context = {}) const;

    /**
     * @brief Every version as one blob only Key Vault can read (POST /certificates/{name}/backup).
     * @param[in] name     the certificate's name.
     * @param[in] context  cancellation and deadline.
     * @return The blob, for restoreCertificateBackup().
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<std::vector<std::uint8_t>> backupCertificate(std::string_view name,
                                                          const Context& context = {}) const;
    /**
     * @brief Restore a backupCertificate() blob, every version (POST /certificates/restore).
     * @param[in] backup   the blob as backupCertificate() returned it.
     * @param[in] context  cancellation and deadline.
     * @return The restored certificate (latest version).
     * @throws InvalidArgument for an empty blob; ConflictError when the name exists, even
     *         soft-deleted.
     */
    Response<KeyVaultCertificate> restoreCertificateBackup(std::span<const std::uint8_t> backup,
                                                           const Context& context = {}) const;

    // --- issuers ---------------------------------------------------------------------------

    /**
     * @brief Create or replace an issuer (PUT /certificates/issuers/{name}). The request body,
     * which carries the account password, is wiped once sent.
     * @param[in] issuer   name and provider required; account, organization, administrators.
     * @param[in] context  cancellation and deadline.
     * @return The issuer as stored (without the password).
     * @throws InvalidArgument for a bad name or a missing provider.
     */
    Response<CertificateIssuer> createIssuer(const CertificateIssuer& issuer,
                                             const Context& context = {}) const;
    /**
     * @brief Read an issuer (GET /certificates/issuers/{name}).
     * @param[in] name     the issuer's name.
     * @param[in] context  cancellation and deadline.
     * @return The issuer (without the password).
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<CertificateIssuer> getIssuer(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Update the fields set in @p issuer (PATCH /certificates/issuers/{name}).
     * @param[in] issuer   name required; the fields to change.
     * @param[in] context  cancellation and deadline.
     * @return The issuer after the change.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<CertificateIssuer> updateIssuer(const CertificateIssuer& issuer,
                                             const Context& context = {}) const;
    /**
     * @brief Remove an issuer from the vault (DELETE /certificates/issuers/{name}).
     * @param[in] name     the issuer's name.
     * @param[in] context  cancellation and deadline.
     * @return The issuer as it was.
     * @throws InvalidArgument for a bad name; NotFoundError.
     */
    Response<CertificateIssuer> deleteIssuer(std::string_view name, const Context& context = {}) const;
    /**
     * @brief Every issuer of the vault (GET /certificates/issuers).
     * @param[in] options  page size.
     * @param[in] context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-25 or includePending.
     */
    Pager<CertificateIssuerProperties> listPropertiesOfIssuers(const KeyVaultListOptions& options = {},
                                                               const Context& context = {}) const;

    // --- contacts --------------------------------------------------------------------------

    /**
     * @brief Replace the vault's certificate contacts (PUT /certificates/contacts).
     * @param[in] contacts  who Key Vault e-mails about certificate lifetime events.
     * @param[in] context   cancellation and deadline.
     * @return The contacts as stored.
     */
    Response<CertificateContacts> setContacts(const std::vector<CertificateContact>& contacts,
                                              const Context& context = {}) const;
    /**
     * @brief Read the vault's certificate contacts (GET /certificates/contacts).
     * @param[in] context  cancellation and deadline.
     * @return The contacts.
     * @throws NotFoundError when the vault has none.
     */
    Response<CertificateContacts> getContacts(const Context& context = {}) const;
    /**
     * @brief Remove every contact (DELETE /certificates/contacts).
     * @param[in] context  cancellation and deadline.
     * @return The contacts removed.
     * @throws NotFoundError when the vault has none.
     */
    Response<CertificateContacts> deleteContacts(const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
