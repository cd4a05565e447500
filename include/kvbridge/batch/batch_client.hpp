// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file batch_client.hpp
 * @brief BatchClient: certificates, pools, job schedules and jobs of an Azure Batch account
 * (data plane, api-version 2024-07-01.20.0, the last one with the Certificate_* API).
 */

#include <kvbridge/batch/certificate.hpp>
#include <kvbridge/batch/job_schedule.hpp>
#include <kvbridge/batch/pool.hpp>
#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/response.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace kvb::batch {

/** @brief Batch data-plane version with the certificate API. */
inline constexpr const char* kDefaultApiVersion = "2024-07-01.20.0";
/** @brief Entra ID scope of the Batch service (the double slash is intended). */
inline constexpr const char* kBatchScope = "https://batch.core.windows.net//.default";

/** @brief Options of BatchClient. */
struct BatchClientOptions {
    http::ClientOptions client;                  ///< Transport, retry, logging, policies.
    std::string apiVersion = kDefaultApiVersion; ///< Sent as the api-version query parameter.
    /** @brief Server-side time limit per call (the `timeout` query parameter, seconds); nullopt: none. */
    std::optional<std::chrono::seconds> serverTimeout;
    /** @brief Ask the service to echo client-request-id (return-client-request-id: true). */
    bool returnClientRequestId = false;
    /**
     * @brief Send ocp-date with bearer authentication too (Shared Key always sends it, it is
     * part of the signature).
     */
    bool sendOcpDate = true;
};

/** @brief OData options of the list operations. */
struct ListOptions {
    std::string filter; ///< $filter, e.g. "state eq 'active'"; empty: none.
    std::string select; ///< $select, comma-separated properties; empty: all.
    std::string expand; ///< $expand ("stats" for pools and job schedules); listCertificates refuses it.
    std::optional<std::int32_t> maxResults; ///< Items per page (1..1000); nullopt: service default.
};

/** @brief OData options of the get operations. */
struct GetOptions {
    std::string select; ///< $select; empty: all properties.
    std::string expand; ///< $expand; empty: none.
};

/**
 * @brief Client of one Batch account. Methods are const and thread-safe; copies share the
 * pipeline. Every request carries a fresh client-request-id (UUID) and, with a body,
 * `Content-Type: application/json; odata=minimalmetadata`.
 *
 * Errors: ServiceError with the Batch code, message and values (ServiceErrorInfo::values);
 * `400 CertificateRetired` (or the "no longer supported" answer) throws CertificateRetiredError.
 * Bad arguments throw InvalidArgument before anything is sent.
 */
class KVB_EXPORT BatchClient {
public:
    /**
     * @brief Shared Key authentication (account name and key): every request is signed.
     * @param accountUrl  "https://<account>.<region>.batch.azure.com" (no path).
     * @param credential  the account name and key (shared).
     * @param options     api-version, server timeout, transport, retry and logging.
     * @throws InvalidArgument for a non-https URL, a URL with a path, or a null credential.
     */
    BatchClient(std::string accountUrl, std::shared_ptr<const identity::SharedKeyCredential> credential,
                BatchClientOptions options = {});
    /**
     * @brief Entra ID bearer authentication, scope kBatchScope.
     * @param accountUrl  "https://<account>.<region>.batch.azure.com" (no path).
     * @param credential  source of Entra ID tokens (shared).
     * @param options     api-version, server timeout, transport, retry and logging.
     * @throws InvalidArgument as above.
     */
    BatchClient(std::string accountUrl, std::shared_ptr<const identity::TokenCredential> credential,
                BatchClientOptions options = {});

    /** @return The account URL, normalized (no trailing slash). */
    const std::string& accountUrl() const noexcept;

    // ---- Certificates (deprecated by Batch; they answer CertificateRetired once retired) ----

