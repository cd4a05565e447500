/* SPDX-License-Identifier: MIT */
/**
 * @file certificates.h
 * @brief Key Vault certificates: ::kvb_certificate_client (certificates, their pending
 * operations, policies, issuers and contacts) and ::kvb_certificate. Part of
 * <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_CERTIFICATES_H
#define KVBRIDGE_CERTIFICATES_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of certificates (grammar in core.h). The policy is kvb::keyvault::CertificatePolicy
 * member for member (the Key Vault REST policy's "key_props", "x509_props", ... are translated):
 *  - policy: {"id"?: string (read-only), "keyType"?: string ("RSA", "RSA-HSM", "EC", "EC-HSM"),
 *    "keySize"?: int, "keyCurveName"?: string, "exportable"?: bool, "reuseKey"?: bool,
 *    "contentType"?: string ("application/x-pkcs12" or "application/x-pem-file"),
 *    "subject"?: string, "subjectAlternativeNames"?: subject alternative names,
 *    "enhancedKeyUsage"?: [string] (OIDs), "keyUsage"?: [string], "validityInMonths"?: int,
 *    "lifetimeActions"?: [lifetime action], "issuerName"?: string ("Self", "Unknown" or an
 *    issuer's name), "certificateType"?: string, "certificateTransparency"?: bool,
 *    "enabled"?: bool, "createdOn"?: int (read-only), "updatedOn"?: int (read-only),
 *    "certificateAuthority"?: bool (read-only: the certificate's basic constraints)}
 *  - subject alternative names: {"emails"?: [string], "dnsNames"?: [string], "upns"?: [string],
 *    "uris"?: [string], "ipAddresses"?: [string]}
 *  - lifetime action: {"lifetimePercentage"?: int, "daysBeforeExpiry"?: int, "action": string
 *    ("EmailContacts" or "AutoRenew")}
 *  - certificate properties: properties + {"x5t": string, "preserveCertOrder"?: bool}
 *  - certificate: certificate properties + {"keyId": string, "secretId": string,
 *    "contentType": string, "cer": string (standard base64 DER), "policy"?: policy}
 *  - deleted certificate: certificate + deletion
 *  - operation: {"id": string, "name": string, "status": string ("inProgress", "completed",
 *    "failed", "cancelled"), "statusDetails": string, "target": string, "requestId": string,
 *    "issuerName"?: string, "certificateType"?: string, "certificateTransparency"?: bool,
 *    "csr": string (standard base64 DER PKCS#10; "" when none), "cancellationRequested": bool,
 *    "preserveCertOrder"?: bool, "error"?: operation error}
 *  - operation error: {"code": string, "message": string, "innerCode": string}
 *  - issuer: {"id": string (read-only), "name": string, "provider": string, "accountId"?: string,
 *    "password"?: string (input only: never written), "organizationId"?: string,
 *    "administrators": [administrator], "enabled"?: bool, "createdOn"?: int (read-only),
 *    "updatedOn"?: int (read-only)}
 *  - administrator: {"firstName": string, "lastName": string, "email": string, "phone": string}
 *  - issuer properties: {"id": string, "name": string, "provider": string}
 *  - contacts: {"id"?: string (read-only: the vault's .../certificates/contacts), "contacts": [contact]}
 *  - contact: {"name": string, "email": string, "phone": string}
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

/** Newest version of ::kvb_certificate_create_options. */
#define KVB_CERTIFICATE_CREATE_OPTIONS_VERSION 1

/** Options of kvb_certificate_client_create_certificate(). */
typedef struct kvb_certificate_create_options {
    unsigned int version;    /**< KVB_CERTIFICATE_CREATE_OPTIONS_VERSION */
    int enabled;             /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    const kvb_tag* tags;     /**< tag_count tags; NULL: none */
    size_t tag_count;        /**< entries in tags */
    int preserve_cert_order; /**< 1, 0 or KVB_UNSET; api-version 2026-04-01 */
} kvb_certificate_create_options;

/** The defaults of ::kvb_certificate_create_options, to initialise a variable. */
#define KVB_CERTIFICATE_CREATE_OPTIONS_INIT                                                                  \
    { KVB_CERTIFICATE_CREATE_OPTIONS_VERSION, KVB_UNSET, NULL, 0, KVB_UNSET }

