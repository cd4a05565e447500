/* SPDX-License-Identifier: MIT */
/**
 * @file core.h
 * @brief What every part of the kvbridge C ABI shares: statuses and errors, owned strings,
 * versions, logging, client options, waits, the JSON pager and the JSON documents' conventions.
 * Include <kvbridge/kvbridge.h>, which includes every part.
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
 * - Strings are UTF-8 and NUL-terminated. Integers are fixed width; flags are `int`.
 * - Thread safety: clients and credentials may be shared by threads; other handles (models, pagers)
 *   are for one thread at a time.
 * - No secret value, token, key or password is ever put in an error message.
 *
 * Options, one idiom (libgit2's). Every optional input of a call is a field of a versioned
 * options struct, passed as the call's last parameter (before a callback and its payload); NULL
 * means the defaults:
 *
 *     typedef struct kvb_<object>_<verb>_options { unsigned int version; ... } kvb_<object>_<verb>_options;
 *     #define KVB_<OBJECT>_<VERB>_OPTIONS_VERSION   the newest version
 *     #define KVB_<OBJECT>_<VERB>_OPTIONS_INIT      the defaults, to initialise a variable
 *     int kvb_<object>_<verb>_options_init(kvb_<object>_<verb>_options *opts, unsigned int version);
 *
 * e.g. `kvb_secret_set_options o = KVB_SECRET_SET_OPTIONS_INIT; o.content_type = "text/plain";
 * kvb_secret_client_set_secret(&secret, client, "name", "value", &o);`. A call
 * `kvb_<object>_client_<verb>_<object>()` takes `kvb_<object>_<verb>_options`; a constructor takes
 * the options of what it makes (::kvb_managed_identity_options, ::kvb_cryptography_options, ...)
 * plus the transport's ::kvb_client_options. Shared ones: ::kvb_client_options (every client and
 * credential), ::kvb_operation_wait_options (every call that waits for a long-running operation),
 * ::kvb_keyvault_list_options and ::kvb_batch_list_options (lists). Fields are only ever appended
 * and none past the caller's version is read; a struct with version 0 (set up by neither the macro
 * nor the function) is refused with KVB_E_INVALID_ARGUMENT before anything is sent. An optional
 * yes/no is an `int` that KVB_UNSET leaves to the service (in an update: unchanged); optional
 * numbers and times are 0 when unset, optional strings NULL. A call either returns at once or
 * waits; the calls that wait take ::kvb_operation_wait_options.
 *
 * Lists: Key Vault lists hand out a ::kvb_json_pager (one JSON document per item); Batch lists a
 * typed pager per model, whose items have accessors. Both fetch pages lazily and end with
 * KVB_ITEROVER.
 *
 * JSON documents. Models with more than a few fields also come out as JSON text (the `_to_json`
 * calls, `kvb_string *..._json` out-parameters, ::kvb_json_pager items), and inputs that are
 * documents in their own right come in as JSON text: a certificate policy, an issuer, contacts, a
 * key rotation or release policy, a JWK, Batch pools. Options are never JSON: their scalars, lists
 * and tags (::kvb_tag) are fields of the options structs.
 * One naming for every document kvbridge defines: camelCase member names, and where a document
 * carries a C++ model (kvb::keyvault::CertificatePolicy, ...) they are that model's field names.
 * So a document, the C++ API and the accessors name each thing alike, and the services' own
 * spellings (the Key Vault REST policy's snake_case, "nbf"/"exp") are translated, never mixed in.
 * camelCase because the C++ models are camelCase (STYLE.md) and so are most of the services'
 * bodies (Batch, Resource Manager). Two kinds of documents are not kvbridge's and keep their
 * names: a JWK (RFC 7517: "kty", "key_ops", ...) and the Batch REST objects sent as they are
 * (Pool_Add, Pool_Patch) or handed back under "service".
 * Each header lists its documents' schemas in a comment block titled "JSON documents", in this
 * grammar (a test reads those blocks and checks each document kvbridge writes against them,
 * member by member, and that each document it reads round-trips):
 *
 *     entry    := "- " name ": " document          (continued on lines indented further)
 *     document := name " + " document | type      (a name + an object: that document's members and more)
 *     type     := "string" | "int" | "bool" | "object" | "{string: string}" | "[" type "]"
 *                | "{" member (", " member)* "}" | name [comment]
 *     member   := "\"" key "\"" ["?"] ": " type [comment]
 *     comment  := "(" text ")"
 *
 * A member marked "?" is absent when unknown; the others are always there. "object" is any JSON
 * object. Times are Unix seconds; binary members are base64url without padding unless their
 * comment says "standard base64". Readers ignore unknown members; a malformed input document or a
 * member of the wrong type gives KVB_E_INVALID_ARGUMENT with nothing sent. Later releases may add
 * members: readers of kvbridge's documents must ignore unknown ones.
 */
