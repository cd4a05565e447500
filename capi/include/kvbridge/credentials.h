/* SPDX-License-Identifier: MIT */
/**
 * @file credentials.h
 * @brief ::kvb_credential: Entra ID token credentials and the Batch shared key. Part of
 * <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_CREDENTIALS_H
#define KVBRIDGE_CREDENTIALS_H

#include <kvbridge/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An Entra ID token credential, or a Batch shared key. Thread-safe; shared by any number of clients. */
typedef struct kvb_credential kvb_credential;

/**
 * Client secret credential (tenant, client id, secret).
 * @param[out] out  new credential; release with kvb_credential_free().
 * @param options   transport options and authority_host; NULL for defaults.
 */
KVB_API int kvb_credential_new_client_secret(kvb_credential** out, const char* tenant_id,
                                             const char* client_id, const char* client_secret,
                                             const kvb_client_options* options);

/** Release a credential. NULL-safe. */
KVB_API void kvb_credential_free(kvb_credential* credential);

/**
 * Get a token for @p scope (e.g. "https://vault.azure.net/.default"); mainly to check a
 * credential works. @param tenant_id  NULL: the credential's. @param[out] token  the access token;
 * release with kvb_string_dispose(). @param[out] expires_on  Unix seconds; NULL if not wanted.
 */
KVB_API int kvb_credential_get_token(kvb_string* token, int64_t* expires_on, const kvb_credential* credential,
                                     const char* scope, const char* tenant_id);

/** Newest version of ::kvb_client_certificate_options. */
#define KVB_CLIENT_CERTIFICATE_OPTIONS_VERSION 1

/** Options of a client certificate credential. */
typedef struct kvb_client_certificate_options {
    unsigned int version; /**< KVB_CLIENT_CERTIFICATE_OPTIONS_VERSION */
    const char* password; /**< of the PFX or the encrypted key, copied into wiped memory; NULL: none */
    int send_chain;       /**< 1: put the chain in the assertion's x5c header (subject name/issuer auth) */
} kvb_client_certificate_options;

/** The defaults of ::kvb_client_certificate_options, to initialise a variable. */
#define KVB_CLIENT_CERTIFICATE_OPTIONS_INIT                                                                  \
    { KVB_CLIENT_CERTIFICATE_OPTIONS_VERSION, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_CLIENT_CERTIFICATE_OPTIONS_VERSION). */
KVB_API int kvb_client_certificate_options_init(kvb_client_certificate_options* options,
                                                unsigned int version);

/**
 * Client certificate credential from a file: PEM (certificate, optional chain and an RSA key,
 * PKCS#1 or PKCS#8, optionally encrypted) or PFX/PKCS#12.
 * @param certificate  password and chain; NULL for none. A wrong password gives KVB_E_CRYPTO.
 * @param options      transport options and authority_host; NULL for defaults.
 * An unreadable file gives KVB_E_INVALID_ARGUMENT. @param[out] out  release with kvb_credential_free().
 */
KVB_API int kvb_credential_new_client_certificate_file(kvb_credential** out, const char* tenant_id,
                                                       const char* client_id, const char* path,
                                                       const kvb_client_certificate_options* certificate,
                                                       const kvb_client_options* options);

/**
 * Client certificate credential from the bytes of a PEM or PFX file (@p data is copied into wiped
 * memory; the caller may wipe its copy at once). Otherwise as
 * kvb_credential_new_client_certificate_file().
 */
KVB_API int kvb_credential_new_client_certificate(kvb_credential** out, const char* tenant_id,
                                                  const char* client_id, const uint8_t* data, size_t size,
                                                  const kvb_client_certificate_options* certificate,
                                                  const kvb_client_options* options);

/** Newest version of ::kvb_managed_identity_options. */
#define KVB_MANAGED_IDENTITY_OPTIONS_VERSION 1

/** Options of a managed identity credential; at most one of the three ids may be set. */
typedef struct kvb_managed_identity_options {
    unsigned int version;          /**< KVB_MANAGED_IDENTITY_OPTIONS_VERSION */
    const char* client_id;         /**< user-assigned identity by client id; NULL: system-assigned */
    const char* object_id;         /**< user-assigned identity by object (principal) id */
    const char* resource_id;       /**< user-assigned identity by Azure resource id */
    const char* imds_endpoint;     /**< NULL: $KVB_IMDS_ENDPOINT, else the Azure VM metadata endpoint */
    const char* identity_endpoint; /**< App Service; NULL: $IDENTITY_ENDPOINT */
    const char* identity_header;   /**< App Service secret header; NULL: $IDENTITY_HEADER; wiped copy */
    uint32_t probe_timeout_ms;     /**< connect timeout of the first request; 0: 1000 */
} kvb_managed_identity_options;

