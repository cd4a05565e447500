/* SPDX-License-Identifier: MIT */
/**
 * @file batch.h
 * @brief Azure Batch: ::kvb_batch_client (certificates, pools, job schedules, jobs) and its models.
 * Part of <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_BATCH_H
#define KVBRIDGE_BATCH_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of Batch (grammar in core.h). "service" is the service's own object, unchanged.
 *  - batch certificate: {"thumbprint": string, "thumbprintAlgorithm": string, "url": string,
 *    "state"?: string, "stateTransitionTime"?: int, "previousState"?: string,
 *    "previousStateTransitionTime"?: int, "publicData": string (standard base64 DER),
 *    "deleteCertificateError"?: delete certificate error}
 *  - delete certificate error: {"code": string, "message": string, "values": [{"name": string,
 *    "value": string}]}
 *  - certificate reference: {"thumbprint": string, "thumbprintAlgorithm": string,
 *    "storeLocation"?: string, "storeName"?: string, "visibility": [string]}
 *  - batch pool: {"id": string, "displayName"?: string, "state"?: string, "vmSize"?: string,
 *    "nodeAgentSkuId"?: string (of its VM configuration), "certificateReferences": [certificate
 *    reference], "metadata": {string: string}, "service"?: object (CloudPool)}
 *  - batch job schedule: {"id": string, "displayName"?: string, "state"?: string, "poolId"?: string
 *    (absent when it uses an auto pool), "autoPoolCertificateReferences": [certificate reference],
 *    "metadata": {string: string}, "service"?: object (CloudJobSchedule)}
 *  - batch job: batch job schedule (with "service" the CloudJob)
 */

/** A client of one Batch account (certificates, pools, job schedules). Thread-safe. */
typedef struct kvb_batch_client kvb_batch_client;
/** A Batch certificate as Get/List return it (public part only). One thread at a time. */
typedef struct kvb_batch_certificate kvb_batch_certificate;
/** A Batch pool. One thread at a time. */
typedef struct kvb_batch_pool kvb_batch_pool;
/** A Batch job schedule. One thread at a time. */
typedef struct kvb_batch_job_schedule kvb_batch_job_schedule;
/** Walks a list of certificates, fetching pages lazily. One thread at a time. */
typedef struct kvb_batch_certificate_pager kvb_batch_certificate_pager;
/** Walks a list of pools, fetching pages lazily. One thread at a time. */
typedef struct kvb_batch_pool_pager kvb_batch_pool_pager;
/** Walks a list of job schedules, fetching pages lazily. One thread at a time. */
typedef struct kvb_batch_job_schedule_pager kvb_batch_job_schedule_pager;
/** A Batch job. One thread at a time. */
typedef struct kvb_batch_job kvb_batch_job;
/** Walks a list of jobs, fetching pages lazily. One thread at a time. */
typedef struct kvb_batch_job_pager kvb_batch_job_pager;

/**
 * A client for the Batch account at @p account_url ("https://{account}.{region}.batch.azure.com",
 * no path). The credential decides the authentication: an Entra ID credential (scope
 * "https://batch.core.windows.net//.default") or a Batch shared key credential.
 * @param[out] out     new client; release with kvb_batch_client_free().
 * @param credential   borrowed for the call; the client keeps its own reference.
 * @param options      transport options, plus api_version (NULL: "2024-07-01.20.0", the last
 *                     with the certificate API); NULL for defaults.
 * A non-https URL or a URL with a path gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_batch_client_new(kvb_batch_client** out, const char* account_url,
                                 const kvb_credential* credential, const kvb_client_options* options);

/** Release a Batch client. NULL-safe. */
KVB_API void kvb_batch_client_free(kvb_batch_client* client);

/** Newest version of ::kvb_batch_list_options. */
#define KVB_BATCH_LIST_OPTIONS_VERSION 1

/** OData options of the list calls. */
typedef struct kvb_batch_list_options {
    unsigned int version; /**< KVB_BATCH_LIST_OPTIONS_VERSION */
    const char* filter;   /**< $filter, e.g. "state eq 'active'"; NULL: none */
    const char* select;   /**< $select, comma-separated properties; NULL: all */
    const char* expand;   /**< $expand ("stats" for pools and job schedules); NULL: none */
    int32_t max_results;  /**< items per page, 1..1000; 0: the service default */
} kvb_batch_list_options;

