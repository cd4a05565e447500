/* SPDX-License-Identifier: MIT */
/**
 * @file keys.h
 * @brief Key Vault keys and cryptography: ::kvb_key_client, ::kvb_key, ::kvb_cryptography_client,
 * ::kvb_crypto_result. Part of <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_KEYS_H
#define KVBRIDGE_KEYS_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of keys (grammar in core.h):
 *  - release policy: {"contentType": string (input: optional, default "application/json;
 *    charset=utf-8"), "immutable"?: bool, "encodedPolicy": string (the policy document's bytes)}
 *  - attestation: {"certificatePemFile": string, "privateKeyAttestation": string,
 *    "publicKeyAttestation": string, "version"?: string}
 *  - key properties: properties + {"exportable"?: bool, "hsmPlatform"?: string, "keySize"?: int,
 *    "managed": bool, "releasePolicy"?: release policy, "attestation"?: attestation}
 *  - jwk: {"kid"?: string, "kty": string, "key_ops"?: [string], "n"?: string, "e"?: string,
 *    "d"?: string, "dp"?: string, "dq"?: string, "qi"?: string, "p"?: string, "q"?: string,
 *    "k"?: string, "key_hsm"?: string, "crv"?: string, "x"?: string, "y"?: string} (RFC 7517's
 *    names; the public parts only, unless imported)
 *  - key: key properties + {"kty": string, "keyOps": [string], "key": jwk}
 *  - deleted key: key + deletion
 *  - rotation policy: {"id"?: string (read-only), "lifetimeActions": [{"action": string ("Rotate" or
 *    "Notify"), "timeAfterCreate"?: string, "timeBeforeExpiry"?: string (ISO 8601 durations)}],
 *    "expiresIn"?: string (ISO 8601 duration), "createdOn"?: int, "updatedOn"?: int}
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

/** Newest version of ::kvb_key_create_options. */
#define KVB_KEY_CREATE_OPTIONS_VERSION 1

/** Options of kvb_key_client_create_key(). Sizes and curves are checked before anything is sent. */
typedef struct kvb_key_create_options {
    unsigned int version;            /**< KVB_KEY_CREATE_OPTIONS_VERSION */
    int enabled;                     /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    int64_t not_before;              /**< Unix seconds; 0: none */
    int64_t expires_on;              /**< Unix seconds; 0: none */
    const kvb_tag* tags;             /**< tag_count tags; NULL: none */
    size_t tag_count;                /**< entries in tags */
    const char* const* key_ops;      /**< e.g. "sign", "verify"; none: every operation of the type */
    size_t key_ops_count;            /**< entries in key_ops */
    int32_t key_size;                /**< RSA 2048, 3072, 4096; oct 128, 192, 256; 0: the service's */
    int32_t public_exponent;         /**< RSA; 0: the service's (65537) */
    const char* curve;               /**< EC: "P-256" (default), "P-384", "P-521", "P-256K" */
    int exportable;                  /**< 1, 0 or KVB_UNSET; an exportable key needs a release policy */
    int hardware_protected;          /**< 1: make the -HSM type of RSA, EC or oct */
    const char* release_policy_json; /**< a "release policy" document; NULL: none */
} kvb_key_create_options;

/** The defaults of ::kvb_key_create_options, to initialise a variable. */
#define KVB_KEY_CREATE_OPTIONS_INIT                                                                          \
    { KVB_KEY_CREATE_OPTIONS_VERSION, KVB_UNSET, 0, 0, NULL, 0, NULL, 0, 0, 0, NULL, KVB_UNSET, 0, NULL }

/** Fill @p options with defaults for @p version (KVB_KEY_CREATE_OPTIONS_VERSION). */
KVB_API int kvb_key_create_options_init(kvb_key_create_options* options, unsigned int version);

/**
 * Create key @p name (or a new version) of type @p key_type: "RSA", "RSA-HSM", "EC", "EC-HSM",
 * "oct", "oct-HSM". @param options  NULL for the defaults. @param[out] out  release with kvb_key_free().
 */
KVB_API int kvb_key_client_create_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                      const char* key_type, const kvb_key_create_options* options);

/** Newest version of ::kvb_key_import_options. */
#define KVB_KEY_IMPORT_OPTIONS_VERSION 1

/** Options of kvb_key_client_import_key(). */
typedef struct kvb_key_import_options {
    unsigned int version;            /**< KVB_KEY_IMPORT_OPTIONS_VERSION */
    int enabled;                     /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    int64_t not_before;              /**< Unix seconds; 0: none */
    int64_t expires_on;              /**< Unix seconds; 0: none */
    const kvb_tag* tags;             /**< tag_count tags; NULL: none */
    size_t tag_count;                /**< entries in tags */
    int hardware_protected;          /**< 1: keep the key in an HSM, 0 or KVB_UNSET (the service's) */
    int exportable;                  /**< 1, 0 or KVB_UNSET */
    const char* release_policy_json; /**< a "release policy" document; NULL: none */
} kvb_key_import_options;

