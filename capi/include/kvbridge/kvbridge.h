/* SPDX-License-Identifier: MIT */
/**
 * @file kvbridge.h
 * @brief The kvbridge C ABI: stable, C99, for Python (ctypes), C# (P/Invoke) and vendor tools.
 *
 * Conventions (the same for every function):
 * - Every function returns an `int` status: KVB_OK (0), KVB_ITEROVER (1, "no more items"), or a
 *   negative ::kvb_status. Details of the last failure on this thread: kvb_error_last().
 *   Every call resets that record first.
 * - Results come back through out-parameters, which come first. Handles returned through `**out`
 *   belong to the caller and are released with their type's `_free` (NULL-safe, returns nothing).
 * - `const char *` getters on a handle borrow from it: valid until the handle is freed; never free them.
 * - Owned text or bytes are written to a caller-held ::kvb_string; release it with
 *   kvb_string_dispose(), which wipes the memory first.
 * - Option structs start with `unsigned int version`; fill them with their `_init` function.
 *   NULL options mean defaults.
 * - Strings are UTF-8 and NUL-terminated. Integers are fixed width; flags are `int`.
 * - Thread safety: clients and credentials may be shared by threads; other handles (models, pagers)
 *   are for one thread at a time.
 * - No secret value, token, key or password is ever put in an error message.
 */
#ifndef KVBRIDGE_H
#define KVBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define KVB_API
#else
#define KVB_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this header as 0xMMmmpp; compare with kvb_version_num(). */
#define KVB_VERSION_NUM 0x000100
/** ABI generation of this header; bindings refuse a library with another one. */
#define KVB_ABI_VERSION 0

/** Status codes. KVB_OK and KVB_ITEROVER are successes; the rest are negative failures. */
typedef enum kvb_status {
    KVB_OK = 0,
    KVB_ITEROVER = 1,               /**< a pager or list has no more items */
    KVB_E_INVALID_ARGUMENT = -1,    /**< bad argument (NULL, malformed name, non-https URL); nothing sent */
    KVB_E_TRANSPORT = -2,           /**< no response: DNS, connect, TLS, timeout, reset */
    KVB_E_SERVICE = -3,             /**< the service answered with an error status */
    KVB_E_NOT_FOUND = -4,           /**< 404 */
    KVB_E_CONFLICT = -5,            /**< 409 */
    KVB_E_THROTTLED = -6,           /**< 429 after all retries */
    KVB_E_CERTIFICATE_RETIRED = -7, /**< Batch answered CertificateRetired */
    KVB_E_AUTHENTICATION = -8,      /**< no token could be had, or a challenge was refused */
    KVB_E_PARSE = -9,               /**< a response or document could not be read */
    KVB_E_CRYPTO = -10,             /**< wrong password, bad PFX/PEM, thumbprint mismatch */
    KVB_E_CANCELLED = -11,          /**< cancelled by the caller or past its deadline */
    KVB_E_NO_MEMORY = -12,
    KVB_E_WRONG_HANDLE = -13, /**< NULL handle, handle of another type, or a freed handle */
    KVB_E_INTERNAL = -14,     /**< a bug in kvbridge; please report it */
    KVB_E_TIMEOUT = -15       /**< a wait for a long-running operation passed its timeout_ms; the
                                   operation goes on at the service (see ::kvb_operation_wait_options) */
} kvb_status;

/** Details of the last failure on the calling thread. */
typedef struct kvb_error {
    int status;                    /**< a kvb_status */
    int http_status;               /**< HTTP status, 0 when there was no response */
    const char* service_code;      /**< e.g. "SecretNotFound"; "" when none */
    const char* message;           /**< human-readable; never holds secrets */
    const char* request_id;        /**< the service's request id; "" when none */
    const char* client_request_id; /**< the id kvbridge sent; "" when none */
} kvb_error;

/**
 * The last failure on this thread. Never NULL; status KVB_OK when the last call succeeded.
 * Borrowed: valid until the next kvbridge call on this thread.
 */
KVB_API const kvb_error* kvb_error_last(void);

/** Owned text or bytes handed to the caller. `ptr` is NUL-terminated for text. */
typedef struct kvb_string {
    char* ptr;
    size_t size;
} kvb_string;

/** Wipe and free what @p s holds, then set it to {NULL, 0}. NULL-safe. */
KVB_API void kvb_string_dispose(kvb_string* s);

/** Wipe and free a block kvbridge allocated for the caller (documented per function). NULL-safe. */
KVB_API void kvb_free(void* block);

/** Version of the loaded library as 0xMMmmpp. */
KVB_API unsigned int kvb_version_num(void);
/** Version of the loaded library as text. Static storage: do not free. */
KVB_API const char* kvb_version_string(void);
/** ABI generation of the loaded library (KVB_ABI_VERSION it was built with). */
KVB_API int kvb_abi_version(void);

/* ---------------------------------------------------------------- logging */

/** Log levels, most verbose first. */
enum { KVB_LOG_VERBOSE = 0, KVB_LOG_INFO = 1, KVB_LOG_WARNING = 2, KVB_LOG_ERROR = 3, KVB_LOG_OFF = 4 };

/** Receives one log line (not NUL-terminated: use @p length). Called from any thread. */
typedef void (*kvb_log_callback)(int level, const char* message, size_t length, void* payload);

/**
 * Send log lines at @p min_level and above to @p callback; NULL turns logging off.
 * Lines never hold secrets, tokens or bodies. Process-wide; thread-safe.
 */
KVB_API int kvb_set_log_callback(kvb_log_callback callback, int min_level, void* payload);

/* ---------------------------------------------------------------- client options */

/** Newest version of ::kvb_client_options; version 2 added the fields marked "v2". */
#define KVB_CLIENT_OPTIONS_VERSION 2

/** Transport and pipeline options shared by credentials and clients. */
typedef struct kvb_client_options {
    unsigned int version; /**< KVB_CLIENT_OPTIONS_VERSION */
    const char* ca_file;  /**< PEM bundle to trust instead of the system store; NULL: system */
    const char* ca_path;  /**< directory of hashed CA certificates; NULL: none */
    int verify_tls;       /**< 1 (default); 0 only for debugging */
    const char* proxy;    /**< e.g. "http://proxy:3128"; NULL: no proxy */
    const char* proxy_username;
    const char* proxy_password;    /**< copied into wiped memory */
    uint32_t connect_timeout_ms;   /**< default 10000 */
    uint32_t timeout_ms;           /**< per try; default 120000 */
    const char* const* connect_to; /**< libcurl CONNECT_TO entries "HOST:PORT:TO-HOST:TO-PORT" */
    size_t connect_to_count;
    int32_t max_retries;                         /**< default 3 */
    uint32_t retry_base_delay_ms;                /**< default 800 */
    uint32_t retry_max_delay_ms;                 /**< default 60000 */
    const char* application_id;                  /**< prefix of the User-Agent; NULL: none */
    const char* api_version;                     /**< NULL: the client's default */
    int disable_challenge_resource_verification; /**< Key Vault: 1 for emulators / Azure Stack */
    const char* authority_host;                  /**< credentials: e.g. "https://login.microsoftonline.com" */
    /* version 2 */
    uint32_t total_timeout_ms;     /**< v2: stop retrying this long after the first try; 0: no limit */
    int http2;                     /**< v2: 1 (default): HTTP/2 when the server offers it; 0: HTTP/1.1 */
    uint32_t max_idle_connections; /**< v2: idle connections kept for reuse; 0: default 16 */
} kvb_client_options;

/**
 * Fill @p options with defaults for @p version (1 .. KVB_CLIENT_OPTIONS_VERSION). Only the part of
 * the struct that @p version has is written, so a caller built with an older header is safe.
 */
KVB_API int kvb_client_options_init(kvb_client_options* options, unsigned int version);

/* ---------------------------------------------------------------- waiting for operations */

/** Newest version of ::kvb_operation_wait_options. */
#define KVB_OPERATION_WAIT_OPTIONS_VERSION 1

/**
 * How a call that waits for a long-running operation (create a certificate; delete or recover a
 * secret, key or certificate) polls the service. Each poll waits for the service's last
 * Retry-After (seconds or HTTP-date; retry-after-ms), else for @c interval_ms. When the next poll
 * would start more than @c timeout_ms after the call began, the call fails with KVB_E_TIMEOUT,
 * naming the operation and how long it waited. The operation goes on at the service: look at it
 * again later (kvb_certificate_client_get_certificate_operation(), the get_deleted_ and get_
 * calls). NULL options mean the defaults.
 */
typedef struct kvb_operation_wait_options {
    unsigned int version; /**< KVB_OPERATION_WAIT_OPTIONS_VERSION */
    uint32_t interval_ms; /**< pause between polls when the service names none; default 1000 */
    uint32_t timeout_ms;  /**< longest wait; default 600000 (10 min); UINT32_MAX: no limit */
} kvb_operation_wait_options;

/** Defaults for a ::kvb_operation_wait_options variable: `kvb_operation_wait_options o =
 * KVB_OPERATION_WAIT_OPTIONS_INIT;` */
#define KVB_OPERATION_WAIT_OPTIONS_INIT                                                                      \
    { KVB_OPERATION_WAIT_OPTIONS_VERSION, 1000, 600000 }

/** Fill @p options with the defaults of @p version (1 .. KVB_OPERATION_WAIT_OPTIONS_VERSION). */
KVB_API int kvb_operation_wait_options_init(kvb_operation_wait_options* options, unsigned int version);

/* ---------------------------------------------------------------- credentials */

/** An Entra ID token credential. Thread-safe; shared by any number of clients. */
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
 * credential works. @param[out] token  the access token; release with kvb_string_dispose().
 * @param[out] expires_on  Unix seconds.
 */