/** The defaults of ::kvb_batch_list_options (everything, the service's page size). */
#define KVB_BATCH_LIST_OPTIONS_INIT                                                                          \
    { KVB_BATCH_LIST_OPTIONS_VERSION, NULL, NULL, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_BATCH_LIST_OPTIONS_VERSION). */
KVB_API int kvb_batch_list_options_init(kvb_batch_list_options* options, unsigned int version);

/** Newest version of ::kvb_batch_get_options. */
#define KVB_BATCH_GET_OPTIONS_VERSION 1

/** OData options of the get calls. */
typedef struct kvb_batch_get_options {
    unsigned int version; /**< KVB_BATCH_GET_OPTIONS_VERSION */
    const char* select;   /**< $select, comma-separated properties; NULL: all */
    const char* expand;   /**< $expand ("stats" for pools and job schedules); NULL: none; certificates
                               have none (KVB_E_INVALID_ARGUMENT) */
} kvb_batch_get_options;

/** The defaults of ::kvb_batch_get_options (every property). */
#define KVB_BATCH_GET_OPTIONS_INIT                                                                           \
    { KVB_BATCH_GET_OPTIONS_VERSION, NULL, NULL }

/** Fill @p options with defaults for @p version (KVB_BATCH_GET_OPTIONS_VERSION). */
KVB_API int kvb_batch_get_options_init(kvb_batch_get_options* options, unsigned int version);

/** Formats of kvb_batch_client_add_certificate(). */
enum {
    KVB_BATCH_CERTIFICATE_PFX = 0, /**< PKCS#12 with the private key */
    KVB_BATCH_CERTIFICATE_CER = 1  /**< a DER certificate, public only */
};

/**
 * Certificate_Add: upload a PFX (with its key) or a DER certificate (public only).
 * @param data        raw bytes (not base64), borrowed; their base64 must fit in 10 KB.
 * @param format      KVB_BATCH_CERTIFICATE_PFX or KVB_BATCH_CERTIFICATE_CER.
 * @param password    the PFX password (copied into wiped memory); NULL or "" for none; must be
 *                    NULL or "" for CER.
 * @param thumbprint  40 hex digits; NULL or "" to compute it from @p data.
 * A wrong PFX password gives KVB_E_CRYPTO (nothing sent); a certificate already there
 * KVB_E_CONFLICT ("CertificateExists"); a retired API KVB_E_CERTIFICATE_RETIRED.
 */
KVB_API int kvb_batch_client_add_certificate(const kvb_batch_client* client, const uint8_t* data, size_t size,
                                             int format, const char* password, const char* thumbprint);

/**
 * Certificate_Get. @param options  the OData $select; NULL for every property.
 * @param[out] out  release with kvb_batch_certificate_free().
 * A bad thumbprint gives KVB_E_INVALID_ARGUMENT; an unknown one KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_certificate(kvb_batch_certificate** out, const kvb_batch_client* client,
                                             const char* thumbprint, const kvb_batch_get_options* options);

/** Certificate_Delete: the certificate goes to "deleting", then away or to "deletefailed". */
KVB_API int kvb_batch_client_delete_certificate(const kvb_batch_client* client, const char* thumbprint);

/** Certificate_CancelDeletion: a "deletefailed" certificate goes back to "active". */
KVB_API int kvb_batch_client_cancel_delete_certificate(const kvb_batch_client* client,
                                                       const char* thumbprint);

/**
 * Certificate_List (nothing is sent until kvb_batch_certificate_pager_next()).
 * @param options  NULL for none. @param[out] out  release with kvb_batch_certificate_pager_free();
 * it shares the client's connection, so @p client may be freed first.
 */
KVB_API int kvb_batch_client_list_certificates(kvb_batch_certificate_pager** out,
                                               const kvb_batch_client* client,
                                               const kvb_batch_list_options* options);

/**
 * The next certificate: KVB_OK with @p out set (release with kvb_batch_certificate_free()), or
 * KVB_ITEROVER at the end (@p out set to NULL). Fetches pages, so service errors come from here.
 */
KVB_API int kvb_batch_certificate_pager_next(kvb_batch_certificate** out, kvb_batch_certificate_pager* pager);

/** Release a certificate pager. NULL-safe. */
KVB_API void kvb_batch_certificate_pager_free(kvb_batch_certificate_pager* pager);