    /**
     * @brief Certificate_Add (POST /certificates, 201): upload a certificate to the account, for
     * pools to reference. Computes the thumbprint when not given. The body, which carries the
     * PFX and its password, is wiped once sent.
     * @param options  the data, its format, the PFX password and the thumbprint.
     * @param context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for empty data, base64 data over kMaxCertificateDataBase64, a
     * thumbprint that is not 40 hex digits, or a password with Cer; CryptoError when the thumbprint
     * must be computed and the data (or PFX password) is wrong. Nothing is sent then.
     * @throws CertificateRetiredError once the account's certificate API is retired.
     */
    Response<std::monostate> addCertificate(const AddCertificateOptions& options,
                                            const Context& context = {}) const;
    /**
     * @brief Certificate_List (GET /certificates): the account's certificates, one page at a time
     * over odata.nextLink.
     * @param options  the OData $filter and $select, and the page size ($expand is refused).
     * @param context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-1000 or an $expand (nothing sent).
     */
    Pager<BatchCertificate> listCertificates(const ListOptions& options = {},
                                             const Context& context = {}) const;
    /**
     * @brief Certificate_Get: one certificate of the account (public data only).
     * @param thumbprint           40 hex digits (spaces and colons allowed).
     * @param thumbprintAlgorithm  always "sha1".
     * @param options              the OData select clause (expand must stay empty: Certificate_Get has none).
     * @param context              cancellation and deadline.
     * @return The certificate.
     * @throws InvalidArgument for a thumbprint that is not 40 hex digits or an $expand; NotFoundError.
     */
    Response<BatchCertificate> getCertificate(std::string_view thumbprint,
                                              std::string_view thumbprintAlgorithm = "sha1",
                                              const GetOptions& options = {},
                                              const Context& context = {}) const;
    /**
     * @brief Certificate_Delete (202): the certificate goes to "deleting", then is removed, or ends
     * in "deletefailed" when pools or nodes still use it (see BatchCertificate::deleteCertificateError).
     * @param thumbprint           40 hex digits.
     * @param thumbprintAlgorithm  always "sha1".
     * @param context              cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad thumbprint; NotFoundError; ConflictError when it is
     *         already being deleted.
     */
    Response<std::monostate> deleteCertificate(std::string_view thumbprint,
                                               std::string_view thumbprintAlgorithm = "sha1",
                                               const Context& context = {}) const;
    /**
     * @brief Certificate_CancelDeletion (204): a "deletefailed" certificate goes back to "active".
     * @param thumbprint           40 hex digits.
     * @param thumbprintAlgorithm  always "sha1".
     * @param context              cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad thumbprint; NotFoundError; ConflictError when it is not
     *         in "deletefailed".
     */
    Response<std::monostate> cancelDeleteCertificate(std::string_view thumbprint,
                                                     std::string_view thumbprintAlgorithm = "sha1",
                                                     const Context& context = {}) const;

    // ---- Pools ----