KVB_API int kvb_credential_get_token(kvb_string* token, int64_t* expires_on, const kvb_credential* credential,
                                     const char* scope, const char* tenant_id);

/**
 * Client certificate credential from a file: PEM (certificate, optional chain and an RSA key,
 * PKCS#1 or PKCS#8, optionally encrypted) or PFX/PKCS#12.
 * @param password    of the PFX or the encrypted key; NULL or "" for none. A wrong one: KVB_E_CRYPTO.
 * @param send_chain  1: put the chain in the assertion's x5c header (subject name/issuer auth).
 * @param options     transport options and authority_host; NULL for defaults.
 * An unreadable file gives KVB_E_INVALID_ARGUMENT. @param[out] out  release with kvb_credential_free().
 */
KVB_API int kvb_credential_new_client_certificate_file(kvb_credential** out, const char* tenant_id,
                                                       const char* client_id, const char* path,
                                                       const char* password, int send_chain,
                                                       const kvb_client_options* options);

/**
 * Client certificate credential from the bytes of a PEM or PFX file (@p data is copied into wiped
 * memory; the caller may wipe its copy at once). Otherwise as
 * kvb_credential_new_client_certificate_file().
 */
KVB_API int kvb_credential_new_client_certificate(kvb_credential** out, const char* tenant_id,
                                                  const char* client_id, const uint8_t* data, size_t size,
                                                  const char* password, int send_chain,
                                                  const kvb_client_options* options);

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

#define KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION 1

/** Options of the default chain: environment, workload identity, managed identity, Azure CLI. */
typedef struct kvb_default_credential_options {
    unsigned int version; /**< KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION */
    int exclude_environment;
    int exclude_workload_identity;
    int exclude_managed_identity;
    int exclude_azure_cli;
    const kvb_managed_identity_options* managed_identity; /**< NULL: defaults */
    const char* workload_tenant_id;                       /**< NULL: $AZURE_TENANT_ID */
    const char* workload_client_id;                       /**< NULL: $AZURE_CLIENT_ID */
    const char* workload_token_file_path;                 /**< NULL: $AZURE_FEDERATED_TOKEN_FILE */
    const char* azure_cli_tenant_id;                      /**< NULL: the CLI's default tenant */
    uint32_t azure_cli_timeout_ms;                        /**< 0: 10000 */
} kvb_default_credential_options;

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
 * memory). It signs Batch requests, so only the Batch client accepts it: kvb_batch_client_new
 * takes either kind of ::kvb_credential.; Key Vault clients and kvb_credential_get_token() refuse
 * it with KVB_E_INVALID_ARGUMENT. A key that is not base64 gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_credential_new_shared_key(kvb_credential** out, const char* account_name,
                                          const char* base64_key);

/** Kinds of ::kvb_credential, as kvb_credential_kind() reports them. */
enum { KVB_CREDENTIAL_TOKEN = 0, KVB_CREDENTIAL_SHARED_KEY = 1 };

/** @param[out] kind  KVB_CREDENTIAL_TOKEN (Entra ID bearer tokens) or KVB_CREDENTIAL_SHARED_KEY. */
KVB_API int kvb_credential_kind(int* kind, const kvb_credential* credential);

/* ---------------------------------------------------------------- PKI helpers */

/** Thumbprints of the leaf certificate in a PFX, PEM or DER/CER blob. */
typedef struct kvb_thumbprints {
    char sha1_hex[41];   /**< upper-case hex, the Batch form */
    char x5t[29];        /**< base64url SHA-1, the Key Vault form */
    char sha256_hex[65]; /**< upper-case hex */
    int has_private_key; /**< 1 when the blob carried a matching private key */
} kvb_thumbprints;

/**
 * Read the leaf certificate of @p data (PFX with @p password, PEM, or DER) and compute its thumbprints.
 * @param password  NULL or "" for none. A wrong password gives KVB_E_CRYPTO.
 */
KVB_API int kvb_pki_thumbprints(kvb_thumbprints* out, const uint8_t* data, size_t size, const char* password);

/** Convert a hex SHA-1 thumbprint (Batch) to x5t (Key Vault). @param[out] out  release with
 * kvb_string_dispose(). */
KVB_API int kvb_pki_hex_to_x5t(kvb_string* out, const char* thumbprint_hex);
/** Convert an x5t (Key Vault) to upper-case hex (Batch). @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_pki_x5t_to_hex(kvb_string* out, const char* x5t);

/* ---------------------------------------------------------------- Key Vault secrets */

/** A client of one vault's secrets. Thread-safe; holds its own reference to the credential. */
typedef struct kvb_secret_client kvb_secret_client;
/** A fetched secret (value and properties). One thread at a time. */
typedef struct kvb_secret kvb_secret;
/** Walks the names of a vault's secrets, fetching pages lazily. One thread at a time. */
typedef struct kvb_secret_pager kvb_secret_pager;

/**
 * A client for the secrets of the vault at @p vault_url ("https://{vault}[:port]", no path).
 * @param[out] out     new client; release with kvb_secret_client_free().
 * @param credential   borrowed for the call; the client keeps its own reference, so the caller may
 *                     free the credential at once.
 * @param options      transport options, plus api_version (NULL: the newest) and
 *                     disable_challenge_resource_verification; NULL for defaults.
 * An unknown api_version or a non-https URL gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_secret_client_new(kvb_secret_client** out, const char* vault_url,
                                  const kvb_credential* credential, const kvb_client_options* options);

/** Release a secret client. NULL-safe. */
KVB_API void kvb_secret_client_free(kvb_secret_client* client);

/**
 * Create secret @p name, or a new version of it, holding @p value.
 * @param[out] out       the stored secret; release with kvb_secret_free().
 * @param content_type   e.g. "text/plain"; NULL for none.
 * Names are 1-127 characters of [0-9a-zA-Z-]; others give KVB_E_INVALID_ARGUMENT, nothing sent.
 */
KVB_API int kvb_secret_client_set_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                         const char* value, const char* content_type);

/**
 * Fetch secret @p name. @param version  NULL or "" for the latest.
 * @param[out] out  the secret; release with kvb_secret_free().
 * A missing secret gives KVB_E_NOT_FOUND (kvb_error_last(): http_status 404,
 * service_code "SecretNotFound").
 */
KVB_API int kvb_secret_client_get_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                         const char* version);

/** The secret's value. Borrowed from @p secret (wiped by kvb_secret_free()); "" for a bad handle. */
KVB_API const char* kvb_secret_value(const kvb_secret* secret);
/** The secret's id, "https://{vault}/secrets/{name}/{version}". Borrowed; "" for a bad handle. */
KVB_API const char* kvb_secret_id(const kvb_secret* secret);
/** The secret's name. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_secret_name(const kvb_secret* secret);
/** The secret's version. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_secret_version(const kvb_secret* secret);
/** The secret's content type; "" when it has none. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_secret_content_type(const kvb_secret* secret);

/**
 * Attributes of a secret, key or certificate, read by kvb_secret_attribute(), kvb_key_attribute()
 * and kvb_certificate_attribute().
 */
enum {
    KVB_ATTRIBUTE_ENABLED = 0,          /**< 1 or 0 */
    KVB_ATTRIBUTE_NOT_BEFORE = 1,       /**< Unix seconds */
    KVB_ATTRIBUTE_EXPIRES_ON = 2,       /**< Unix seconds */
    KVB_ATTRIBUTE_CREATED_ON = 3,       /**< Unix seconds; set by the service */
    KVB_ATTRIBUTE_UPDATED_ON = 4,       /**< Unix seconds; set by the service */
    KVB_ATTRIBUTE_RECOVERABLE_DAYS = 5, /**< days a deleted object stays recoverable */
    KVB_ATTRIBUTE_MANAGED = 6 /**< 1 when Key Vault manages its lifetime (the key and secret behind a
                                   certificate), else 0; secrets and keys only */
};

/**
 * Attribute @p which (KVB_ATTRIBUTE_*) of @p secret: KVB_OK with @p present 1 and @p value set, or
 * with @p present 0 and @p value 0 when the service did not send it. An unknown @p which gives
 * KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_secret_attribute(int64_t* value, int* present, const kvb_secret* secret, int which);
/** The deletion recovery level (e.g. "Recoverable+Purgeable"); "" when unknown or for a bad handle. Borrowed.
 */
KVB_API const char* kvb_secret_recovery_level(const kvb_secret* secret);
/** Number of tags of @p secret; 0 for a bad handle. */
KVB_API size_t kvb_secret_tag_count(const kvb_secret* secret);
/**
 * Tag @p index (0 .. count - 1, in name order): @p name and @p value borrowed from @p secret (valid
 * until kvb_secret_free()). An index out of range gives KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_secret_tag(const char** name, const char** value, const kvb_secret* secret, size_t index);

/**
 * The secret as one JSON object (the value included, so treat the text as secret): the "secret
 * properties" document (see "JSON documents" below: "id", "name", "version", "contentType"?,
 * "enabled"?, times, "tags", ...) plus `"value": string`.
 * @param[out] out  release with kvb_string_dispose(), which wipes it.
 */
KVB_API int kvb_secret_to_json(kvb_string* out, const kvb_secret* secret);

/** Wipe the value and release the secret. NULL-safe. */
KVB_API void kvb_secret_free(kvb_secret* secret);

/**
 * Delete secret @p name and wait until the deletion is done (at once on vaults without soft
 * delete; else until the deleted secret can be read), as @p wait_options say (NULL: defaults).
 */
KVB_API int kvb_secret_client_delete_secret(const kvb_secret_client* client, const char* name,
                                            const kvb_operation_wait_options* wait_options);