/** Upper-case hex thumbprint as the service returns it. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_certificate_thumbprint(const kvb_batch_certificate* certificate);
/** "active", "deleting", "deletefailed", "unknown"; "" when not selected. Static; "" for a bad handle. */
KVB_API const char* kvb_batch_certificate_state(const kvb_batch_certificate* certificate);
/** The state before the current one; "" when none. Static; "" for a bad handle. */
KVB_API const char* kvb_batch_certificate_previous_state(const kvb_batch_certificate* certificate);
/** Base64 DER of the public certificate; "" when not selected. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_certificate_public_data(const kvb_batch_certificate* certificate);
/** Code of the last failed delete (e.g. "PoolsReferencingCertificate"); "" when none. Borrowed. */
KVB_API const char* kvb_batch_certificate_delete_error_code(const kvb_batch_certificate* certificate);

/** The certificate as a "batch certificate" document. @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_batch_certificate_to_json(kvb_string* out, const kvb_batch_certificate* certificate);

/** Release a certificate. NULL-safe. */
KVB_API void kvb_batch_certificate_free(kvb_batch_certificate* certificate);

/**
 * Pool_Get. @param options  the OData $select and $expand; NULL for none.
 * @param[out] out  release with kvb_batch_pool_free(). An unknown pool gives KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_pool(kvb_batch_pool** out, const kvb_batch_client* client,
                                      const char* pool_id, const kvb_batch_get_options* options);

/** Pool_List (lazy). @param[out] out  release with kvb_batch_pool_pager_free(). */
KVB_API int kvb_batch_client_list_pools(kvb_batch_pool_pager** out, const kvb_batch_client* client,
                                        const kvb_batch_list_options* options);

/** The next pool: KVB_OK with @p out set (release with kvb_batch_pool_free()) or KVB_ITEROVER. */
KVB_API int kvb_batch_pool_pager_next(kvb_batch_pool** out, kvb_batch_pool_pager* pager);

/** Release a pool pager. NULL-safe. */
KVB_API void kvb_batch_pool_pager_free(kvb_batch_pool_pager* pager);

/**
 * Pool_Add with a PoolAddParameter JSON document, sent as is (`{"id", "vmSize",
 * "virtualMachineConfiguration", ...}` as in the Batch REST API). A document that is not a JSON
 * object or has no valid "id" gives KVB_E_INVALID_ARGUMENT with nothing sent; an existing pool
 * KVB_E_CONFLICT ("PoolExists").
 */
KVB_API int kvb_batch_client_add_pool(const kvb_batch_client* client, const char* pool_json);

/**
 * Pool_Patch with a PoolPatchParameter JSON document, sent as is: each member given replaces the
 * pool's (a list replaces the whole list, an empty one clears it); the others stay as they are. A
 * bad pool id or a document that is not a JSON object gives KVB_E_INVALID_ARGUMENT with nothing
 * sent; an unknown pool KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_patch_pool(const kvb_batch_client* client, const char* pool_id,
                                        const char* patch_json);

/** Pool_Delete: the pool goes to "deleting", then away. An unknown pool gives KVB_E_NOT_FOUND. */
KVB_API int kvb_batch_client_delete_pool(const kvb_batch_client* client, const char* pool_id);

/**
 * Remove every certificate reference of a pool, keeping its start task, metadata and application
 * packages (Pool_Get then Pool_UpdateProperties).
 * @param[out] removed  optional: how many references were removed (0: nothing was changed).
 */
KVB_API int kvb_batch_client_clear_pool_certificate_references(size_t* removed,
                                                               const kvb_batch_client* client,
                                                               const char* pool_id);

/** The pool id. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_pool_id(const kvb_batch_pool* pool);
/** "active", "deleting", "unknown"; "" when not selected. Static; "" for a bad handle. */
KVB_API const char* kvb_batch_pool_state(const kvb_batch_pool* pool);
/** The VM size; "" when not selected. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_pool_vm_size(const kvb_batch_pool* pool);
/** The node agent SKU id of the VM configuration; "" when none. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_pool_node_agent_sku_id(const kvb_batch_pool* pool);
/** Number of certificate references; 0 for a bad handle. */
KVB_API size_t kvb_batch_pool_certificate_reference_count(const kvb_batch_pool* pool);
/** Thumbprint of reference @p index; "" when out of range or for a bad handle. Borrowed. */
KVB_API const char* kvb_batch_pool_certificate_reference_thumbprint(const kvb_batch_pool* pool, size_t index);