/** The defaults of ::kvb_managed_identity_options (system-assigned), to initialise a variable. */
#define KVB_MANAGED_IDENTITY_OPTIONS_INIT                                                                    \
    { KVB_MANAGED_IDENTITY_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_MANAGED_IDENTITY_OPTIONS_VERSION). */
KVB_API int kvb_managed_identity_options_init(kvb_managed_identity_options* options, unsigned int version);

/**
 * Managed identity credential (Azure VM metadata service, or App Service when its endpoint and
 * header are known). Nothing is sent until a token is needed.
 * @param identity  NULL: system-assigned, endpoints from the environment.
 * @param options   transport options of the token requests; NULL for defaults.
 * More than one id, or an endpoint that is not a URL, gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_credential_new_managed_identity(kvb_credential** out,
                                                const kvb_managed_identity_options* identity,
                                                const kvb_client_options* options);

/**
 * Environment credential: reads AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or
 * AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD), when created. Missing
 * variables are not an error here: kvb_credential_get_token() then fails with KVB_E_AUTHENTICATION
 * naming them.
 */
KVB_API int kvb_credential_new_environment(kvb_credential** out, const kvb_client_options* options);

/** Newest version of ::kvb_default_credential_options. */
#define KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION 1

/** Options of the default chain: environment, workload identity, managed identity, Azure CLI. */
typedef struct kvb_default_credential_options {
    unsigned int version;                                 /**< KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION */
    int exclude_environment;                              /**< 1: skip the environment step */
    int exclude_workload_identity;                        /**< 1: skip the workload identity step */
    int exclude_managed_identity;                         /**< 1: skip the managed identity step */
    int exclude_azure_cli;                                /**< 1: skip the Azure CLI step */
    const kvb_managed_identity_options* managed_identity; /**< NULL: defaults */
    const char* workload_tenant_id;                       /**< NULL: $AZURE_TENANT_ID */
    const char* workload_client_id;                       /**< NULL: $AZURE_CLIENT_ID */
    const char* workload_token_file_path;                 /**< NULL: $AZURE_FEDERATED_TOKEN_FILE */
    const char* azure_cli_tenant_id;                      /**< NULL: the CLI's default tenant */
    uint32_t azure_cli_timeout_ms;                        /**< 0: 10000 */
} kvb_default_credential_options;

/** The defaults of ::kvb_default_credential_options (every step), to initialise a variable. */
#define KVB_DEFAULT_CREDENTIAL_OPTIONS_INIT                                                                  \
    { KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION). */
KVB_API int kvb_default_credential_options_init(kvb_default_credential_options* options,
                                                unsigned int version);

/**
 * The default chain: tries each step not excluded, remembers the first that gives a token, and
 * otherwise fails with KVB_E_AUTHENTICATION listing why each step failed.
 * @param chain    NULL: every step with defaults.
 * @param options  transport options and authority_host of every step; NULL for defaults.
 * Every step excluded gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_credential_new_default(kvb_credential** out, const kvb_default_credential_options* chain,
                                       const kvb_client_options* options);

/**
 * Batch Shared Key credential: account name and the base64 account key (decoded into wiped
 * memory). It signs Batch requests, so only the Batch client accepts it: kvb_batch_client_new()
 * takes either kind of ::kvb_credential; Key Vault clients and kvb_credential_get_token() refuse
 * it with KVB_E_INVALID_ARGUMENT. A key that is not base64 gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_credential_new_shared_key(kvb_credential** out, const char* account_name,
                                          const char* base64_key);

/** Kinds of ::kvb_credential, as kvb_credential_kind() reports them. */
enum {
    KVB_CREDENTIAL_TOKEN = 0,     /**< Entra ID bearer tokens */
    KVB_CREDENTIAL_SHARED_KEY = 1 /**< the Batch shared key */
};

/** @param[out] kind  KVB_CREDENTIAL_TOKEN (Entra ID bearer tokens) or KVB_CREDENTIAL_SHARED_KEY. */
KVB_API int kvb_credential_kind(int* kind, const kvb_credential* credential);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_CREDENTIALS_H */