/**
 * Delete secret @p name as kvb_secret_client_delete_secret() does (waiting as @p wait_options
 * say; NULL: defaults), and hand out what was deleted.
 * @param[out] deleted_json  the "deleted secret" document (see "JSON documents" below; treat the
 *                           text as secret: it holds "value" when the service sent it); NULL if
 *                           not wanted; else release with kvb_string_dispose(), which wipes it.
 */
KVB_API int kvb_secret_client_delete_secret_json(kvb_string* deleted_json, const kvb_secret_client* client,
                                                 const char* name,
                                                 const kvb_operation_wait_options* wait_options);

/** Remove soft-deleted secret @p name for good. */
KVB_API int kvb_secret_client_purge_deleted_secret(const kvb_secret_client* client, const char* name);

/**
 * Start listing the vault's secrets (nothing is sent until kvb_secret_pager_next()).
 * @param[out] out  release with kvb_secret_pager_free(). The pager shares the client's connection,
 *                  so @p client may be freed first.
 */
KVB_API int kvb_secret_client_list_secrets(kvb_secret_pager** out, const kvb_secret_client* client);

/**
 * The name of the next secret: KVB_OK with @p name_out filled (release it with
 * kvb_string_dispose()), or KVB_ITEROVER at the end (@p name_out untouched). Fetches the next
 * page when needed, so service and transport errors come from here.
 */
KVB_API int kvb_secret_pager_next(kvb_string* name_out, kvb_secret_pager* pager);

/** Release a pager. NULL-safe. */
KVB_API void kvb_secret_pager_free(kvb_secret_pager* pager);

/* ---------------------------------------------------------------- JSON documents and pagers */

/*
 * JSON text in and out (UTF-8, one object). Schemas, stable across releases (new members may
 * appear; readers must ignore unknown ones). Times are Unix seconds (integers). Members marked "?"
 * are absent when unknown. Binary members are base64url without padding unless said otherwise.
 *
 * Input documents (options, NULL or "{}" for none; unknown members are ignored, a malformed
 * document or a member of the wrong type gives KVB_E_INVALID_ARGUMENT with nothing sent):
 *  - attributes: {"enabled"?: bool, "notBefore"?: int, "expiresOn"?: int, "tags"?: {string: string}}
 *    ("tags" replaces every tag when given).
 *  - secret set options: attributes + {"contentType"?: string}
 *  - secret update: attributes + {"contentType"?: string}
 *
 * Output documents:
 *  - secret properties: {"id", "name", "version": string, "contentType"?: string, "enabled"?: bool,
 *    "notBefore"?, "expiresOn"?, "createdOn"?, "updatedOn"?: int, "recoverableDays"?: int,
 *    "recoveryLevel"?: string, "tags": {string: string}, "keyId"?: string, "managed": bool,
 *    "previousVersion"?: string (a certificate's secret: the version this one follows)}
 *  - deleted secret: secret properties + {"recoveryId"?: string, "deletedOn"?, "scheduledPurgeDate"?:
 *    int, "value"?: string (present when the service sent it; treat the text as secret)}
 */

/** Walks any list, one JSON document per item, fetching pages lazily. One thread at a time. */
typedef struct kvb_json_pager kvb_json_pager;

/**
 * The next item as JSON text (schema given by the call that made the pager): KVB_OK with
 * @p json_out filled (release with kvb_string_dispose()), or KVB_ITEROVER at the end (untouched).
 * Fetches pages when needed, so service and transport errors come from here.
 */
KVB_API int kvb_json_pager_next(kvb_string* json_out, kvb_json_pager* pager);

/** Release a pager. NULL-safe. The pager keeps its client's connection alive by itself. */
KVB_API void kvb_json_pager_free(kvb_json_pager* pager);

#define KVB_KEYVAULT_LIST_OPTIONS_VERSION 1

/** Options of the Key Vault list calls (their `_with_options` forms). */
typedef struct kvb_keyvault_list_options {
    unsigned int version; /**< KVB_KEYVAULT_LIST_OPTIONS_VERSION */
    int32_t max_results;  /**< items per page ("maxresults", 1..25); 0: the service's default */
} kvb_keyvault_list_options;

/** A ::kvb_keyvault_list_options with the defaults, to initialise a variable. */
/* clang-format off */
#define KVB_KEYVAULT_LIST_OPTIONS_INIT {KVB_KEYVAULT_LIST_OPTIONS_VERSION, 0}
/* clang-format on */

/** Fill @p options with defaults for @p version (KVB_KEYVAULT_LIST_OPTIONS_VERSION). */
KVB_API int kvb_keyvault_list_options_init(kvb_keyvault_list_options* options, unsigned int version);

/* ---------------------------------------------------------------- Key Vault secrets, more */

/**
 * Set secret @p name with options as JSON ("secret set options" above: content type, tags,
 * attributes). @param[out] out  release with kvb_secret_free().
 */
KVB_API int kvb_secret_client_set_secret_with_options(kvb_secret** out, const kvb_secret_client* client,
                                                      const char* name, const char* value,
                                                      const char* options_json);

/**
 * Fetch secret @p name; @p version NULL or "" for the latest. @p out_content_type NULL, or
 * "application/x-pem-file" to read a certificate-backed PFX secret as PEM (api-version 2026-04-01).
 */
KVB_API int kvb_secret_client_get_secret_with_options(kvb_secret** out, const kvb_secret_client* client,
                                                      const char* name, const char* version,
                                                      const char* out_content_type);

/**
 * Change the content type, tags or attributes of a version (NULL/"": the latest) of @p name.
 * @param update_json  "secret update" schema. @param[out] properties_json  the new "secret
 * properties"; NULL if not wanted; else release with kvb_string_dispose().
 */
KVB_API int kvb_secret_client_update_secret_properties(kvb_string* properties_json,
                                                       const kvb_secret_client* client, const char* name,
                                                       const char* version, const char* update_json);

/** The latest version of every secret as "secret properties" documents. Release with kvb_json_pager_free().
 */
KVB_API int kvb_secret_client_list_secret_properties(kvb_json_pager** out, const kvb_secret_client* client);

/** Every version of secret @p name as "secret properties" documents. */
KVB_API int kvb_secret_client_list_secret_versions(kvb_json_pager** out, const kvb_secret_client* client,
                                                   const char* name);

/**
 * kvb_secret_client_list_secret_properties() with @p options (NULL: defaults). A max_results
 * outside 1..25 gives KVB_E_INVALID_ARGUMENT with nothing sent.
 */
KVB_API int kvb_secret_client_list_secret_properties_with_options(kvb_json_pager** out,
                                                                  const kvb_secret_client* client,
                                                                  const kvb_keyvault_list_options* options);
/** kvb_secret_client_list_secret_versions() with @p options (NULL: defaults). */
KVB_API int kvb_secret_client_list_secret_versions_with_options(kvb_json_pager** out,
                                                                const kvb_secret_client* client,
                                                                const char* name,
                                                                const kvb_keyvault_list_options* options);

/** A soft-deleted secret as a "deleted secret" document (release with kvb_string_dispose()). */
KVB_API int kvb_secret_client_get_deleted_secret(kvb_string* deleted_json, const kvb_secret_client* client,
                                                 const char* name);

/** Every soft-deleted secret as "deleted secret" documents (no values). */
KVB_API int kvb_secret_client_list_deleted_secrets(kvb_json_pager** out, const kvb_secret_client* client);
/** kvb_secret_client_list_deleted_secrets() with @p options (NULL: defaults). */
KVB_API int kvb_secret_client_list_deleted_secrets_with_options(kvb_json_pager** out,
                                                                const kvb_secret_client* client,
                                                                const kvb_keyvault_list_options* options);

/**
 * Recover soft-deleted secret @p name and wait until it can be read again, as @p wait_options say
 * (NULL: defaults).
 * @param[out] properties_json  "secret properties" of the recovered secret; NULL if not wanted.
 */
KVB_API int kvb_secret_client_recover_deleted_secret(kvb_string* properties_json,
                                                     const kvb_secret_client* client, const char* name,
                                                     const kvb_operation_wait_options* wait_options);

/** Every version of @p name as an opaque, vault-protected blob (bytes; release with kvb_string_dispose()). */
KVB_API int kvb_secret_client_backup_secret(kvb_string* backup, const kvb_secret_client* client,
                                            const char* name);

/**
 * Restore a kvb_secret_client_backup_secret() blob (the name must not exist, not even soft-deleted:
 * else KVB_E_CONFLICT). @param[out] properties_json  NULL if not wanted.
 */
KVB_API int kvb_secret_client_restore_secret_backup(kvb_string* properties_json,
                                                    const kvb_secret_client* client, const uint8_t* backup,
                                                    size_t size);

/* ---------------------------------------------------------------- Key Vault keys */