#ifndef KVBRIDGE_CORE_H
#define KVBRIDGE_CORE_H

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
    KVB_OK = 0,                     /**< success */
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
    KVB_E_NO_MEMORY = -12,          /**< out of memory */
    KVB_E_WRONG_HANDLE = -13,       /**< NULL handle, handle of another type, or a freed handle */
    KVB_E_INTERNAL = -14,           /**< a bug in kvbridge; please report it */
    KVB_E_TIMEOUT = -15             /**< a wait for a long-running operation passed its timeout_ms; the
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
    char* ptr;   /**< the bytes, followed by a NUL; NULL when empty-handed */
    size_t size; /**< number of bytes, without the NUL */
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
enum {
    KVB_LOG_VERBOSE = 0, /**< every request and retry */
    KVB_LOG_INFO = 1,    /**< what a caller may want to see */
    KVB_LOG_WARNING = 2, /**< something went wrong but the call goes on */
    KVB_LOG_ERROR = 3,   /**< a call failed */
    KVB_LOG_OFF = 4      /**< nothing */
};

/** Receives one log line (not NUL-terminated: use @p length). Called from any thread. */
typedef void (*kvb_log_callback)(int level, const char* message, size_t length, void* payload);

/**
 * Send log lines at @p min_level and above to @p callback; NULL turns logging off.
 * Lines never hold secrets, tokens or bodies. Process-wide; thread-safe.
 */
KVB_API int kvb_set_log_callback(kvb_log_callback callback, int min_level, void* payload);

/* ---------------------------------------------------------------- options */

/** An optional yes/no field left to the service, or unchanged by an update; else 0 or 1. */
#define KVB_UNSET (-1)

/** Newest version of ::kvb_client_options; version 2 added the fields marked "v2". */
#define KVB_CLIENT_OPTIONS_VERSION 2

/** Transport and pipeline options shared by credentials and clients. */
typedef struct kvb_client_options {
    unsigned int version;          /**< KVB_CLIENT_OPTIONS_VERSION */
    const char* ca_file;           /**< PEM bundle to trust instead of the system store; NULL: system */
    const char* ca_path;           /**< directory of hashed CA certificates; NULL: none */
    int verify_tls;                /**< 1 (default); 0 only for debugging */
    const char* proxy;             /**< e.g. "http://proxy:3128"; NULL: no proxy */
    const char* proxy_username;    /**< NULL: none */
    const char* proxy_password;    /**< copied into wiped memory; NULL: none */
    uint32_t connect_timeout_ms;   /**< 0: 10000 */
    uint32_t timeout_ms;           /**< per try; 0: 120000 */
    const char* const* connect_to; /**< libcurl CONNECT_TO entries "HOST:PORT:TO-HOST:TO-PORT" */
    size_t connect_to_count;       /**< entries in connect_to */
    int32_t max_retries;           /**< -1 (default): 3 */
    uint32_t retry_base_delay_ms;  /**< 0: 800 */
    uint32_t retry_max_delay_ms;   /**< 0: 60000 */
    const char* application_id;    /**< prefix of the User-Agent; NULL: none */
    const char* api_version;       /**< NULL: the client's default */
    int disable_challenge_resource_verification; /**< Key Vault: 1 for emulators / Azure Stack */
    const char* authority_host;                  /**< credentials: e.g. "https://login.microsoftonline.com" */
    /* version 2 */
    uint32_t total_timeout_ms;     /**< v2: stop retrying this long after the first try; 0: no limit */
    int http2;                     /**< v2: 1 (default): HTTP/2 when the server offers it; 0: HTTP/1.1 */
    uint32_t max_idle_connections; /**< v2: idle connections kept for reuse; 0: default 16 */
} kvb_client_options;

/** The defaults of ::kvb_client_options: `kvb_client_options o = KVB_CLIENT_OPTIONS_INIT;` */
#define KVB_CLIENT_OPTIONS_INIT                                                                              \
    {                                                                                                        \
        KVB_CLIENT_OPTIONS_VERSION, NULL, NULL, 1, NULL, NULL, NULL, 0, 0, NULL, 0, -1, 0, 0, NULL, NULL, 0, \
            NULL, 0, 1, 0                                                                                    \
    }

