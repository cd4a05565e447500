/* SPDX-License-Identifier: MIT */
/**
 * @file migrate.h
 * @brief The migration of a Batch account's certificates into Key Vault: ::kvb_migrator,
 * inventory, plan, execution and report. Part of <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_MIGRATE_H
#define KVBRIDGE_MIGRATE_H

#include <kvbridge/batch.h>
#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of the migration (grammar in core.h; the report's is docs/migration.md, "Report"):
 *  - certificate use: {"kind": string ("pool" or "jobschedule"), "id": string, "storeLocation": string,
 *    "storeName": string, "visibility": [string]}
 *  - migration inventory: {"batchAccount": string, "certificateApiRetired": bool, "certificates":
 *    [{"thumbprint": string, "state": string, "fromCertificateApi": bool, "references": [certificate
 *    use]}], "pools": [string], "jobSchedules": [string]}
 *  - key file finding: {"path": string, "problem": string ("wrong-password", "corrupt",
 *    "unreadable", "truncated" or "duplicate"), "detail": string, "thumbprint": string ("" when the
 *    file cannot be tied to a certificate), "listedByBatch": bool, "duplicateOf"?: string}
 *  - migration plan: {"batchAccount": string, "vaultUrl": string, "certificateApiRetired": bool,
 *    "vaultError"?: string, "warnings": [string], "files": [key file finding] (every key material
 *    file that cannot be used), "items": [{"thumbprint": string, "action": string, "reason": string,
 *    "targetName": string, "sourceFile"?: string, "recoverDeletedFirst": bool, "existingId"?: string,
 *    "references": [certificate use]}]}
 *  - pool guidance: {"id": string, "kind": string ("pool" or "jobschedule"), "os": string ("linux"
 *    or "windows"), "thumbprints": [string], "unmigrated": [string], "extension": object (the
 *    VMExtension), "armPool"?: object, "batchPool"?: object (pools only)}
 *  - pools guidance: [pool guidance]
 */

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

/** The inventory as a "migration inventory" document. @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_migration_inventory_to_json(kvb_string* out, const kvb_migration_inventory* inventory);

/** Release an inventory. NULL-safe. */
KVB_API void kvb_migration_inventory_free(kvb_migration_inventory* inventory);

/** Verification after each import. */
enum {
    KVB_MIGRATION_VERIFY_BASIC = 0, /**< the vault's x5t must equal the Batch thumbprint */
    KVB_MIGRATION_VERIFY_DEEP = 1   /**< also download the certificate and compare the private key */
};

/** Newest version of ::kvb_migration_plan_options. */
#define KVB_MIGRATION_PLAN_OPTIONS_VERSION 1

/** Where the key material is and how to name and check what is imported. */
typedef struct kvb_migration_plan_options {
    unsigned int version; /**< KVB_MIGRATION_PLAN_OPTIONS_VERSION */
    const char* const*
        key_material; /**< folders (searched recursively) or files of .pfx/.p12/.pem/.cer/.crt/.der */
    size_t key_material_count;  /**< entries in key_material */
    const char* passwords_file; /**< JSON {"file-or-thumbprint": "password"} or INI lines; NULL: none */
    const char* password_env; /**< name of an environment variable holding the default password; NULL: none */
    const char* name_mapping_file; /**< JSON {"thumbprint": "vault name"}; NULL: none */
    const char* name_prefix;       /**< vault names are prefix + lower-case thumbprint; NULL: "batch-" */
    int recover_deleted;           /**< 1: recover a soft-deleted target name, then import into it */
    int verify_mode;               /**< KVB_MIGRATION_VERIFY_BASIC (default) or _DEEP */
} kvb_migration_plan_options;

/** The defaults of ::kvb_migration_plan_options, to initialise a variable. */
#define KVB_MIGRATION_PLAN_OPTIONS_INIT                                                                      \
    { KVB_MIGRATION_PLAN_OPTIONS_VERSION, NULL, 0, NULL, NULL, NULL, NULL, 0, KVB_MIGRATION_VERIFY_BASIC }

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

/** The plan as a "migration plan" document. @param[out] out  release with kvb_string_dispose(). */
KVB_API int kvb_migration_plan_to_json(kvb_string* out, const kvb_migration_plan* plan);

/** Release a plan (wiping the passwords it holds). NULL-safe. */
KVB_API void kvb_migration_plan_free(kvb_migration_plan* plan);

/** Newest version of ::kvb_migration_execute_options. */
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

/** The defaults of ::kvb_migration_execute_options, to initialise a variable. */
#define KVB_MIGRATION_EXECUTE_OPTIONS_INIT                                                                   \
    { KVB_MIGRATION_EXECUTE_OPTIONS_VERSION, 0, 0, 0, NULL, NULL, 0, 0, NULL, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_MIGRATION_EXECUTE_OPTIONS_VERSION). */
KVB_API int kvb_migration_execute_options_init(kvb_migration_execute_options* options, unsigned int version);

/** Progress of kvb_migrator_execute(), after each certificate. Borrowed for the callback only. */
typedef struct kvb_migration_progress {
    size_t done;            /**< certificates finished, counting those that needed no write */
    size_t total;           /**< certificates in the plan */
    size_t succeeded;       /**< this and the next two count those that needed no write too */
    size_t failed;          /**< (e.g. missing key material), so the last call's counts are the report's */
    size_t skipped;         /**< already there, or nothing to do */
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
    KVB_MIGRATION_PLANNED = 0,   /**< a dry run's items */
    KVB_MIGRATION_SUCCEEDED = 1, /**< in the vault and verified */
    KVB_MIGRATION_SKIPPED = 2,   /**< nothing to do (already there) */
    KVB_MIGRATION_FAILED = 3     /**< see the report's reason */
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
 * The pool guidance alone as a "pools guidance" document (as `kvbridge pools --json` prints it),
 * one item per pool or job schedule. @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_migration_report_pools_to_json(kvb_string* out, const kvb_migration_report* report);

/** Write report.json, report.md and pools/ID.{extension,arm,batch}.json into @p dir (created if needed). */
KVB_API int kvb_migration_report_write(const kvb_migration_report* report, const char* dir);

/** Release a report. NULL-safe. */
KVB_API void kvb_migration_report_free(kvb_migration_report* report);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_MIGRATE_H */