/*
 * JSON schemas of this section (see "JSON documents" above for the conventions):
 *  - key create options: attributes + {"keyOps"?: [string], "keySize"?: int, "publicExponent"?: int,
 *    "curve"?: string, "exportable"?: bool, "hardwareProtected"?: bool, "releasePolicy"?: release policy}
 *  - key import options: attributes + {"hardwareProtected"?, "exportable"?: bool, "releasePolicy"?}
 *  - key update: attributes + {"keyOps"?: [string], "releasePolicy"?}
 *  - release policy: {"contentType"?: string, "immutable"?: bool, "data": base64url policy document}
 *  - JWK: the JSON Web Key of the Key Vault REST API (RFC 7517 members, base64url bytes:
 *    "kid", "kty", "key_ops", "n", "e", "d", "dp", "dq", "qi", "p", "q", "k", "key_hsm", "crv", "x", "y").
 *  - key properties: {"id", "name", "version": string, "enabled"?: bool, "notBefore"?, "expiresOn"?,
 *    "createdOn"?, "updatedOn"?: int, "recoverableDays"?: int, "recoveryLevel"?: string,
 *    "exportable"?: bool, "hsmPlatform"?: string, "keySize"?: int, "tags": {..}, "managed": bool,
 *    "releasePolicy"?: release policy, "attestation"?: {"certificatePemFile", "privateKeyAttestation",
 *    "publicKeyAttestation": base64url, "version"?: string}}
 *  - key: key properties + {"kty": string, "keyOps": [string], "key": JWK (public parts)}
 *  - deleted key: key + {"recoveryId"?: string, "deletedOn"?, "scheduledPurgeDate"?: int}
 *  - rotation policy: the Key Vault REST KeyRotationPolicy: {"id"?: string, "lifetimeActions":
 *    [{"trigger": {"timeAfterCreate"?|"timeBeforeExpiry"?: ISO 8601 duration}, "action": {"type":
 *    "Rotate"|"Notify"}}], "attributes": {"expiryTime"?: ISO 8601 duration, "created"?, "updated"?: int}}
 */

/** A client of one vault's keys. Thread-safe; holds its own reference to the credential. */
typedef struct kvb_key_client kvb_key_client;
/** A key (public JWK and properties). One thread at a time. */
typedef struct kvb_key kvb_key;

/** A client for the keys of @p vault_url; as kvb_secret_client_new(). Release with kvb_key_client_free(). */
KVB_API int kvb_key_client_new(kvb_key_client** out, const char* vault_url, const kvb_credential* credential,
                               const kvb_client_options* options);
/** Release a key client. NULL-safe. */
KVB_API void kvb_key_client_free(kvb_key_client* client);

/**
 * Create key @p name (or a new version) of type @p key_type: "RSA", "RSA-HSM", "EC", "EC-HSM",
 * "oct", "oct-HSM" ("hardwareProtected": true turns RSA/EC/oct into the -HSM type; EC defaults to
 * P-256). Sizes and curves are checked first (KVB_E_INVALID_ARGUMENT, nothing sent).
 * @param options_json  "key create options"; NULL for none. @param[out] out  release with kvb_key_free().
 */
KVB_API int kvb_key_client_create_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                      const char* key_type, const char* options_json);

/**
 * Import key material given as a JWK (JSON; private parts included). The text and the request
 * body are wiped after use. @param options_json  "key import options"; NULL for none.
 */
KVB_API int kvb_key_client_import_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                      const char* jwk_json, const char* options_json);

/** A key's public part and properties; @p version NULL or "" for the latest. 404: KVB_E_NOT_FOUND
 * ("KeyNotFound"). */
KVB_API int kvb_key_client_get_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                   const char* version);

/** Change the operations, attributes, tags or release policy of a version (NULL/"": latest). @param
 * update_json  "key update". */
KVB_API int kvb_key_client_update_key_properties(kvb_key** out, const kvb_key_client* client,
                                                 const char* name, const char* version,
                                                 const char* update_json);

/** The latest version of every key as "key properties" documents. Release with kvb_json_pager_free(). */
KVB_API int kvb_key_client_list_keys(kvb_json_pager** out, const kvb_key_client* client);
/** Every version of key @p name as "key properties" documents. */
KVB_API int kvb_key_client_list_key_versions(kvb_json_pager** out, const kvb_key_client* client,
                                             const char* name);
/** kvb_key_client_list_keys() with @p options (NULL: defaults; see ::kvb_keyvault_list_options). */
KVB_API int kvb_key_client_list_keys_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                                  const kvb_keyvault_list_options* options);
/** kvb_key_client_list_key_versions() with @p options (NULL: defaults). */
KVB_API int kvb_key_client_list_key_versions_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                                          const char* name,
                                                          const kvb_keyvault_list_options* options);

/**
 * Delete key @p name and wait until the deletion is done, as @p wait_options say (NULL: defaults).
 * @param[out] deleted_json  the "deleted key"; NULL if not wanted; else release with kvb_string_dispose().
 */
KVB_API int kvb_key_client_delete_key(kvb_string* deleted_json, const kvb_key_client* client,
                                      const char* name, const kvb_operation_wait_options* wait_options);
/** A soft-deleted key as a "deleted key" document. */
KVB_API int kvb_key_client_get_deleted_key(kvb_string* deleted_json, const kvb_key_client* client,
                                           const char* name);
/** Every soft-deleted key as "deleted key" documents (no key material). */
KVB_API int kvb_key_client_list_deleted_keys(kvb_json_pager** out, const kvb_key_client* client);
/** kvb_key_client_list_deleted_keys() with @p options (NULL: defaults). */
KVB_API int kvb_key_client_list_deleted_keys_with_options(kvb_json_pager** out, const kvb_key_client* client,
                                                          const kvb_keyvault_list_options* options);
/**
 * Recover soft-deleted key @p name and wait until it can be read, as @p wait_options say (NULL:
 * defaults). @param[out] out  NULL if not wanted.
 */
KVB_API int kvb_key_client_recover_deleted_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                               const kvb_operation_wait_options* wait_options);
/** Remove soft-deleted key @p name for good. */
KVB_API int kvb_key_client_purge_deleted_key(const kvb_key_client* client, const char* name);

/** Every version of @p name as an opaque blob (bytes; release with kvb_string_dispose()). */
KVB_API int kvb_key_client_backup_key(kvb_string* backup, const kvb_key_client* client, const char* name);
/** Restore a backup blob; the name must not exist (KVB_E_CONFLICT). */
KVB_API int kvb_key_client_restore_key_backup(kvb_key** out, const kvb_key_client* client,
                                              const uint8_t* backup, size_t size);

/** Create a new version of @p name following its rotation policy. */
KVB_API int kvb_key_client_rotate_key(kvb_key** out, const kvb_key_client* client, const char* name);
/** The rotation policy of @p name as "rotation policy" JSON (release with kvb_string_dispose()). */
KVB_API int kvb_key_client_get_rotation_policy(kvb_string* policy_json, const kvb_key_client* client,
                                               const char* name);
/**
 * Replace the rotation policy of @p name ("rotation policy" JSON; "id" and times are ignored).
 * @param[out] updated_json  the stored policy; NULL if not wanted.
 */
KVB_API int kvb_key_client_update_rotation_policy(kvb_string* updated_json, const kvb_key_client* client,
                                                  const char* name, const char* policy_json);

/** @p count (1-128) random bytes from the vault's HSM (bytes; release with kvb_string_dispose(), which
 * wipes). */
KVB_API int kvb_key_client_get_random_bytes(kvb_string* bytes, const kvb_key_client* client, int count);

/**
 * Release exportable key @p name (version NULL/"": latest) to the environment attested by
 * @p target_attestation_token. @param nonce, encryption_algorithm  NULL for none ("enc":
 * "CKM_RSA_AES_KEY_WRAP", "RSA_AES_KEY_WRAP_256", "RSA_AES_KEY_WRAP_384").
 * @param[out] jws  the released key as the vault's signed JWS; secret; release with kvb_string_dispose().
 */
KVB_API int kvb_key_client_release_key(kvb_string* jws, const kvb_key_client* client, const char* name,
                                       const char* version, const char* target_attestation_token,
                                       const char* nonce, const char* encryption_algorithm);

/**
 * The key with its HSM attestation ("attestation" in kvb_key_to_json()). Api-version 2026-04-01
 * only: older ones give KVB_E_INVALID_ARGUMENT with nothing sent.
 */
KVB_API int kvb_key_client_get_key_attestation(kvb_key** out, const kvb_key_client* client, const char* name,
                                               const char* version);

/** The key's id, "https://{vault}/keys/{name}/{version}". Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_id(const kvb_key* key);
/** The key's name. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_name(const kvb_key* key);
/** The key's version. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_version(const kvb_key* key);
/** The key type ("RSA", "EC", "oct", ... "-HSM"). Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_type(const kvb_key* key);
/** The curve of an EC key ("P-256", ...); "" for others. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_curve(const kvb_key* key);
/** Attribute @p which (KVB_ATTRIBUTE_*) of @p key; as kvb_secret_attribute(). */
KVB_API int kvb_key_attribute(int64_t* value, int* present, const kvb_key* key, int which);
/** The deletion recovery level; "" when unknown. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_key_recovery_level(const kvb_key* key);
/** Number of tags of @p key; 0 for a bad handle. */
KVB_API size_t kvb_key_tag_count(const kvb_key* key);
/** Tag @p index of @p key, borrowed; as kvb_secret_tag(). */
KVB_API int kvb_key_tag(const char** name, const char** value, const kvb_key* key, size_t index);
/** The key as a "key" JSON document (release with kvb_string_dispose()). */
KVB_API int kvb_key_to_json(kvb_string* out, const kvb_key* key);
/** Release a key. NULL-safe. */
KVB_API void kvb_key_free(kvb_key* key);

/* ---------------------------------------------------------------- Key Vault cryptography */

/**
 * Cryptographic operations with one vault key. Thread-safe. Algorithms by their JOSE names:
 * encrypt "RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128GCM".."A256GCM", "A128CBC".."A256CBCPAD";
 * wrap "RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128KW".."A256KW"; sign "RS256".."PS512",
 * "ES256".."ES512", "ES256K". An unknown algorithm, a digest of the wrong size or a missing IV/tag
 * gives KVB_E_INVALID_ARGUMENT with nothing sent.
 */
typedef struct kvb_cryptography_client kvb_cryptography_client;
/** The result of one operation (output bytes, key id, algorithm, IV, tag, validity). One thread at a time. */
typedef struct kvb_crypto_result kvb_crypto_result;