/**
 * Fill @p options with defaults for @p version (1 .. KVB_CLIENT_OPTIONS_VERSION). Only the part of
 * the struct that @p version has is written, so a caller built with an older header is safe.
 */
KVB_API int kvb_client_options_init(kvb_client_options* options, unsigned int version);

/* ---------------------------------------------------------------- waiting for operations */

/** Newest version of ::kvb_operation_wait_options. */
#define KVB_OPERATION_WAIT_OPTIONS_VERSION 1

/**
 * How a call that waits for a long-running operation (a certificate's creation; the deletion or
 * recovery of a secret, key or certificate) polls the service. Each poll waits for the service's
 * last Retry-After (seconds or HTTP-date; retry-after-ms), else for @c interval_ms. When the next
 * poll would start more than @c timeout_ms after the call began, the call fails with
 * KVB_E_TIMEOUT, naming the operation and how long it waited. The operation goes on at the
 * service: look at it again later (kvb_certificate_client_get_certificate_operation(), the
 * get_deleted_ and get_ calls). NULL options mean the defaults.
 */
typedef struct kvb_operation_wait_options {
    unsigned int version; /**< KVB_OPERATION_WAIT_OPTIONS_VERSION */
    uint32_t interval_ms; /**< pause between polls when the service names none; default 1000 */
    uint32_t timeout_ms;  /**< longest wait; default 600000 (10 min); UINT32_MAX: no limit */
} kvb_operation_wait_options;

/** The defaults of ::kvb_operation_wait_options, to initialise a variable. */
#define KVB_OPERATION_WAIT_OPTIONS_INIT                                                                      \
    { KVB_OPERATION_WAIT_OPTIONS_VERSION, 1000, 600000 }

/** Fill @p options with the defaults of @p version (1 .. KVB_OPERATION_WAIT_OPTIONS_VERSION). */
KVB_API int kvb_operation_wait_options_init(kvb_operation_wait_options* options, unsigned int version);

/* ---------------------------------------------------------------- Key Vault: lists, attributes, tags */

/** One tag of a secret, key or certificate, as the options structs take them. */
typedef struct kvb_tag {
    const char* name;  /**< the tag's name */
    const char* value; /**< its value */
} kvb_tag;

/** Walks any Key Vault list, one JSON document per item, fetching pages lazily. One thread at a time. */
typedef struct kvb_json_pager kvb_json_pager;

/**
 * The next item as JSON text (the schema named by the call that made the pager): KVB_OK with
 * @p json_out filled (release with kvb_string_dispose()), or KVB_ITEROVER at the end (untouched).
 * Fetches pages when needed, so service and transport errors come from here.
 */
KVB_API int kvb_json_pager_next(kvb_string* json_out, kvb_json_pager* pager);

/** Release a pager. NULL-safe. The pager keeps its client's connection alive by itself. */
KVB_API void kvb_json_pager_free(kvb_json_pager* pager);

/** Newest version of ::kvb_keyvault_list_options. */
#define KVB_KEYVAULT_LIST_OPTIONS_VERSION 1

/** Options of the Key Vault list calls. */
typedef struct kvb_keyvault_list_options {
    unsigned int version; /**< KVB_KEYVAULT_LIST_OPTIONS_VERSION */
    int32_t max_results;  /**< items per page ("maxresults", 1..25); 0: the service's default */
} kvb_keyvault_list_options;

/** The defaults of ::kvb_keyvault_list_options, to initialise a variable. */
#define KVB_KEYVAULT_LIST_OPTIONS_INIT                                                                       \
    { KVB_KEYVAULT_LIST_OPTIONS_VERSION, 0 }

/** Fill @p options with defaults for @p version (KVB_KEYVAULT_LIST_OPTIONS_VERSION). */
KVB_API int kvb_keyvault_list_options_init(kvb_keyvault_list_options* options, unsigned int version);

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

/*
 * JSON documents shared by the Key Vault headers (grammar above):
 *  - tags: {string: string}
 *  - properties: {"id": string, "name": string, "version": string, "enabled"?: bool,
 *    "notBefore"?: int, "expiresOn"?: int, "createdOn"?: int, "updatedOn"?: int,
 *    "recoverableDays"?: int, "recoveryLevel"?: string, "tags": tags}
 *  - deletion: {"recoveryId"?: string, "deletedOn"?: int, "scheduledPurgeDate"?: int}
 */

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_CORE_H */
