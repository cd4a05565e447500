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
    KVB_E_WRONG_HANDLE = -13,       /**< NULL handle, handle of another type, or a freed handle */
    KVB_E_INTERNAL = -14            /**< a bug in kvbridge; please report it */
} kvb_status;

/** Details of the last failure on the calling thread. */
typedef struct kvb_error {
    int status;                    /**< a kvb_status */
    int http_status;               /**< HTTP status, 0 when there was no response */
    const char *service_code;      /**< e.g. "SecretNotFound"; "" when none */
    const char *message;           /**< human-readable; never holds secrets */
    const char *request_id;        /**< the service's request id; "" when none */
    const char *client_request_id; /**< the id kvbridge sent; "" when none */
} kvb_error;

/**
 * The last failure on this thread. Never NULL; status KVB_OK when the last call succeeded.
 * Borrowed: valid until the next kvbridge call on this thread.
 */
KVB_API const kvb_error *kvb_error_last(void);

/** Owned text or bytes handed to the caller. `ptr` is NUL-terminated for text. */
typedef struct kvb_string {
    char *ptr;
    size_t size;
} kvb_string;

/** Wipe and free what @p s holds, then set it to {NULL, 0}. NULL-safe. */
KVB_API void kvb_string_dispose(kvb_string *s);

/** Wipe and free a block kvbridge allocated for the caller (documented per function). NULL-safe. */
KVB_API void kvb_free(void *block);

/** Version of the loaded library as 0xMMmmpp. */
KVB_API unsigned int kvb_version_num(void);
/** Version of the loaded library as text. Static storage: do not free. */
KVB_API const char *kvb_version_string(void);
/** ABI generation of the loaded library (KVB_ABI_VERSION it was built with). */
KVB_API int kvb_abi_version(void);

/* ---------------------------------------------------------------- logging */

/** Log levels, most verbose first. */
enum { KVB_LOG_VERBOSE = 0, KVB_LOG_INFO = 1, KVB_LOG_WARNING = 2, KVB_LOG_ERROR = 3, KVB_LOG_OFF = 4 };

/** Receives one log line (not NUL-terminated: use @p length). Called from any thread. */
typedef void (*kvb_log_callback)(int level, const char *message, size_t length, void *payload);

/**
 * Send log lines at @p min_level and above to @p callback; NULL turns logging off.
 * Lines never hold secrets, tokens or bodies. Process-wide; thread-safe.
 */
KVB_API int kvb_set_log_callback(kvb_log_callback callback, int min_level, void *payload);

/* ---------------------------------------------------------------- client options */

#define KVB_CLIENT_OPTIONS_VERSION 1

/** Transport and pipeline options shared by credentials and clients. */
typedef struct kvb_client_options {
    unsigned int version;            /**< KVB_CLIENT_OPTIONS_VERSION */
    const char *ca_file;             /**< PEM bundle to trust instead of the system store; NULL: system */
    const char *ca_path;             /**< directory of hashed CA certificates; NULL: none */
    int verify_tls;                  /**< 1 (default); 0 only for debugging */
    const char *proxy;               /**< e.g. "http://proxy:3128"; NULL: no proxy */
    const char *proxy_username;
    const char *proxy_password;      /**< copied into wiped memory */
    uint32_t connect_timeout_ms;     /**< default 10000 */
    uint32_t timeout_ms;             /**< per try; default 120000 */
    const char *const *connect_to;   /**< libcurl CONNECT_TO entries "HOST:PORT:TO-HOST:TO-PORT" */
    size_t connect_to_count;
    int32_t max_retries;             /**< default 3 */
    uint32_t retry_base_delay_ms;    /**< default 800 */
    uint32_t retry_max_delay_ms;     /**< default 60000 */
    const char *application_id;      /**< prefix of the User-Agent; NULL: none */
    const char *api_version;         /**< NULL: the client's default */
    int disable_challenge_resource_verification; /**< Key Vault: 1 for emulators / Azure Stack */
    const char *authority_host;      /**< credentials: e.g. "https://login.microsoftonline.com" */
} kvb_client_options;

/** Fill @p options with defaults for @p version (KVB_CLIENT_OPTIONS_VERSION). */
KVB_API int kvb_client_options_init(kvb_client_options *options, unsigned int version);

/* ---------------------------------------------------------------- credentials */

/** An Entra ID token credential. Thread-safe; shared by any number of clients. */
typedef struct kvb_credential kvb_credential;

/**
 * Client secret credential (tenant, client id, secret).
 * @param[out] out  new credential; release with kvb_credential_free().
 * @param options   transport options and authority_host; NULL for defaults.
 */
KVB_API int kvb_credential_new_client_secret(kvb_credential **out, const char *tenant_id,
                                             const char *client_id, const char *client_secret,
                                             const kvb_client_options *options);