/**
 * A client for key @p key_id ("https://{vault}/keys/{name}[/{version}]").
 * @param local_public_operations  1: encrypt, wrap and verify (RSA, EC) run locally with the
 *        key's public part once known (given, fetched by kvb_cryptography_client_get_key(), or
 *        fetched by the first public operation); private operations always go to the vault.
 * @param public_key_jwk  the key's public JWK (JSON) if already known; NULL otherwise.
 */
KVB_API int kvb_cryptography_client_new(kvb_cryptography_client** out, const char* key_id,
                                        const kvb_credential* credential, int local_public_operations,
                                        const char* public_key_jwk, const kvb_client_options* options);
/** Release a cryptography client. NULL-safe. */
KVB_API void kvb_cryptography_client_free(kvb_cryptography_client* client);
/** GET the key (public part) and remember it for local public operations. */
KVB_API int kvb_cryptography_client_get_key(kvb_key** out, const kvb_cryptography_client* client);

/**
 * Encrypt @p plaintext. @p iv: AES-CBC 16 bytes, AES-GCM optional; @p aad: AES-GCM only; NULL/0
 * for none. Result: output = ciphertext, plus iv and authentication tag for AES.
 */
KVB_API int kvb_cryptography_client_encrypt(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                            const char* algorithm, const uint8_t* plaintext, size_t size,
                                            const uint8_t* iv, size_t iv_size, const uint8_t* aad,
                                            size_t aad_size);
/** Decrypt; @p tag is required for AES-GCM. Result: output = plaintext (wiped by kvb_crypto_result_free()).
 */
KVB_API int kvb_cryptography_client_decrypt(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                            const char* algorithm, const uint8_t* ciphertext, size_t size,
                                            const uint8_t* iv, size_t iv_size, const uint8_t* aad,
                                            size_t aad_size, const uint8_t* tag, size_t tag_size);
/** Wrap (encrypt) key material. Result: output = encrypted key. */
KVB_API int kvb_cryptography_client_wrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                             const char* algorithm, const uint8_t* key, size_t size);
/** Unwrap. Result: output = the key (wiped by kvb_crypto_result_free()). */
KVB_API int kvb_cryptography_client_unwrap_key(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                               const char* algorithm, const uint8_t* encrypted_key,
                                               size_t size);
/**
 * Have the vault make a fresh 256-bit AES key inside its trusted execution environment and return
 * it wrapped with this key (api-version 2026-04-01). Result: output = the wrapped key.
 * @param algorithm  "RSA-OAEP-256" (RSA keys) or "A128KW".."A256KW" (oct keys).
 */
KVB_API int kvb_cryptography_client_secure_wrap_key(kvb_crypto_result** out,
                                                    const kvb_cryptography_client* client,
                                                    const char* algorithm);
/**
 * Unwrap a key made by kvb_cryptography_client_secure_wrap_key() for the attested environment
 * named by @p target_attestation_token (required; api-version 2026-04-01).
 * Result: output = the key (wiped by kvb_crypto_result_free()).
 */
KVB_API int kvb_cryptography_client_secure_unwrap_key(kvb_crypto_result** out,
                                                      const kvb_cryptography_client* client,
                                                      const char* algorithm, const uint8_t* encrypted_key,
                                                      size_t size, const char* target_attestation_token);
/** Sign a digest made with the algorithm's hash. Result: output = signature (ES*: r||s). */
KVB_API int kvb_cryptography_client_sign(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                         const char* algorithm, const uint8_t* digest, size_t size);
/** Verify a signature of a digest. Result: kvb_crypto_result_is_valid(). A bad signature is KVB_OK, not
 * valid. */
KVB_API int kvb_cryptography_client_verify(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                           const char* algorithm, const uint8_t* digest, size_t digest_size,
                                           const uint8_t* signature, size_t signature_size);
/** Hash @p data locally (SHA-256/384/512 per algorithm), then sign the digest. */
KVB_API int kvb_cryptography_client_sign_data(kvb_crypto_result** out, const kvb_cryptography_client* client,
                                              const char* algorithm, const uint8_t* data, size_t size);
/** Hash @p data locally, then verify @p signature. */
KVB_API int kvb_cryptography_client_verify_data(kvb_crypto_result** out,
                                                const kvb_cryptography_client* client, const char* algorithm,
                                                const uint8_t* data, size_t size, const uint8_t* signature,
                                                size_t signature_size);

/** Parts of a ::kvb_crypto_result read by kvb_crypto_result_bytes(). */
enum { KVB_CRYPTO_OUTPUT = 0, KVB_CRYPTO_IV = 1, KVB_CRYPTO_TAG = 2, KVB_CRYPTO_AAD = 3 };

/**
 * Borrow part @p which (KVB_CRYPTO_OUTPUT, _IV, _TAG, _AAD) of @p result: @p data and @p size
 * are set (size 0 when the operation has no such part). Valid until kvb_crypto_result_free().
 */
KVB_API int kvb_crypto_result_bytes(const uint8_t** data, size_t* size, const kvb_crypto_result* result,
                                    int which);
/** The key version that did the operation. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_crypto_result_key_id(const kvb_crypto_result* result);
/** The algorithm used. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_crypto_result_algorithm(const kvb_crypto_result* result);
/** 1 when a verify found the signature valid; 0 otherwise (and for other operations or a bad handle). */
KVB_API int kvb_crypto_result_is_valid(const kvb_crypto_result* result);
/** Wipe and release a result. NULL-safe. */
KVB_API void kvb_crypto_result_free(kvb_crypto_result* result);

/* ---------------------------------------------------------------- Key Vault certificates */

/*
 * JSON schemas of this section (see "JSON documents" above for the conventions):
 *  - policy: the Key Vault REST CertificatePolicy object ({"key_props": {"kty", "key_size", "crv",
 *    "exportable", "reuse_key"}, "secret_props": {"contentType"}, "x509_props": {"subject", "sans":
 *    {"emails", "dns_names", "upns", "uris", "ipAddresses"}, "ekus", "key_usage", "validity_months",
 *    "basic_constraints": {"ca": bool}}, "lifetime_actions": [{"trigger": {"lifetime_percentage"|
 *    "days_before_expiry"}, "action": {"action_type"}}], "issuer": {"name", "cty",
 *    "cert_transparency"}, "attributes": {"enabled", "created", "updated"}, "id"}); read and written
 *    as that API does. Policies read from the service carry its read-only "id", "attributes.created",
 *    "attributes.updated" and "x509_props.basic_constraints" (which the REST specification leaves
 *    out); in input documents those are ignored.
 *  - certificate create options: {"enabled"?: bool, "tags"?: {..}, "preserveCertOrder"?: bool}
 *  - certificate import options: certificate create options + {"policy"?: policy,
 *    "reencode"?: "none" | "aes256" | "legacy" (re-encode a PFX before sending)}
 *  - certificate update: attributes
 *  - merge: {"x5c": [standard base64 DER, signed certificate first], "enabled"?: bool, "tags"?: {..}}
 *  - certificate properties: {"id", "name", "version", "x5t": string, "enabled"?: bool, "notBefore"?,
 *    "expiresOn"?, "createdOn"?, "updatedOn"?: int, "recoverableDays"?: int, "recoveryLevel": string,
 *    "tags": {..}, "preserveCertOrder"?: bool}
 *  - certificate: certificate properties + {"keyId", "secretId", "contentType": string, "cer":
 *    standard base64 DER, "policy"?: policy}
 *  - deleted certificate: certificate + {"recoveryId": string, "deletedOn"?, "scheduledPurgeDate"?: int}
 *  - operation: {"id", "name", "status", "statusDetails", "target", "requestId": string,
 *    "issuerName"?, "certificateType"?: string, "certificateTransparency"?: bool, "csr": standard
 *    base64 DER PKCS#10 ("" when none), "cancellationRequested": bool, "preserveCertOrder"?: bool,
 *    "error"?: {"code", "message", "innerCode": string}}
 *  - issuer: {"id"?, "name", "provider": string, "accountId"?, "password"? (input only; never
 *    returned), "organizationId"?: string, "administrators": [{"firstName", "lastName", "email",
 *    "phone"}], "enabled"?: bool, "createdOn"?, "updatedOn"?: int}
 *  - issuer properties (list items): {"id", "name", "provider"}
 *  - contacts: the Key Vault REST Contacts object: {"id"?: string (in answers: the vault's
 *    .../certificates/contacts), "contacts": [{"name", "email", "phone"}]}
 */

/** A client of one vault's certificates, issuers and contacts. Thread-safe. */
typedef struct kvb_certificate_client kvb_certificate_client;
/** A certificate version (properties, DER, key and secret ids, policy). One thread at a time. */
typedef struct kvb_certificate kvb_certificate;

/** A client for the certificates of @p vault_url; as kvb_secret_client_new(). */
KVB_API int kvb_certificate_client_new(kvb_certificate_client** out, const char* vault_url,
                                       const kvb_credential* credential, const kvb_client_options* options);
/** Release a certificate client. NULL-safe. */
KVB_API void kvb_certificate_client_free(kvb_certificate_client* client);

/**
 * Start creating certificate @p name (a new version if it exists) with @p policy_json ("policy";
 * NULL: self-signed RSA 2048 "CN={name}", exportable PFX, 12 months). With @p wait 1, block until
 * the operation leaves "inProgress" (check "status" of the result: "completed" or a failure), as
 * @p wait_options say (NULL: defaults); an issuer that never answers ("Unknown" before a merge)
 * ends in KVB_E_TIMEOUT. With 0, return at once (@p wait_options unused).
 * @param options_json  "certificate create options"; NULL for none.
 * @param[out] operation_json  the "operation"; NULL if not wanted; else release with kvb_string_dispose().
 */
