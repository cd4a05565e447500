/* SPDX-License-Identifier: MIT */
/**
 * @file secrets.h
 * @brief Key Vault secrets: ::kvb_secret_client and ::kvb_secret. Part of <kvbridge/kvbridge.h>;
 * conventions in core.h.
 */
#ifndef KVBRIDGE_SECRETS_H
#define KVBRIDGE_SECRETS_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of secrets (grammar in core.h):
 *  - secret properties: properties + {"contentType"?: string, "keyId"?: string (the key of a
 *    certificate's secret), "managed": bool, "previousVersion"?: string (a certificate's secret:
 *    the version this one follows)}
 *  - secret: secret properties + {"value": string (secret: wiped with the text)}
 *  - deleted secret: secret properties + deletion + {"value"?: string (when the service sent it)}
 */

/** A client of one vault's secrets. Thread-safe; holds its own reference to the credential. */
typedef struct kvb_secret_client kvb_secret_client;
/** A fetched secret (value and properties). One thread at a time. */
typedef struct kvb_secret kvb_secret;

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

/** Newest version of ::kvb_secret_set_options. */
#define KVB_SECRET_SET_OPTIONS_VERSION 1

/** Options of kvb_secret_client_set_secret(). */
typedef struct kvb_secret_set_options {
    unsigned int version;     /**< KVB_SECRET_SET_OPTIONS_VERSION */
    const char* content_type; /**< e.g. "text/plain"; NULL: none */
    int enabled;              /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    int64_t not_before;       /**< Unix seconds; 0: none */
    int64_t expires_on;       /**< Unix seconds; 0: none */
    const kvb_tag* tags;      /**< tag_count tags; NULL: none */
    size_t tag_count;         /**< entries in tags */
} kvb_secret_set_options;

/** The defaults of ::kvb_secret_set_options, to initialise a variable. */
#define KVB_SECRET_SET_OPTIONS_INIT                                                                          \
    { KVB_SECRET_SET_OPTIONS_VERSION, NULL, KVB_UNSET, 0, 0, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_SECRET_SET_OPTIONS_VERSION). */
KVB_API int kvb_secret_set_options_init(kvb_secret_set_options* options, unsigned int version);

/**
 * Create secret @p name, or a new version of it, holding @p value.
 * @param[out] out  the stored secret; release with kvb_secret_free().
 * @param options   content type, attributes and tags; NULL for none.
 * Names are 1-127 characters of [0-9a-zA-Z-]; others give KVB_E_INVALID_ARGUMENT, nothing sent.
 */
KVB_API int kvb_secret_client_set_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                         const char* value, const kvb_secret_set_options* options);

/** Newest version of ::kvb_secret_get_options. */
#define KVB_SECRET_GET_OPTIONS_VERSION 1

/** Options of kvb_secret_client_get_secret(). */
typedef struct kvb_secret_get_options {
    unsigned int version;         /**< KVB_SECRET_GET_OPTIONS_VERSION */
    const char* out_content_type; /**< "application/x-pem-file": read a certificate-backed PFX secret
                                       as PEM (api-version 2026-04-01); NULL: as stored */
} kvb_secret_get_options;

/** The defaults of ::kvb_secret_get_options, to initialise a variable. */
#define KVB_SECRET_GET_OPTIONS_INIT                                                                          \
    { KVB_SECRET_GET_OPTIONS_VERSION, NULL }

/** Fill @p options with defaults for @p version (KVB_SECRET_GET_OPTIONS_VERSION). */
KVB_API int kvb_secret_get_options_init(kvb_secret_get_options* options, unsigned int version);

/**
 * Fetch secret @p name. @param version  NULL or "" for the latest. @param options  NULL for none.
 * @param[out] out  the secret; release with kvb_secret_free().
 * A missing secret gives KVB_E_NOT_FOUND (kvb_error_last(): http_status 404,
 * service_code "SecretNotFound").
 */
KVB_API int kvb_secret_client_get_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                         const char* version, const kvb_secret_get_options* options);

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
 * The secret as a "secret" document (the value included, so treat the text as secret).
 * @param[out] out  release with kvb_string_dispose(), which wipes it.
 */
KVB_API int kvb_secret_to_json(kvb_string* out, const kvb_secret* secret);

/** Wipe the value and release the secret. NULL-safe. */
KVB_API void kvb_secret_free(kvb_secret* secret);

/** Newest version of ::kvb_secret_update_options. */
#define KVB_SECRET_UPDATE_OPTIONS_VERSION 1

