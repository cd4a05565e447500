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
     * @param[in] vaultUrl    https://{vault}.vault.azure.net (no path).
     * @param[in] credential  Token source; Key Vault's 401 challenge picks scope and tenant.
     * @throws InvalidArgument for a non-https URL, a null credential or an unknown api-version.
     */
    CertificateClient(std::string vaultUrl, std::shared_ptr<const identity::TokenCredential> credential,
                      CertificateClientOptions options = {});

    /** @brief The vault URL as normalized (https://host[:port]). */
    const std::string& vaultUrl() const noexcept;

    // --- create and the pending operation -------------------------------------------------

    /**
     * @brief Start creating a certificate (a new version if @p name exists) with @p policy.
     * @return A poller over the pending operation: done when its status leaves "inProgress"
     * (check value().isCompleted() and value().error). pollUntilDone() honours Retry-After.
     * resumeToken() is the operation id; resumeCreateCertificate() continues it elsewhere.
     */
    Operation<CertificateOperation> startCreateCertificate(std::string_view name,
                                                           const CertificatePolicy& policy,
                                                           const CreateCertificateOptions& options = {},
                                                           const Context& context = {}) const;

    /**
     * @brief A poller for a creation started elsewhere.
     * @param[in] resumeToken  Operation<CertificateOperation>::resumeToken() (the operation id).
     * @throws InvalidArgument when the token is not a pending-operation id of this vault.
     */
    Operation<CertificateOperation> resumeCreateCertificate(std::string_view resumeToken,
                                                            const Context& context = {}) const;

    /** @brief GET the pending operation of @p name. */
    Response<CertificateOperation> getCertificateOperation(std::string_view name,
                                                           const Context& context = {}) const;
    /** @brief Ask the service to cancel the pending operation (cancellation_requested = true). */
    Response<CertificateOperation> cancelCertificateOperation(std::string_view name,
                                                              const Context& context = {}) const;
    /** @brief Delete the pending operation (the certificate is not created). */
    Response<CertificateOperation> deleteCertificateOperation(std::string_view name,
                                                              const Context& context = {}) const;

    /**
     * @brief Finish a kUnknownIssuer creation with the chain signed from the operation's CSR.
     * @throws InvalidArgument when options.x509Certificates is empty.
     */
    Response<KeyVaultCertificate> mergeCertificate(std::string_view name,
                                                   const MergeCertificateOptions& options,
                                                   const Context& context = {}) const;

    // --- read and update -----------------------------------------------------------------

    /** @brief The latest version, with its policy. */
    Response<KeyVaultCertificate> getCertificate(std::string_view name, const Context& context = {}) const;
    /** @brief One version (empty @p version: the latest). */
    Response<KeyVaultCertificate> getCertificateVersion(std::string_view name, std::string_view version,
                                                        const Context& context = {}) const;

    /** @brief Every certificate's latest version (properties only). */
    Pager<CertificateProperties> listPropertiesOfCertificates(const KeyVaultListOptions& options = {},
                                                              const Context& context = {}) const;
    /** @brief Every version of @p name (properties only). */
    Pager<CertificateProperties> listPropertiesOfCertificateVersions(std::string_view name,
                                                                     const KeyVaultListOptions& options = {},
                                                                     const Context& context = {}) const;

    /** @brief Update attributes and tags of one version (empty @p version: the latest). */
    Response<KeyVaultCertificate>
    updateCertificateProperties(std::string_view name, std::string_view version,
                                const UpdateCertificatePropertiesOptions& options,
                                const Context& context = {}) const;

    Response<CertificatePolicy> getCertificatePolicy(std::string_view name,
                                                     const Context& context = {}) const;
    /** @brief Replace the fields set in @p policy (used by the next renewal). */
    Response<CertificatePolicy> updateCertificatePolicy(std::string_view name,
                                                        const CertificatePolicy& policy,
                                                        const Context& context = {}) const;

    /**
     * @brief Import a PFX or PEM (certificate and private key) as a new version of @p name.
     * The content type is derived from the value and always set; a PKCS#1/SEC1 PEM key is
     * converted to PKCS#8; a PFX is re-encoded when options.reencode asks. The body carrying the
     * value and password is wiped once sent.
     * @throws InvalidArgument for an empty value; CryptoError when the PFX/PEM cannot be read.
     */
    Response<KeyVaultCertificate> importCertificate(std::string_view name,
                                                    const ImportCertificateOptions& options,
                                                    const Context& context = {}) const;

    /**
     * @brief The certificate with its private key, read from the linked secret (sid) the way a
     * VM extension reads it. The content is parsed and its certificate checked against the
     * version's cer.
     * @throws CryptoError when the secret cannot be read as PFX/PEM or holds another certificate.
     */
    Response<DownloadedCertificate> downloadCertificate(std::string_view name, std::string_view version = {},
                                                        const Context& context = {}) const;

    // --- delete, recover, purge, backup ---------------------------------------------------

    /**
     * @brief Delete every version. The poller is done once the deleted certificate can be read
     * (at once on vaults without soft delete). resumeToken() is the name.
     */
    Operation<DeletedCertificate> startDeleteCertificate(std::string_view name,
                                                         const Context& context = {}) const;
    /** @brief Recover a soft-deleted certificate; done once it can be read again. */
    Operation<KeyVaultCertificate> startRecoverDeletedCertificate(std::string_view name,
                                                                  const Context& context = {}) const;
    Response<DeletedCertificate> getDeletedCertificate(std::string_view name,
                                                       const Context& context = {}) const;
    Pager<DeletedCertificate> listDeletedCertificates(const KeyVaultListOptions& options = {},
                                                      const Context& context = {}) const;
    /** @brief Delete for good (204). */
    Response<std::monostate> purgeDeletedCertificate(std::string_view name,
                                                     const Context& context = {}) const;

    /** @brief An opaque blob holding every version, for restoreCertificateBackup. */
    Response<std::vector<std::uint8_t>> backupCertificate(std::string_view name,
                                                          const Context& context = {}) const;
    Response<KeyVaultCertificate> restoreCertificateBackup(std::span<const std::uint8_t> backup,
                                                           const Context& context = {}) const;

    // --- issuers ---------------------------------------------------------------------------

    /** @brief Create or replace issuer @p issuer.name (provider required). */
    Response<CertificateIssuer> createIssuer(const CertificateIssuer& issuer,
                                             const Context& context = {}) const;
    Response<CertificateIssuer> getIssuer(std::string_view name, const Context& context = {}) const;
    /** @brief Update the fields set in @p issuer (name required). */
    Response<CertificateIssuer> updateIssuer(const CertificateIssuer& issuer,
                                             const Context& context = {}) const;
    Response<CertificateIssuer> deleteIssuer(std::string_view name, const Context& context = {}) const;
    Pager<CertificateIssuerProperties> listPropertiesOfIssuers(const KeyVaultListOptions& options = {},
                                                               const Context& context = {}) const;

    // --- contacts --------------------------------------------------------------------------

    /** @brief Replace the vault's certificate contacts. */
    Response<CertificateContacts> setContacts(const std::vector<CertificateContact>& contacts,
                                              const Context& context = {}) const;
    Response<CertificateContacts> getContacts(const Context& context = {}) const;
    /** @brief Remove every contact; returns the ones removed. */
    Response<CertificateContacts> deleteContacts(const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::keyvault