KVB_API int kvb_certificate_client_create_certificate(kvb_string* operation_json,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const char* policy_json, const char* options_json,
                                                      int wait,
                                                      const kvb_operation_wait_options* wait_options);
/** The pending operation of @p name as "operation" JSON. */
KVB_API int kvb_certificate_client_get_certificate_operation(kvb_string* operation_json,
                                                             const kvb_certificate_client* client,
                                                             const char* name);
/** Ask the service to cancel the pending operation of @p name. @param[out] operation_json  NULL if not
 * wanted. */
KVB_API int kvb_certificate_client_cancel_certificate_operation(kvb_string* operation_json,
                                                                const kvb_certificate_client* client,
                                                                const char* name);
/** Delete the pending operation of @p name. @param[out] operation_json  NULL if not wanted. */
KVB_API int kvb_certificate_client_delete_certificate_operation(kvb_string* operation_json,
                                                                const kvb_certificate_client* client,
                                                                const char* name);
/** Finish an "Unknown"-issuer creation with the chain signed from its CSR. @param merge_json  "merge". */
KVB_API int kvb_certificate_client_merge_certificate(kvb_certificate** out,
                                                     const kvb_certificate_client* client, const char* name,
                                                     const char* merge_json);

/**
 * Import a PFX (with @p password; NULL or "" for none) or PEM text (certificate chain and private
 * key) as a new version of @p name. The content type follows the data. @p data is copied into
 * wiped memory. @param options_json  "certificate import options"; NULL for none.
 * Unreadable data or a wrong password gives KVB_E_CRYPTO; empty data KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_certificate_client_import_certificate(kvb_certificate** out,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const uint8_t* data, size_t size, const char* password,
                                                      const char* options_json);

/** The latest version of @p name, with its policy. 404: KVB_E_NOT_FOUND ("CertificateNotFound"). */
KVB_API int kvb_certificate_client_get_certificate(kvb_certificate** out,
                                                   const kvb_certificate_client* client, const char* name);
/** One version of @p name (NULL or "": the latest, without the policy). */
KVB_API int kvb_certificate_client_get_certificate_version(kvb_certificate** out,
                                                           const kvb_certificate_client* client,
                                                           const char* name, const char* version);
/** Update the attributes and tags of a version (NULL/"": latest). @param update_json  "certificate update".
 */
KVB_API int kvb_certificate_client_update_certificate_properties(kvb_certificate** out,
                                                                 const kvb_certificate_client* client,
                                                                 const char* name, const char* version,
                                                                 const char* update_json);
/** The policy of @p name as "policy" JSON. */
KVB_API int kvb_certificate_client_get_certificate_policy(kvb_string* policy_json,
                                                          const kvb_certificate_client* client,
                                                          const char* name);
/** Replace the fields set in @p policy_json. @param[out] updated_json  the stored policy; NULL if not wanted.
 */
KVB_API int kvb_certificate_client_update_certificate_policy(kvb_string* updated_json,
                                                             const kvb_certificate_client* client,
                                                             const char* name, const char* policy_json);
/** Every certificate's latest version as "certificate properties" (@p include_pending 1: also those being
 * created). */
KVB_API int kvb_certificate_client_list_certificates(kvb_json_pager** out,
                                                     const kvb_certificate_client* client,
                                                     int include_pending);
/** Every version of @p name as "certificate properties". */
KVB_API int kvb_certificate_client_list_certificate_versions(kvb_json_pager** out,
                                                             const kvb_certificate_client* client,
                                                             const char* name);
/** kvb_certificate_client_list_certificates() with @p options (NULL: defaults). */
KVB_API int kvb_certificate_client_list_certificates_with_options(kvb_json_pager** out,
                                                                  const kvb_certificate_client* client,
                                                                  int include_pending,
                                                                  const kvb_keyvault_list_options* options);
/** kvb_certificate_client_list_certificate_versions() with @p options (NULL: defaults). */
KVB_API int kvb_certificate_client_list_certificate_versions_with_options(
    kvb_json_pager** out, const kvb_certificate_client* client, const char* name,
    const kvb_keyvault_list_options* options);

/**
 * The certificate of a version (NULL/"": latest) with its private key, read from its secret and
 * checked against the vault's certificate: PFX (no password) or PEM text.
 * @param[out] content       bytes; secret: release with kvb_string_dispose(), which wipes them.
 * @param[out] content_type  "application/x-pkcs12" or "application/x-pem-file"; NULL if not wanted.
 * A secret holding another certificate or unreadable data gives KVB_E_CRYPTO.
 */
KVB_API int kvb_certificate_client_download_certificate(kvb_string* content, kvb_string* content_type,
                                                        const kvb_certificate_client* client,
                                                        const char* name, const char* version);

/** Delete every version of @p name and wait until done, as @p wait_options say (NULL: defaults).
 * @param[out] deleted_json  "deleted certificate"; NULL if not wanted. */
KVB_API int kvb_certificate_client_delete_certificate(kvb_string* deleted_json,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const kvb_operation_wait_options* wait_options);
/** Recover soft-deleted @p name and wait until it can be read, as @p wait_options say (NULL:
 * defaults). @param[out] out  NULL if not wanted. */
KVB_API int
kvb_certificate_client_recover_deleted_certificate(kvb_certificate** out,
                                                   const kvb_certificate_client* client, const char* name,
                                                   const kvb_operation_wait_options* wait_options);
/** A soft-deleted certificate as "deleted certificate" JSON. */
KVB_API int kvb_certificate_client_get_deleted_certificate(kvb_string* deleted_json,
                                                           const kvb_certificate_client* client,
                                                           const char* name);
/** Every soft-deleted certificate as "deleted certificate" documents (no cer, ids or policy); @p
 * include_pending 1: also those never completed. */
KVB_API int kvb_certificate_client_list_deleted_certificates(kvb_json_pager** out,
                                                             const kvb_certificate_client* client,
                                                             int include_pending);
/** kvb_certificate_client_list_deleted_certificates() with @p options (NULL: defaults). */
KVB_API int kvb_certificate_client_list_deleted_certificates_with_options(
    kvb_json_pager** out, const kvb_certificate_client* client, int include_pending,
    const kvb_keyvault_list_options* options);
/** Remove soft-deleted @p name for good. */
KVB_API int kvb_certificate_client_purge_deleted_certificate(const kvb_certificate_client* client,
                                                             const char* name);
/** Every version of @p name as an opaque blob (bytes; release with kvb_string_dispose()). */
KVB_API int kvb_certificate_client_backup_certificate(kvb_string* backup,
                                                      const kvb_certificate_client* client, const char* name);
/** Restore a backup blob; the name must not exist (KVB_E_CONFLICT). */
KVB_API int kvb_certificate_client_restore_certificate_backup(kvb_certificate** out,
                                                              const kvb_certificate_client* client,
                                                              const uint8_t* backup, size_t size);

/** Create or replace an issuer ("issuer" JSON; name and provider required). @param[out] issuer_out  NULL if
 * not wanted. */
KVB_API int kvb_certificate_client_create_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* issuer_json);
/** Issuer @p name as "issuer" JSON. */
KVB_API int kvb_certificate_client_get_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                              const char* name);
/** Update the fields set in @p issuer_json (name required). @param[out] issuer_out  NULL if not wanted. */
KVB_API int kvb_certificate_client_update_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* issuer_json);
/** Delete issuer @p name. @param[out] issuer_out  the deleted "issuer"; NULL if not wanted. */
KVB_API int kvb_certificate_client_delete_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* name);
/** Every issuer as "issuer properties" documents. */
KVB_API int kvb_certificate_client_list_issuers(kvb_json_pager** out, const kvb_certificate_client* client);
/** kvb_certificate_client_list_issuers() with @p options (NULL: defaults). */
KVB_API int kvb_certificate_client_list_issuers_with_options(kvb_json_pager** out,
                                                             const kvb_certificate_client* client,
                                                             const kvb_keyvault_list_options* options);

/** Replace the vault's certificate contacts ("contacts" JSON). @param[out] contacts_out  NULL if not wanted.
 */
KVB_API int kvb_certificate_client_set_contacts(kvb_string* contacts_out,
                                                const kvb_certificate_client* client,
                                                const char* contacts_json);
/** The vault's certificate contacts as "contacts" JSON. */
KVB_API int kvb_certificate_client_get_contacts(kvb_string* contacts_out,
                                                const kvb_certificate_client* client);
/** Remove every contact. @param[out] contacts_out  the removed "contacts"; NULL if not wanted. */
KVB_API int kvb_certificate_client_delete_contacts(kvb_string* contacts_out,
                                                   const kvb_certificate_client* client);

/** The certificate's id, "https://{vault}/certificates/{name}/{version}". Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_id(const kvb_certificate* certificate);
/** The certificate's name. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_name(const kvb_certificate* certificate);
/** The certificate's version. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_version(const kvb_certificate* certificate);
/** SHA-1 thumbprint, base64url (Key Vault's x5t). Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_x5t(const kvb_certificate* certificate);
/** The id of the secret holding the certificate with its private key. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_secret_id(const kvb_certificate* certificate);
/** The id of the certificate's key. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_key_id(const kvb_certificate* certificate);
/** Borrow the X.509 certificate (DER): @p data and @p size valid until kvb_certificate_free(). */
KVB_API int kvb_certificate_cer(const uint8_t** data, size_t* size, const kvb_certificate* certificate);
/**
 * Attribute @p which (KVB_ATTRIBUTE_*) of @p certificate; as kvb_secret_attribute().
 * KVB_ATTRIBUTE_MANAGED is never present (only a certificate's key and secret are managed).
 */
KVB_API int kvb_certificate_attribute(int64_t* value, int* present, const kvb_certificate* certificate,
                                      int which);