/** The pool as a "batch pool" document. @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_batch_pool_to_json(kvb_string* out, const kvb_batch_pool* pool);

/** Release a pool. NULL-safe. */
KVB_API void kvb_batch_pool_free(kvb_batch_pool* pool);

/** JobSchedule_Get. @param options  the OData $select and $expand; NULL for none. @param[out] out  release
 * with kvb_batch_job_schedule_free(). */
KVB_API int kvb_batch_client_get_job_schedule(kvb_batch_job_schedule** out, const kvb_batch_client* client,
                                              const char* job_schedule_id,
                                              const kvb_batch_get_options* options);

/** JobSchedule_List (lazy). @param[out] out  release with kvb_batch_job_schedule_pager_free(). */
KVB_API int kvb_batch_client_list_job_schedules(kvb_batch_job_schedule_pager** out,
                                                const kvb_batch_client* client,
                                                const kvb_batch_list_options* options);

/** The next job schedule: KVB_OK with @p out set (release with kvb_batch_job_schedule_free()) or
 * KVB_ITEROVER. */
KVB_API int kvb_batch_job_schedule_pager_next(kvb_batch_job_schedule** out,
                                              kvb_batch_job_schedule_pager* pager);

/** Release a job schedule pager. NULL-safe. */
KVB_API void kvb_batch_job_schedule_pager_free(kvb_batch_job_schedule_pager* pager);

/** The job schedule id. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_job_schedule_id(const kvb_batch_job_schedule* schedule);
/** "active", "completed", "disabled", "terminating", "deleting"; "" when unknown. Borrowed. */
KVB_API const char* kvb_batch_job_schedule_state(const kvb_batch_job_schedule* schedule);
/** Number of certificate references of its auto-pool specification; 0 without one or for a bad handle. */
KVB_API size_t kvb_batch_job_schedule_certificate_reference_count(const kvb_batch_job_schedule* schedule);
/** Thumbprint of auto-pool reference @p index; "" when out of range or for a bad handle. Borrowed. */
KVB_API const char*
kvb_batch_job_schedule_certificate_reference_thumbprint(const kvb_batch_job_schedule* schedule, size_t index);

/** The job schedule as a "batch job schedule" document. @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_batch_job_schedule_to_json(kvb_string* out, const kvb_batch_job_schedule* schedule);

/** Release a job schedule. NULL-safe. */
KVB_API void kvb_batch_job_schedule_free(kvb_batch_job_schedule* schedule);

/**
 * Job_Get. @param options  the OData $select and $expand; NULL for none. @param[out] out  release with
 * kvb_batch_job_free().
 * A bad id gives KVB_E_INVALID_ARGUMENT; an unknown job KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_job(kvb_batch_job** out, const kvb_batch_client* client, const char* job_id,
                                     const kvb_batch_get_options* options);

/** Job_List (lazy); @p options NULL for none. @param[out] out  release with kvb_batch_job_pager_free(). */
KVB_API int kvb_batch_client_list_jobs(kvb_batch_job_pager** out, const kvb_batch_client* client,
                                       const kvb_batch_list_options* options);

/** The next job: KVB_OK with @p out set (release with kvb_batch_job_free()) or KVB_ITEROVER. */
KVB_API int kvb_batch_job_pager_next(kvb_batch_job** out, kvb_batch_job_pager* pager);

/** Release a job pager. NULL-safe. */
KVB_API void kvb_batch_job_pager_free(kvb_batch_job_pager* pager);

/** The job id. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_batch_job_id(const kvb_batch_job* job);
/** "active", "disabled", "completed", ... as the service says; "" when unknown. Borrowed. */
KVB_API const char* kvb_batch_job_state(const kvb_batch_job* job);
/** Number of certificate references of its auto-pool specification; 0 without one or for a bad handle. */
KVB_API size_t kvb_batch_job_certificate_reference_count(const kvb_batch_job* job);
/** Thumbprint of auto-pool reference @p index; "" when out of range or for a bad handle. Borrowed. */
KVB_API const char* kvb_batch_job_certificate_reference_thumbprint(const kvb_batch_job* job, size_t index);

/** The job as a "batch job" document. @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_batch_job_to_json(kvb_string* out, const kvb_batch_job* job);

/** Release a job. NULL-safe. */
KVB_API void kvb_batch_job_free(kvb_batch_job* job);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_BATCH_H */