    /**
     * @brief Pool_List (GET /pools): the account's pools, one page at a time.
     * @param options  the OData $filter, $select and $expand, and the page size.
     * @param context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-1000 (nothing sent).
     */
    Pager<BatchPool> listPools(const ListOptions& options = {}, const Context& context = {}) const;
    /**
     * @brief Pool_Get (GET /pools/{poolId}).
     * @param poolId   the pool id.
     * @param options  the OData $select and $expand.
     * @param context  cancellation and deadline.
     * @return The pool, with its whole JSON in rawJson.
     * @throws InvalidArgument for a bad pool id; NotFoundError.
     */
    Response<BatchPool> getPool(std::string_view poolId, const GetOptions& options = {},
                                const Context& context = {}) const;
    /**
     * @brief Pool_Add (POST /pools, 201) with a PoolAddParameter JSON document, sent as is (e.g. a
     * replacement written from BatchPool::rawJson).
     * @param poolJson  the document.
     * @param context   cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument unless it is a JSON object with a valid "id"; ConflictError when
     *         the pool exists.
     */
    Response<std::monostate> addPool(std::string_view poolJson, const Context& context = {}) const;
    /**
     * @brief Pool_Add (POST /pools, 201) from the typed subset.
     * @param pool     the pool to create; id and vmSize required.
     * @param context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad id or no vmSize; ConflictError when the pool exists.
     */
    Response<std::monostate> addPool(const PoolAddParameters& pool, const Context& context = {}) const;
    /**
     * @brief Pool_Patch (PATCH /pools/{poolId}, 200): only the given fields change; a given list
     * replaces the pool's.
     * @param poolId   the pool id.
     * @param patch    the fields to change.
     * @param context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad pool id; NotFoundError.
     */
    Response<std::monostate> patchPool(std::string_view poolId, const PoolPatchParameters& patch,
                                       const Context& context = {}) const;
    /**
     * @brief Pool_Patch (200) with a PoolPatchParameter JSON document, sent as is: every member the
     * service takes (displayName, vmSize, ...), not only the typed subset.
     * @param poolId     the pool id.
     * @param patchJson  the document.
     * @param context    cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad pool id or a document that is not a JSON object.
     */
    Response<std::monostate> patchPool(std::string_view poolId, std::string_view patchJson,
                                       const Context& context = {}) const;
    /**
     * @brief Pool_UpdateProperties (POST /pools/{poolId}/updateproperties, 204). REPLACES the
     * pool's certificate references, application package references and metadata with the given
     * lists (empty lists clear them), and removes the start task when none is given.
     * @param poolId      the pool id.
     * @param properties  the pool's new lists and start task.
     * @param context     cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad pool id; NotFoundError.
     */
    Response<std::monostate> updatePoolProperties(std::string_view poolId,
                                                  const PoolUpdatePropertiesParameters& properties,
                                                  const Context& context = {}) const;
    /**
     * @brief Remove every certificate reference of a pool, keeping its start task, metadata,
     * application package references and node communication mode (Pool_Get, then
     * Pool_UpdateProperties; Pool_UpdateProperties takes no If-Match, so a change made between the
     * two calls to those other properties is overwritten).
     * @param poolId   the pool id.
     * @param context  cancellation and deadline of both requests.
     * @return The references that were removed (empty: nothing was sent after the get).
     * @throws InvalidArgument for a bad pool id; NotFoundError.
     */
    Response<std::vector<CertificateReference>>
    clearPoolCertificateReferences(std::string_view poolId, const Context& context = {}) const;
    /**
     * @brief Pool_Delete (DELETE /pools/{poolId}, 202): the pool goes to "deleting" and its nodes
     * are released.
     * @param poolId   the pool id.
     * @param context  cancellation and deadline.
     * @return The status and headers; there is no body.
     * @throws InvalidArgument for a bad pool id; NotFoundError.
     */
    Response<std::monostate> deletePool(std::string_view poolId, const Context& context = {}) const;

    // ---- Job schedules and jobs ----

    /**
     * @brief JobSchedule_List (GET /jobschedules), one page at a time.
     * @param options  the OData $filter, $select and $expand, and the page size.
     * @param context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-1000 (nothing sent).
     */
    Pager<BatchJobSchedule> listJobSchedules(const ListOptions& options = {},
                                             const Context& context = {}) const;
    /**
     * @brief JobSchedule_Get (GET /jobschedules/{jobScheduleId}).
     * @param jobScheduleId  the job schedule id.
     * @param options        the OData $select and $expand.
     * @param context        cancellation and deadline.
     * @return The job schedule, with its whole JSON in rawJson.
     * @throws InvalidArgument for a bad id; NotFoundError.
     */
    Response<BatchJobSchedule> getJobSchedule(std::string_view jobScheduleId, const GetOptions& options = {},
                                              const Context& context = {}) const;
    /**
     * @brief Job_List (GET /jobs), one page at a time.
     * @param options  the OData $filter, $select and $expand, and the page size.
     * @param context  cancellation and deadline of every page request.
     * @return A pager that fetches the first page when first used.
     * @throws InvalidArgument for a page size outside 1-1000 (nothing sent).
     */
    Pager<BatchJob> listJobs(const ListOptions& options = {}, const Context& context = {}) const;
    /**
     * @brief Job_Get (GET /jobs/{jobId}).
     * @param jobId    the job id.
     * @param options  the OData $select and $expand.
     * @param context  cancellation and deadline.
     * @return The job, with its whole JSON in rawJson.
     * @throws InvalidArgument for a bad id; NotFoundError.
     */
    Response<BatchJob> getJob(std::string_view jobId, const GetOptions& options = {},
                              const Context& context = {}) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> impl_;
};

} // namespace kvb::batch