/** The deletion recovery level; "" when unknown. Borrowed; "" for a bad handle. */
KVB_API const char* kvb_certificate_recovery_level(const kvb_certificate* certificate);
/** Number of tags of @p certificate; 0 for a bad handle. */
KVB_API size_t kvb_certificate_tag_count(const kvb_certificate* certificate);
/** Tag @p index of @p certificate, borrowed; as kvb_secret_tag(). */
KVB_API int kvb_certificate_tag(const char** name, const char** value, const kvb_certificate* certificate,
                                size_t index);
/** The certificate as "certificate" JSON (release with kvb_string_dispose()). */
KVB_API int kvb_certificate_to_json(kvb_string* out, const kvb_certificate* certificate);
/** Release a certificate. NULL-safe. */
KVB_API void kvb_certificate_free(kvb_certificate* certificate);
/* ---------------------------------------------------------------- Batch */

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

#define KVB_BATCH_LIST_OPTIONS_VERSION 1

/** OData options of the list calls. */
typedef struct kvb_batch_list_options {
    unsigned int version; /**< KVB_BATCH_LIST_OPTIONS_VERSION */
    const char* filter;   /**< $filter, e.g. "state eq 'active'"; NULL: none */
    const char* select;   /**< $select, comma-separated properties; NULL: all */
    const char* expand;   /**< $expand ("stats" for pools and job schedules); NULL: none */
    int32_t max_results;  /**< items per page, 1..1000; 0: the service default */
} kvb_batch_list_options;

/** Fill @p options with defaults for @p version (KVB_BATCH_LIST_OPTIONS_VERSION). */
KVB_API int kvb_batch_list_options_init(kvb_batch_list_options* options, unsigned int version);

/** Formats of kvb_batch_client_add_certificate(). */
enum { KVB_BATCH_CERTIFICATE_PFX = 0, KVB_BATCH_CERTIFICATE_CER = 1 };

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
 * Certificate_Get.
 * @param select  the properties to return (OData select), comma-separated; NULL for all.
 * @param[out] out  release with kvb_batch_certificate_free().
 * A bad thumbprint gives KVB_E_INVALID_ARGUMENT; an unknown one KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_certificate(kvb_batch_certificate** out, const kvb_batch_client* client,
                                             const char* thumbprint, const char* select);

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

/**
 * The certificate as JSON: `{"thumbprint": string, "thumbprintAlgorithm": string, "url": string,
 * "state": string (absent when unknown), "stateTransitionTime": unix seconds (absent when unknown),
 * "previousState": string (absent when none), "previousStateTransitionTime": unix seconds (absent
 * when none), "publicData": string,
 * "deleteCertificateError": {"code": string, "message": string, "values": [{"name": string,
 * "value": string}]} (absent when none)}`. @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_batch_certificate_to_json(kvb_string* out, const kvb_batch_certificate* certificate);

/** Release a certificate. NULL-safe. */
KVB_API void kvb_batch_certificate_free(kvb_batch_certificate* certificate);

/**
 * Pool_Get. @param select, expand  OData clauses; NULL for none.
 * @param[out] out  release with kvb_batch_pool_free(). An unknown pool gives KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_pool(kvb_batch_pool** out, const kvb_batch_client* client,
                                      const char* pool_id, const char* select, const char* expand);

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

/**
 * The pool as JSON: `{"id": string, "displayName": string (absent when none), "state": string
 * (absent when unknown), "vmSize": string (absent when unknown), "nodeAgentSkuId": string (absent
 * without a VM configuration), "certificateReferences": [CertificateReference], "metadata":
 * {string: string}, "service": object (the service's CloudPool, unchanged)}` where
 * CertificateReference is `{"thumbprint": string, "thumbprintAlgorithm": string, "storeLocation":
 * string (absent when none), "storeName": string (absent when none), "visibility": [string]}`.
 * @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_batch_pool_to_json(kvb_string* out, const kvb_batch_pool* pool);

/** Release a pool. NULL-safe. */
KVB_API void kvb_batch_pool_free(kvb_batch_pool* pool);

/** JobSchedule_Get. @param select, expand  NULL for none. @param[out] out  release with
 * kvb_batch_job_schedule_free(). */
KVB_API int kvb_batch_client_get_job_schedule(kvb_batch_job_schedule** out, const kvb_batch_client* client,
                                              const char* job_schedule_id, const char* select,
                                              const char* expand);

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

/**
 * The job schedule as JSON: `{"id": string, "displayName": string (absent when none), "state":
 * string (absent when unknown), "poolId": string (absent when it uses an auto pool),
 * "autoPoolCertificateReferences": [CertificateReference as in kvb_batch_pool_to_json()],
 * "metadata": {string: string}, "service": object (the service's CloudJobSchedule, unchanged)}`.
 * @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_batch_job_schedule_to_json(kvb_string* out, const kvb_batch_job_schedule* schedule);

/** Release a job schedule. NULL-safe. */
KVB_API void kvb_batch_job_schedule_free(kvb_batch_job_schedule* schedule);

/**
 * Job_Get. @param select, expand  NULL for none. @param[out] out  release with kvb_batch_job_free().
 * A bad id gives KVB_E_INVALID_ARGUMENT; an unknown job KVB_E_NOT_FOUND.
 */
KVB_API int kvb_batch_client_get_job(kvb_batch_job** out, const kvb_batch_client* client, const char* job_id,
                                     const char* select, const char* expand);

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

/**
 * The job as JSON, with the members of kvb_batch_job_schedule_to_json() ("service" is the
 * service's CloudJob, unchanged). @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_batch_job_to_json(kvb_string* out, const kvb_batch_job* job);

/** Release a job. NULL-safe. */
KVB_API void kvb_batch_job_free(kvb_batch_job* job);

/* ---------------------------------------------------------------- migration (Batch -> Key Vault) */

/** The migration engine bound to one Batch account and one vault. Thread-safe to share. */
typedef struct kvb_migrator kvb_migrator;
/** Batch certificates with the pools and job schedules that use them. One thread at a time. */
typedef struct kvb_migration_inventory kvb_migration_inventory;
/** One decision per certificate. One thread at a time. */
typedef struct kvb_migration_plan kvb_migration_plan;
/** What a run did. One thread at a time. */
typedef struct kvb_migration_report kvb_migration_report;

/**
 * A migrator from the account of @p batch to the vault at @p vault_url.
 * @param[out] out          release with kvb_migrator_free().
 * @param batch             borrowed for the call; the migrator keeps its own copy.
 * @param vault_credential  Entra ID credential for the vault; borrowed, a reference is kept.
 * @param vault_options     transport options for the vault, plus api_version and
 *                          disable_challenge_resource_verification; NULL for defaults.
 */
KVB_API int kvb_migrator_new(kvb_migrator** out, const kvb_batch_client* batch, const char* vault_url,
                             const kvb_credential* vault_credential, const kvb_client_options* vault_options);

/** Release a migrator. NULL-safe. */
KVB_API void kvb_migrator_free(kvb_migrator* migrator);

/**
 * Read the Batch account: its certificates (or, when the certificate API answers
 * CertificateRetired, the thumbprints the pools and job schedules reference) and who uses them.
 * Never writes. @param[out] out  release with kvb_migration_inventory_free().
 */
KVB_API int kvb_migrator_inventory(kvb_migration_inventory** out, const kvb_migrator* migrator);

/** Number of certificates; 0 for a bad handle. */
KVB_API size_t kvb_migration_inventory_count(const kvb_migration_inventory* inventory);
/** Thumbprint (upper-case hex) of certificate @p index; "" when out of range. Borrowed. */
KVB_API const char* kvb_migration_inventory_thumbprint(const kvb_migration_inventory* inventory,
                                                       size_t index);
/** Batch state of certificate @p index ("active", ...); "" when only referenced. Borrowed. */
KVB_API const char* kvb_migration_inventory_state(const kvb_migration_inventory* inventory, size_t index);
/** How many pool or job schedule references certificate @p index has; 0 when out of range. */
KVB_API size_t kvb_migration_inventory_use_count(const kvb_migration_inventory* inventory, size_t index);
/** Number of pools in the account; 0 for a bad handle. */
KVB_API size_t kvb_migration_inventory_pool_count(const kvb_migration_inventory* inventory);
/** Number of job schedules in the account; 0 for a bad handle. */
KVB_API size_t kvb_migration_inventory_job_schedule_count(const kvb_migration_inventory* inventory);
/** 1 when the certificate API answered CertificateRetired; 0 otherwise or for a bad handle. */
KVB_API int kvb_migration_inventory_certificate_api_retired(const kvb_migration_inventory* inventory);

/**
 * The inventory as JSON: `{"batchAccount": string, "certificateApiRetired": bool, "certificates":
 * [{"thumbprint": string, "state": string, "fromCertificateApi": bool, "references": [{"kind":
 * "pool"|"jobschedule", "id": string, "storeLocation": string, "storeName": string,
 * "visibility": [string]}]}], "pools": [string], "jobSchedules": [string]}`.
 * @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_migration_inventory_to_json(kvb_string* out, const kvb_migration_inventory* inventory);

/** Release an inventory. NULL-safe. */
KVB_API void kvb_migration_inventory_free(kvb_migration_inventory* inventory);

/** Verification after each import. */
enum {
    KVB_MIGRATION_VERIFY_BASIC = 0, /**< the vault's x5t must equal the Batch thumbprint */
    KVB_MIGRATION_VERIFY_DEEP = 1   /**< also download the certificate and compare the private key */
};

#define KVB_MIGRATION_PLAN_OPTIONS_VERSION 1