/** Fill @p options with defaults for @p version (KVB_CERTIFICATE_CREATE_OPTIONS_VERSION). */
KVB_API int kvb_certificate_create_options_init(kvb_certificate_create_options* options,
                                                unsigned int version);

/**
 * Start creating certificate @p name (a new version if it exists) with a "policy" document (NULL:
 * self-signed RSA 2048 "CN={name}", exportable PFX, 12 months) and return at once: wait for it
 * with kvb_certificate_client_wait_certificate_operation().
 * @param options  enabled, tags; NULL for the defaults.
 * @param[out] operation_json  the pending "operation"; NULL if not wanted; else release with
 *                             kvb_string_dispose().
 */
KVB_API int kvb_certificate_client_create_certificate(kvb_string* operation_json,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const char* policy_json,
                                                      const kvb_certificate_create_options* options);
/**
 * Wait until the pending operation of @p name leaves "inProgress", as @p wait_options say (NULL:
 * defaults); then check its "status": "completed" or a failure. An issuer that never answers
 * ("Unknown" before a merge) ends in KVB_E_TIMEOUT; the operation goes on at the service.
 * @param[out] operation_json  the finished "operation"; NULL if not wanted.
 */
KVB_API int kvb_certificate_client_wait_certificate_operation(kvb_string* operation_json,
                                                              const kvb_certificate_client* client,
                                                              const char* name,
                                                              const kvb_operation_wait_options* wait_options);
/** The pending operation of @p name as an "operation" document. */
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

/** Newest version of ::kvb_certificate_merge_options. */
#define KVB_CERTIFICATE_MERGE_OPTIONS_VERSION 1

/** Options of kvb_certificate_client_merge_certificate(). */
typedef struct kvb_certificate_merge_options {
    unsigned int version; /**< KVB_CERTIFICATE_MERGE_OPTIONS_VERSION */
    int enabled;          /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    const kvb_tag* tags;  /**< tag_count tags; NULL: none */
    size_t tag_count;     /**< entries in tags */
} kvb_certificate_merge_options;

/** The defaults of ::kvb_certificate_merge_options, to initialise a variable. */
#define KVB_CERTIFICATE_MERGE_OPTIONS_INIT                                                                   \
    { KVB_CERTIFICATE_MERGE_OPTIONS_VERSION, KVB_UNSET, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_CERTIFICATE_MERGE_OPTIONS_VERSION). */
KVB_API int kvb_certificate_merge_options_init(kvb_certificate_merge_options* options, unsigned int version);

/**
 * Finish an "Unknown"-issuer creation with the chain signed from its CSR: @p x5c_count DER
 * certificates, the signed one first, certificate i being @p x5c[i] of @p x5c_sizes[i] bytes.
 * No certificate gives KVB_E_INVALID_ARGUMENT with nothing sent. @param options  NULL for none.
 */
KVB_API int kvb_certificate_client_merge_certificate(kvb_certificate** out,
                                                     const kvb_certificate_client* client, const char* name,
                                                     const uint8_t* const* x5c, const size_t* x5c_sizes,
                                                     size_t x5c_count,
                                                     const kvb_certificate_merge_options* options);

/** How kvb_certificate_client_import_certificate() may re-encode a PFX before sending it. */
enum {
    KVB_PFX_REENCODE_NONE = 0,   /**< as given */
    KVB_PFX_REENCODE_AES256 = 1, /**< AES-256 and SHA-256, which new OpenSSL and Key Vault read */
    KVB_PFX_REENCODE_LEGACY = 2  /**< 3DES and SHA-1, for old readers */
};

/** Newest version of ::kvb_certificate_import_options. */
#define KVB_CERTIFICATE_IMPORT_OPTIONS_VERSION 1