/** The defaults of ::kvb_key_import_options, to initialise a variable. */
#define KVB_KEY_IMPORT_OPTIONS_INIT                                                                          \
    { KVB_KEY_IMPORT_OPTIONS_VERSION, KVB_UNSET, 0, 0, NULL, 0, KVB_UNSET, KVB_UNSET, NULL }

/** Fill @p options with defaults for @p version (KVB_KEY_IMPORT_OPTIONS_VERSION). */
KVB_API int kvb_key_import_options_init(kvb_key_import_options* options, unsigned int version);

/**
 * Import key material given as a "jwk" document (private parts included). The text and the
 * request body are wiped after use. @param options  NULL for the defaults.
 */
KVB_API int kvb_key_client_import_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                      const char* jwk_json, const kvb_key_import_options* options);

/** A key's public part and properties; @p version NULL or "" for the latest. 404: KVB_E_NOT_FOUND
 * ("KeyNotFound"). */
KVB_API int kvb_key_client_get_key(kvb_key** out, const kvb_key_client* client, const char* name,
                                   const char* version);

/** Newest version of ::kvb_key_update_options. */
#define KVB_KEY_UPDATE_OPTIONS_VERSION 1

/** What kvb_key_client_update_key_properties() changes; each field unset leaves it as it is. */
typedef struct kvb_key_update_options {
    unsigned int version;       /**< KVB_KEY_UPDATE_OPTIONS_VERSION */
    int enabled;                /**< 1, 0 or KVB_UNSET (unchanged) */
    int64_t not_before;         /**< Unix seconds; 0: unchanged */
    int64_t expires_on;         /**< Unix seconds; 0: unchanged */
    const kvb_tag* tags;        /**< tag_count tags replacing every tag (0: none left); NULL: unchanged */
    size_t tag_count;           /**< entries in tags */
    const char* const* key_ops; /**< replaces the permitted operations; NULL: unchanged */
    size_t key_ops_count;       /**< entries in key_ops */
    const char* release_policy_json; /**< a "release policy" document; NULL: unchanged */
} kvb_key_update_options;

/** The defaults of ::kvb_key_update_options (nothing changes), to initialise a variable. */
#define KVB_KEY_UPDATE_OPTIONS_INIT                                                                          \
    { KVB_KEY_UPDATE_OPTIONS_VERSION, KVB_UNSET, 0, 0, NULL, 0, NULL, 0, NULL }

/** Fill @p options with defaults for @p version (KVB_KEY_UPDATE_OPTIONS_VERSION). */
KVB_API int kvb_key_update_options_init(kvb_key_update_options* options, unsigned int version);

/** Change the operations, attributes, tags or release policy of a version (NULL/"": latest). */
KVB_API int kvb_key_client_update_key_properties(kvb_key** out, const kvb_key_client* client,
                                                 const char* name, const char* version,
                                                 const kvb_key_update_options* options);

/**
 * The latest version of every key as "key properties" documents. @param options  page size; NULL
 * for the service's. @param[out] out  release with kvb_json_pager_free().
 */
KVB_API int kvb_key_client_list_keys(kvb_json_pager** out, const kvb_key_client* client,
                                     const kvb_keyvault_list_options* options);
/** Every version of key @p name as "key properties" documents; as kvb_key_client_list_keys(). */
KVB_API int kvb_key_client_list_key_versions(kvb_json_pager** out, const kvb_key_client* client,
                                             const char* name, const kvb_keyvault_list_options* options);

/**
 * Delete key @p name and wait until the deletion is done, as @p wait_options say (NULL: defaults).
 * @param[out] deleted_json  the "deleted key"; NULL if not wanted; else release with kvb_string_dispose().
 */
KVB_API int kvb_key_client_delete_key(kvb_string* deleted_json, const kvb_key_client* client,
                                      const char* name, const kvb_operation_wait_options* wait_options);
/** A soft-deleted key as a "deleted key" document. */
KVB_API int kvb_key_client_get_deleted_key(kvb_string* deleted_json, const kvb_key_client* client,
                                           const char* name);