/** What kvb_secret_client_update_secret_properties() changes; each field unset leaves it as it is. */
typedef struct kvb_secret_update_options {
    unsigned int version;     /**< KVB_SECRET_UPDATE_OPTIONS_VERSION */
    const char* content_type; /**< NULL: unchanged */
    int enabled;              /**< 1, 0 or KVB_UNSET (unchanged) */
    int64_t not_before;       /**< Unix seconds; 0: unchanged */
    int64_t expires_on;       /**< Unix seconds; 0: unchanged */
    const kvb_tag* tags;      /**< tag_count tags replacing every tag (0: none left); NULL: unchanged */
    size_t tag_count;         /**< entries in tags */
} kvb_secret_update_options;

/** The defaults of ::kvb_secret_update_options (nothing changes), to initialise a variable. */
#define KVB_SECRET_UPDATE_OPTIONS_INIT                                                                       \
    { KVB_SECRET_UPDATE_OPTIONS_VERSION, NULL, KVB_UNSET, 0, 0, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_SECRET_UPDATE_OPTIONS_VERSION). */
KVB_API int kvb_secret_update_options_init(kvb_secret_update_options* options, unsigned int version);

/**
 * Change the content type, attributes or tags of a version (NULL/"": the latest) of @p name.
 * @param[out] properties_json  the new "secret properties"; NULL if not wanted; else release with
 *                              kvb_string_dispose().
 */
KVB_API int kvb_secret_client_update_secret_properties(kvb_string* properties_json,
                                                       const kvb_secret_client* client, const char* name,
                                                       const char* version,
                                                       const kvb_secret_update_options* options);

/**
 * The latest version of every secret as "secret properties" documents (nothing is sent until
 * kvb_json_pager_next()). @param options  page size; NULL for the service's. A max_results outside
 * 1..25 gives KVB_E_INVALID_ARGUMENT with nothing sent.
 * @param[out] out  release with kvb_json_pager_free(); it keeps the connection, so @p client may be
 *                  freed first.
 */
KVB_API int kvb_secret_client_list_secrets(kvb_json_pager** out, const kvb_secret_client* client,
                                           const kvb_keyvault_list_options* options);

/** Every version of secret @p name as "secret properties" documents; as kvb_secret_client_list_secrets(). */
KVB_API int kvb_secret_client_list_secret_versions(kvb_json_pager** out, const kvb_secret_client* client,
                                                   const char* name,
                                                   const kvb_keyvault_list_options* options);

/**
 * Delete secret @p name and wait until the deletion is done (at once on vaults without soft
 * delete; else until the deleted secret can be read), as @p wait_options say (NULL: defaults).
 * @param[out] deleted_json  the "deleted secret" (treat the text as secret: it holds "value" when
 *                           the service sent it); NULL if not wanted; else release with
 *                           kvb_string_dispose(), which wipes it.
 */
KVB_API int kvb_secret_client_delete_secret(kvb_string* deleted_json, const kvb_secret_client* client,
                                            const char* name, const kvb_operation_wait_options* wait_options);

/** A soft-deleted secret as a "deleted secret" document (release with kvb_string_dispose()). */
KVB_API int kvb_secret_client_get_deleted_secret(kvb_string* deleted_json, const kvb_secret_client* client,
                                                 const char* name);

/** Every soft-deleted secret as "deleted secret" documents (no values); as kvb_secret_client_list_secrets().
 */
KVB_API int kvb_secret_client_list_deleted_secrets(kvb_json_pager** out, const kvb_secret_client* client,
                                                   const kvb_keyvault_list_options* options);

/**
 * Recover soft-deleted secret @p name and wait until it can be read again, as @p wait_options say
 * (NULL: defaults).
 * @param[out] properties_json  "secret properties" of the recovered secret; NULL if not wanted.
 */
KVB_API int kvb_secret_client_recover_deleted_secret(kvb_string* properties_json,
                                                     const kvb_secret_client* client, const char* name,
                                                     const kvb_operation_wait_options* wait_options);

/** Remove soft-deleted secret @p name for good. */
KVB_API int kvb_secret_client_purge_deleted_secret(const kvb_secret_client* client, const char* name);

/** Every version of @p name as an opaque, vault-protected blob (bytes; release with kvb_string_dispose()). */
KVB_API int kvb_secret_client_backup_secret(kvb_string* backup, const kvb_secret_client* client,
                                            const char* name);

/**
 * Restore a kvb_secret_client_backup_secret() blob (the name must not exist, not even soft-deleted:
 * else KVB_E_CONFLICT). @param[out] properties_json  "secret properties"; NULL if not wanted.
 */
KVB_API int kvb_secret_client_restore_secret_backup(kvb_string* properties_json,
                                                    const kvb_secret_client* client, const uint8_t* backup,
                                                    size_t size);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_SECRETS_H */