/** Options of kvb_certificate_client_import_certificate(). */
typedef struct kvb_certificate_import_options {
    unsigned int version;    /**< KVB_CERTIFICATE_IMPORT_OPTIONS_VERSION */
    int enabled;             /**< 1, 0 or KVB_UNSET (the service's default: enabled) */
    const kvb_tag* tags;     /**< tag_count tags; NULL: none */
    size_t tag_count;        /**< entries in tags */
    int preserve_cert_order; /**< 1, 0 or KVB_UNSET; api-version 2026-04-01 */
    const char* policy_json; /**< a "policy" document; NULL: the service's, from the data */
    int reencode;            /**< KVB_PFX_REENCODE_NONE (default), _AES256 or _LEGACY */
} kvb_certificate_import_options;

/** The defaults of ::kvb_certificate_import_options, to initialise a variable. */
#define KVB_CERTIFICATE_IMPORT_OPTIONS_INIT                                                                  \
    { KVB_CERTIFICATE_IMPORT_OPTIONS_VERSION, KVB_UNSET, NULL, 0, KVB_UNSET, NULL, KVB_PFX_REENCODE_NONE }

/** Fill @p options with defaults for @p version (KVB_CERTIFICATE_IMPORT_OPTIONS_VERSION). */
KVB_API int kvb_certificate_import_options_init(kvb_certificate_import_options* options,
                                                unsigned int version);

/**
 * Import a PFX (with @p password; NULL or "" for none) or PEM text (certificate chain and private
 * key) as a new version of @p name. The content type follows the data. @p data is copied into
 * wiped memory. @param options  NULL for the defaults.
 * Unreadable data or a wrong password gives KVB_E_CRYPTO; empty data KVB_E_INVALID_ARGUMENT.
 */
KVB_API int kvb_certificate_client_import_certificate(kvb_certificate** out,
                                                      const kvb_certificate_client* client, const char* name,
                                                      const uint8_t* data, size_t size, const char* password,
                                                      const kvb_certificate_import_options* options);

/** The latest version of @p name, with its policy. 404: KVB_E_NOT_FOUND ("CertificateNotFound"). */
KVB_API int kvb_certificate_client_get_certificate(kvb_certificate** out,
                                                   const kvb_certificate_client* client, const char* name);
/** One version of @p name (NULL or "": the latest, without the policy). */
KVB_API int kvb_certificate_client_get_certificate_version(kvb_certificate** out,
                                                           const kvb_certificate_client* client,
                                                           const char* name, const char* version);

/** Newest version of ::kvb_certificate_update_options. */
#define KVB_CERTIFICATE_UPDATE_OPTIONS_VERSION 1

/** What kvb_certificate_client_update_certificate_properties() changes; unset leaves it as it is. */
typedef struct kvb_certificate_update_options {
    unsigned int version; /**< KVB_CERTIFICATE_UPDATE_OPTIONS_VERSION */
    int enabled;          /**< 1, 0 or KVB_UNSET (unchanged) */
    int64_t not_before;   /**< Unix seconds; 0: unchanged */
    int64_t expires_on;   /**< Unix seconds; 0: unchanged */
    const kvb_tag* tags;  /**< tag_count tags replacing every tag (0: none left); NULL: unchanged */
    size_t tag_count;     /**< entries in tags */
} kvb_certificate_update_options;

/** The defaults of ::kvb_certificate_update_options (nothing changes), to initialise a variable. */
#define KVB_CERTIFICATE_UPDATE_OPTIONS_INIT                                                                  \
    { KVB_CERTIFICATE_UPDATE_OPTIONS_VERSION, KVB_UNSET, 0, 0, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_CERTIFICATE_UPDATE_OPTIONS_VERSION). */
KVB_API int kvb_certificate_update_options_init(kvb_certificate_update_options* options,
                                                unsigned int version);

/** Update the attributes and tags of a version (NULL/"": latest). */
KVB_API int kvb_certificate_client_update_certificate_properties(
    kvb_certificate** out, const kvb_certificate_client* client, const char* name, const char* version,
    const kvb_certificate_update_options* options);
/** The policy of @p name as a "policy" document. */
KVB_API int kvb_certificate_client_get_certificate_policy(kvb_string* policy_json,
                                                          const kvb_certificate_client* client,
                                                          const char* name);