/** Every soft-deleted key as "deleted key" documents (no key material); as kvb_key_client_list_keys(). */
KVB_API int kvb_key_client_list_deleted_keys(kvb_json_pager** out, const kvb_key_client* client,
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
/** The rotation policy of @p name as a "rotation policy" document (release with kvb_string_dispose()). */
KVB_API int kvb_key_client_get_rotation_policy(kvb_string* policy_json, const kvb_key_client* client,
                                               const char* name);
/**
 * Replace the rotation policy of @p name with a "rotation policy" document (its read-only members
 * are ignored). @param[out] updated_json  the stored policy; NULL if not wanted.
 */
KVB_API int kvb_key_client_update_rotation_policy(kvb_string* updated_json, const kvb_key_client* client,
                                                  const char* name, const char* policy_json);

/** @p count (1-128) random bytes from the vault's HSM (bytes; release with kvb_string_dispose(), which
 * wipes). */
KVB_API int kvb_key_client_get_random_bytes(kvb_string* bytes, const kvb_key_client* client, int count);

/** Newest version of ::kvb_key_release_options. */
#define KVB_KEY_RELEASE_OPTIONS_VERSION 1

/** Options of kvb_key_client_release_key(). */
typedef struct kvb_key_release_options {
    unsigned int version;             /**< KVB_KEY_RELEASE_OPTIONS_VERSION */
    const char* nonce;                /**< NULL: none */
    const char* encryption_algorithm; /**< "CKM_RSA_AES_KEY_WRAP", "RSA_AES_KEY_WRAP_256",
                                           "RSA_AES_KEY_WRAP_384"; NULL: the service's */
} kvb_key_release_options;

/** The defaults of ::kvb_key_release_options, to initialise a variable. */
#define KVB_KEY_RELEASE_OPTIONS_INIT                                                                         \
    { KVB_KEY_RELEASE_OPTIONS_VERSION, NULL, NULL }

/** Fill @p options with defaults for @p version (KVB_KEY_RELEASE_OPTIONS_VERSION). */
KVB_API int kvb_key_release_options_init(kvb_key_release_options* options, unsigned int version);

/**
 * Release exportable key @p name (version NULL/"": latest) to the environment attested by
 * @p target_attestation_token. @param options  NULL for the defaults.
 * @param[out] jws  the released key as the vault's signed JWS; secret; release with kvb_string_dispose().
 */
KVB_API int kvb_key_client_release_key(kvb_string* jws, const kvb_key_client* client, const char* name,
                                       const char* version, const char* target_attestation_token,
                                       const kvb_key_release_options* options);

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
/** The key as a "key" document (release with kvb_string_dispose()). */
KVB_API int kvb_key_to_json(kvb_string* out, const kvb_key* key);
/** Release a key. NULL-safe. */
KVB_API void kvb_key_free(kvb_key* key);

/* ---------------------------------------------------------------- cryptography */

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

/** Newest version of ::kvb_cryptography_options. */
#define KVB_CRYPTOGRAPHY_OPTIONS_VERSION 1

/** Options of a cryptography client. */
typedef struct kvb_cryptography_options {
    unsigned int version;        /**< KVB_CRYPTOGRAPHY_OPTIONS_VERSION */
    int local_public_operations; /**< 1: encrypt, wrap and verify (RSA, EC) run locally with the key's
                                      public part once known (given, fetched by
                                      kvb_cryptography_client_get_key(), or by the first public
                                      operation); private operations always go to the vault */
    const char* public_key_jwk;  /**< the key's public "jwk" document if already known; NULL: fetched */
} kvb_cryptography_options;

/** The defaults of ::kvb_cryptography_options (every operation in the vault), to initialise a variable. */
#define KVB_CRYPTOGRAPHY_OPTIONS_INIT                                                                        \
    { KVB_CRYPTOGRAPHY_OPTIONS_VERSION, 0, NULL }

/** Fill @p options with defaults for @p version (KVB_CRYPTOGRAPHY_OPTIONS_VERSION). */
KVB_API int kvb_cryptography_options_init(kvb_cryptography_options* options, unsigned int version);

/**
 * A client for key @p key_id ("https://{vault}/keys/{name}[/{version}]").
 * @param cryptography  local operations and a known public key; NULL for the defaults.
 * @param options       transport options; NULL for defaults.
 */
KVB_API int kvb_cryptography_client_new(kvb_cryptography_client** out, const char* key_id,
                                        const kvb_credential* credential,
                                        const kvb_cryptography_options* cryptography,
                                        const kvb_client_options* options);
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
enum {
    KVB_CRYPTO_OUTPUT = 0, /**< ciphertext, plaintext, (un)wrapped key or signature */
    KVB_CRYPTO_IV = 1,     /**< the initialization vector (AES) */
    KVB_CRYPTO_TAG = 2,    /**< the authentication tag (AES-GCM) */
    KVB_CRYPTO_AAD = 3     /**< the additional authenticated data (AES-GCM) */
};

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

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_KEYS_H */