/** Release a credential. NULL-safe. */
KVB_API void kvb_credential_free(kvb_credential *credential);

/**
 * Get a token for @p scope (e.g. "https://vault.azure.net/.default"); mainly to check a
 * credential works. @param[out] token  the access token; release with kvb_string_dispose().
 * @param[out] expires_on  Unix seconds.
 */
KVB_API int kvb_credential_get_token(kvb_string *token, int64_t *expires_on, const kvb_credential *credential,
                                     const char *scope, const char *tenant_id);

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
KVB_API int kvb_pki_thumbprints(kvb_thumbprints *out, const uint8_t *data, size_t size, const char *password);

/** Convert a hex SHA-1 thumbprint (Batch) to x5t (Key Vault). @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_pki_hex_to_x5t(kvb_string *out, const char *thumbprint_hex);
/** Convert an x5t (Key Vault) to upper-case hex (Batch). @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_pki_x5t_to_hex(kvb_string *out, const char *x5t);

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
KVB_API int kvb_secret_client_new(kvb_secret_client **out, const char *vault_url,
                                  const kvb_credential *credential, const kvb_client_options *options);

/** Release a secret client. NULL-safe. */
KVB_API void kvb_secret_client_free(kvb_secret_client *client);

/**
 * Create secret @p name, or a new version of it, holding @p value.
 * @param[out] out       the stored secret; release with kvb_secret_free().
 * @param content_type   e.g. "text/plain"; NULL for none.
 * Names are 1-127 characters of [0-9a-zA-Z-]; others give KVB_E_INVALID_ARGUMENT, nothing sent.
 */
KVB_API int kvb_secret_client_set_secret(kvb_secret **out, const kvb_secret_client *client, const char *name,
                                         const char *value, const char *content_type);

/**
 * Fetch secret @p name. @param version  NULL or "" for the latest.
 * @param[out] out  the secret; release with kvb_secret_free().
 * A missing secret gives KVB_E_NOT_FOUND (kvb_error_last(): http_status 404,
 * service_code "SecretNotFound").
 */
KVB_API int kvb_secret_client_get_secret(kvb_secret **out, const kvb_secret_client *client, const char *name,
                                         const char *version);

/** The secret's value. Borrowed from @p secret (wiped by kvb_secret_free()); "" for a bad handle. */
KVB_API const char *kvb_secret_value(const kvb_secret *secret);
/** The secret's id, "https://{vault}/secrets/{name}/{version}". Borrowed; "" for a bad handle. */
KVB_API const char *kvb_secret_id(const kvb_secret *secret);
/** The secret's name. Borrowed; "" for a bad handle. */
KVB_API const char *kvb_secret_name(const kvb_secret *secret);
/** The secret's version. Borrowed; "" for a bad handle. */
KVB_API const char *kvb_secret_version(const kvb_secret *secret);
/** The secret's content type; "" when it has none. Borrowed; "" for a bad handle. */
KVB_API const char *kvb_secret_content_type(const kvb_secret *secret);

/**
 * The secret as one JSON object (the value included, so treat the text as secret):
 * `{"id": string, "name": string, "version": string, "contentType": string (absent when none),
 *   "enabled": bool (absent when unknown), "tags": {string: string}, "value": string}`.
 * @param[out] out  release with kvb_string_dispose(), which wipes it.
 */
KVB_API int kvb_secret_to_json(kvb_string *out, const kvb_secret *secret);

/** Wipe the value and release the secret. NULL-safe. */
KVB_API void kvb_secret_free(kvb_secret *secret);

/**
 * Delete secret @p name and wait until the deletion is done (at once on vaults without soft
 * delete; else until the deleted secret can be read).
 */
KVB_API int kvb_secret_client_delete_secret(const kvb_secret_client *client, const char *name);

/** Remove soft-deleted secret @p name for good. */
KVB_API int kvb_secret_client_purge_deleted_secret(const kvb_secret_client *client, const char *name);

/**
 * Start listing the vault's secrets (nothing is sent until kvb_secret_pager_next()).
 * @param[out] out  release with kvb_secret_pager_free(). The pager shares the client's connection,
 *                  so @p client may be freed first.
 */
KVB_API int kvb_secret_client_list_secrets(kvb_secret_pager **out, const kvb_secret_client *client);

/**
 * The name of the next secret: KVB_OK with @p name_out filled (release it with
 * kvb_string_dispose()), or KVB_ITEROVER at the end (@p name_out untouched). Fetches the next
 * page when needed, so service and transport errors come from here.
 */
KVB_API int kvb_secret_pager_next(kvb_string *name_out, kvb_secret_pager *pager);

/** Release a pager. NULL-safe. */
KVB_API void kvb_secret_pager_free(kvb_secret_pager *pager);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_H */