/**
 * Replace the members set in a "policy" document (its read-only members are ignored).
 * @param[out] updated_json  the stored policy; NULL if not wanted.
 */
KVB_API int kvb_certificate_client_update_certificate_policy(kvb_string* updated_json,
                                                             const kvb_certificate_client* client,
                                                             const char* name, const char* policy_json);

/** Newest version of ::kvb_certificate_list_options. */
#define KVB_CERTIFICATE_LIST_OPTIONS_VERSION 1

/** Options of kvb_certificate_client_list_certificates() and _list_deleted_certificates(). */
typedef struct kvb_certificate_list_options {
    unsigned int version; /**< KVB_CERTIFICATE_LIST_OPTIONS_VERSION */
    int32_t max_results;  /**< items per page (1..25); 0: the service's default */
    int include_pending;  /**< 1: also the certificates not completed yet */
} kvb_certificate_list_options;

/** The defaults of ::kvb_certificate_list_options, to initialise a variable. */
#define KVB_CERTIFICATE_LIST_OPTIONS_INIT                                                                    \
    { KVB_CERTIFICATE_LIST_OPTIONS_VERSION, 0, 0 }

/** Fill @p options with defaults for @p version (KVB_CERTIFICATE_LIST_OPTIONS_VERSION). */
KVB_API int kvb_certificate_list_options_init(kvb_certificate_list_options* options, unsigned int version);

/**
 * Every certificate's latest version as "certificate properties" documents. @param options  page
 * size and pending ones; NULL for the defaults. @param[out] out  release with kvb_json_pager_free().
 */
KVB_API int kvb_certificate_client_list_certificates(kvb_json_pager** out,
                                                     const kvb_certificate_client* client,
                                                     const kvb_certificate_list_options* options);
/** Every version of @p name as "certificate properties"; @p options NULL for the service's page size. */
KVB_API int kvb_certificate_client_list_certificate_versions(kvb_json_pager** out,
                                                             const kvb_certificate_client* client,
                                                             const char* name,
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
/** A soft-deleted certificate as a "deleted certificate" document. */
KVB_API int kvb_certificate_client_get_deleted_certificate(kvb_string* deleted_json,
                                                           const kvb_certificate_client* client,
                                                           const char* name);
/** Every soft-deleted certificate as "deleted certificate" documents (no cer, ids or policy). */
KVB_API int kvb_certificate_client_list_deleted_certificates(kvb_json_pager** out,
                                                             const kvb_certificate_client* client,
                                                             const kvb_certificate_list_options* options);
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

/** Create or replace an issuer ("issuer" document; name and provider required). @param[out] issuer_out
 * NULL if not wanted. */
KVB_API int kvb_certificate_client_create_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* issuer_json);
/** Issuer @p name as an "issuer" document. */
KVB_API int kvb_certificate_client_get_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                              const char* name);
/** Update the members set in an "issuer" document (name required). @param[out] issuer_out  NULL if not
 * wanted. */
KVB_API int kvb_certificate_client_update_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* issuer_json);
/** Delete issuer @p name. @param[out] issuer_out  the deleted "issuer"; NULL if not wanted. */
KVB_API int kvb_certificate_client_delete_issuer(kvb_string* issuer_out, const kvb_certificate_client* client,
                                                 const char* name);
/** Every issuer as "issuer properties" documents; @p options NULL for the service's page size. */
KVB_API int kvb_certificate_client_list_issuers(kvb_json_pager** out, const kvb_certificate_client* client,
                                                const kvb_keyvault_list_options* options);

/** Replace the vault's certificate contacts ("contacts" document). @param[out] contacts_out  NULL if not
 * wanted. */
KVB_API int kvb_certificate_client_set_contacts(kvb_string* contacts_out,
                                                const kvb_certificate_client* client,
                                                const char* contacts_json);
/** The vault's certificate contacts as a "contacts" document. */
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
/** The certificate as a "certificate" document (release with kvb_string_dispose()). */
KVB_API int kvb_certificate_to_json(kvb_string* out, const kvb_certificate* certificate);
/** Release a certificate. NULL-safe. */
KVB_API void kvb_certificate_free(kvb_certificate* certificate);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_CERTIFICATES_H */