/** Where the key material is and how to name and check what is imported. */
typedef struct kvb_migration_plan_options {
    unsigned int version; /**< KVB_MIGRATION_PLAN_OPTIONS_VERSION */
    const char* const*
        key_material; /**< folders (searched recursively) or files of .pfx/.p12/.pem/.cer/.crt/.der */
    size_t key_material_count;
    const char* passwords_file; /**< JSON {"file-or-thumbprint": "password"} or INI lines; NULL: none */
    const char* password_env; /**< name of an environment variable holding the default password; NULL: none */
    const char* name_mapping_file; /**< JSON {"thumbprint": "vault name"}; NULL: none */
    const char* name_prefix;       /**< vault names are prefix + lower-case thumbprint; NULL: "batch-" */
    int recover_deleted;           /**< 1: recover a soft-deleted target name, then import into it */
    int verify_mode;               /**< KVB_MIGRATION_VERIFY_BASIC (default) or _DEEP */
} kvb_migration_plan_options;

/** Fill @p options with defaults for @p version (KVB_MIGRATION_PLAN_OPTIONS_VERSION). */
KVB_API int kvb_migration_plan_options_init(kvb_migration_plan_options* options, unsigned int version);

/**
 * Scan the key material, read the vault and decide an action per certificate. Never writes.
 * Files and passwords are read here and kept (passwords in wiped memory) for
 * kvb_migrator_execute(). Inputs are checked before the vault is asked anything: a key
 * material path that does not exist or cannot be listed, an unreadable or malformed passwords
 * or mapping file (a UTF-8 byte order mark is accepted) give KVB_E_INVALID_ARGUMENT with a
 * message naming the path. Files that cannot be used are listed in kvb_migration_plan_to_json().
 * @param[out] out  release with kvb_migration_plan_free().
 */
KVB_API int kvb_migrator_plan(kvb_migration_plan** out, const kvb_migrator* migrator,
                              const kvb_migration_inventory* inventory,
                              const kvb_migration_plan_options* options);

/** Number of plan items (one per inventory certificate, same order); 0 for a bad handle. */
KVB_API size_t kvb_migration_plan_count(const kvb_migration_plan* plan);
/** Thumbprint of item @p index; "" when out of range. Borrowed. */
KVB_API const char* kvb_migration_plan_thumbprint(const kvb_migration_plan* plan, size_t index);
/**
 * Action of item @p index: "import", "already-present", "store-public-as-secret",
 * "missing-key-material", "password-wrong", "thumbprint-mismatch", "name-conflict"; "" when out
 * of range. Static storage.
 */
KVB_API const char* kvb_migration_plan_action(const kvb_migration_plan* plan, size_t index);
/** One sentence saying why; "" when out of range. Borrowed. */
KVB_API const char* kvb_migration_plan_reason(const kvb_migration_plan* plan, size_t index);
/** The Key Vault object name of item @p index; "" when out of range. Borrowed. */
KVB_API const char* kvb_migration_plan_target_name(const kvb_migration_plan* plan, size_t index);
/** The chosen local file of item @p index; "" when none. Borrowed. */
KVB_API const char* kvb_migration_plan_source_file(const kvb_migration_plan* plan, size_t index);

/**
 * The plan as JSON: `{"batchAccount": string, "vaultUrl": string, "certificateApiRetired": bool,
 * "vaultError": string (absent when none), "warnings": [string], "items": [{"thumbprint": string,
 * "action": string, "reason": string, "targetName": string, "sourceFile": string (absent when
 * none), "recoverDeletedFirst": bool, "existingId": string (absent when none), "references":
 * [as in kvb_migration_inventory_to_json()]}], "files": [{"path": string, "problem":
 * "wrong-password"|"corrupt"|"unreadable"|"truncated"|"duplicate", "detail": string,
 * "thumbprint": string ("" when the file cannot be tied to a certificate), "listedByBatch": bool,
 * "duplicateOf": string (absent unless a duplicate)}]}`: "files" lists every key material file
 * that cannot be used. @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_migration_plan_to_json(kvb_string* out, const kvb_migration_plan* plan);

/** Release a plan (wiping the passwords it holds). NULL-safe. */
KVB_API void kvb_migration_plan_free(kvb_migration_plan* plan);

#define KVB_MIGRATION_EXECUTE_OPTIONS_VERSION 1

/** How to carry out a plan. */
typedef struct kvb_migration_execute_options {
    unsigned int version;      /**< KVB_MIGRATION_EXECUTE_OPTIONS_VERSION */
    int dry_run;               /**< 1: write nothing; every item is "planned" */
    int concurrency;           /**< worker threads for vault writes; 0: 8 */
    int write_budget;          /**< vault writes per 10 s; 0: 250 */
    const char* journal_path;  /**< JSON-lines journal; a rerun with the same file resumes; NULL: in memory */
    const char* report_dir;    /**< write report.json, report.md and pools/ here; NULL: none */
    int clear_pool_references; /**< 1: after verification, clear the pools' certificate references */
    int delete_batch_certificates; /**< 1: after verification, delete the Batch certificates */
    const char* msi_client_id;     /**< client id of the pools' user-assigned identity (pool guidance) */
    const char* msi_resource_id;   /**< its ARM resource id (pool guidance); NULL: none */
    int polling_interval_seconds;  /**< of the Key Vault VM extension; 0: 3600 */
} kvb_migration_execute_options;

/** Fill @p options with defaults for @p version (KVB_MIGRATION_EXECUTE_OPTIONS_VERSION). */
KVB_API int kvb_migration_execute_options_init(kvb_migration_execute_options* options, unsigned int version);

/** Progress of kvb_migrator_execute(), after each certificate. Borrowed for the callback only. */
typedef struct kvb_migration_progress {
    size_t done; /**< certificates finished, counting those that needed no write */
    size_t total;
    size_t succeeded; /**< this and the next two count those that needed no write too */
    size_t failed;    /**< (e.g. missing key material), so the last call's counts are the report's */
    size_t skipped;
    const char* thumbprint; /**< the certificate just finished */
    const char* result;     /**< its result: "planned", "succeeded", "skipped", "failed" */
} kvb_migration_progress;

/**
 * Called after each certificate that needed a write, from the calling thread or a worker thread,
 * one call at a time (a dry run makes no call). Return 0 to go on, non-zero to cancel: no new
 * certificate is started, those in flight finish and are journaled.
 */
typedef int (*kvb_migration_progress_callback)(const kvb_migration_progress* progress, void* user_data);

/**
 * Carry out @p plan: import, verify, journal, optional clean-up, pool guidance; then write the
 * report files when report_dir is set. A failure of one certificate stays in the report; the run
 * goes on and this returns KVB_OK.
 * @param progress  NULL for none. @param user_data  passed to @p progress.
 * @param[out] out  the report; release with kvb_migration_report_free().
 * @return KVB_E_CANCELLED when @p progress asked to stop (@p out is NULL; the report files are
 * still written). To resume, make a new plan (kvb_migrator_inventory(), kvb_migrator_plan()) and
 * execute it with the same journal_path: what reached the vault is then already-present, and a
 * write left unfinished is looked up in the vault before anything is written again, so nothing is
 * imported twice. Executing the old plan again would import its certificates again.
 */
KVB_API int kvb_migrator_execute(kvb_migration_report** out, const kvb_migrator* migrator,
                                 const kvb_migration_inventory* inventory, const kvb_migration_plan* plan,
                                 const kvb_migration_execute_options* options,
                                 kvb_migration_progress_callback progress, void* user_data);

/** Results counted by kvb_migration_report_count(). */
enum {
    KVB_MIGRATION_PLANNED = 0,
    KVB_MIGRATION_SUCCEEDED = 1,
    KVB_MIGRATION_SKIPPED = 2,
    KVB_MIGRATION_FAILED = 3
};

/** How many certificates ended with @p result (KVB_MIGRATION_*); 0 for a bad handle. */
KVB_API size_t kvb_migration_report_count(const kvb_migration_report* report, int result);
/** Number of certificates in the report; 0 for a bad handle. */
KVB_API size_t kvb_migration_report_item_count(const kvb_migration_report* report);
/** Thumbprint of item @p index; "" when out of range. Borrowed. */
KVB_API const char* kvb_migration_report_item_thumbprint(const kvb_migration_report* report, size_t index);
/** Result of item @p index ("planned", "succeeded", "skipped", "failed"); "" when out of range. Static. */
KVB_API const char* kvb_migration_report_item_result(const kvb_migration_report* report, size_t index);
/** Versionless secret id the VM extension must observe for item @p index; "" when none. Borrowed. */
KVB_API const char* kvb_migration_report_item_secret_id(const kvb_migration_report* report, size_t index);
/** 1 when no certificate failed or needs attention; 0 otherwise or for a bad handle. */
KVB_API int kvb_migration_report_complete(const kvb_migration_report* report);

/**
 * The report as JSON (schema version 1, documented in docs/migration.md, "Report").
 * @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_migration_report_to_json(kvb_string* out, const kvb_migration_report* report);

/**
 * The pool guidance alone as a JSON array (as `kvbridge pools --json` prints it), one object
 * per pool or job schedule: `{"id": string, "kind": "pool"|"jobschedule", "os": "linux"|"windows",
 * "thumbprints": [string], "unmigrated": [string], "extension": VMExtension object, "armPool":
 * object (pools only), "batchPool": object (pools only)}`. @param[out] out  release with
 * kvb_string_dispose().
 */
KVB_API int kvb_migration_report_pools_to_json(kvb_string* out, const kvb_migration_report* report);

/** Write report.json, report.md and pools/ID.{extension,arm,batch}.json into @p dir (created if needed). */
KVB_API int kvb_migration_report_write(const kvb_migration_report* report, const char* dir);

/** Release a report. NULL-safe. */
KVB_API void kvb_migration_report_free(kvb_migration_report* report);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_H */
