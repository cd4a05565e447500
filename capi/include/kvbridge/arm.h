/* SPDX-License-Identifier: MIT */
/**
 * @file arm.h
 * @brief Azure Resource Manager: ::kvb_arm_client (Key Vault vaults, role definitions and
 * assignments, the caller's permissions, user-assigned identities, Batch accounts and pools).
 * Part of <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_ARM_H
#define KVBRIDGE_ARM_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON documents of Resource Manager (grammar in core.h). Scopes and ids are Resource Manager
 * resource ids ("/subscriptions/{sub}/resourceGroups/{rg}/providers/...").
 *  - vault properties: {"tenantId": string, "sku": string ("standard", "premium"), "skuFamily":
 *    string, "vaultUri": string, "enableRbacAuthorization"?: bool, "enableSoftDelete"?: bool,
 *    "softDeleteRetentionInDays"?: int, "enablePurgeProtection"?: bool, "enabledForDeployment"?:
 *    bool, "enabledForDiskEncryption"?: bool, "enabledForTemplateDeployment"?: bool,
 *    "publicNetworkAccess"?: string, "provisioningState"?: string, "accessPolicyCount": int}
 *  - vault: {"id": string, "name": string, "type": string, "location": string, "tags": {string:
 *    string}, "properties": vault properties}
 *  - vault name availability: {"nameAvailable": bool, "reason"?: string, "message"?: string}
 *  - permission: {"actions": [string], "notActions": [string], "dataActions": [string],
 *    "notDataActions": [string]}
 *  - permission set: {"permissions": [permission]}
 *  - role definition: {"id": string, "name": string (the role's GUID), "type": string, "roleName":
 *    string, "description"?: string, "roleType": string, "permissions": [permission],
 *    "assignableScopes": [string]}
 *  - role assignment: {"id": string, "name": string, "type": string, "scope": string,
 *    "roleDefinitionId": string, "principalId": string, "principalType": string, "description"?:
 *    string, "createdOn"?: int, "updatedOn"?: int}
 *  - user assigned identity: {"id": string, "name": string, "type": string, "location": string,
 *    "tags": {string: string}, "tenantId": string, "principalId": string (what role assignments
 *    take), "clientId": string (what IMDS and the Key Vault VM extension take)}
 *  - managed service identity: {"type": string, "principalId"?: string, "tenantId"?: string,
 *    "userAssignedIdentities": object (by resource id, each with principalId and clientId)}
 *  - batch account: {"id": string, "name": string, "type": string, "location": string, "tags":
 *    {string: string}, "accountEndpoint": string, "provisioningState": string,
 *    "poolAllocationMode": string, "keyVaultReference"?: {"id": string, "url": string},
 *    "identity"?: managed service identity, "autoStorageAccountId"?: string,
 *    "publicNetworkAccess"?: string}
 *  - arm pool: object (Resource Manager's Pool resource of Microsoft.Batch 2024-07-01 as the
 *    service sends it; as input, the body of Pool_Create: "identity" and "properties")
 */

/** Default Resource Manager endpoint (the public cloud). */
#define KVB_ARM_PUBLIC_CLOUD_ENDPOINT "https://management.azure.com"

/**
 * A client of Resource Manager bound to one subscription. Thread-safe; holds its own reference to
 * the credential. Each provider keeps its own api-version (Microsoft.KeyVault 2025-05-01,
 * Microsoft.Authorization 2022-04-01, Microsoft.ManagedIdentity 2024-11-30, Microsoft.Batch
 * 2024-07-01).
 */
typedef struct kvb_arm_client kvb_arm_client;

/** Newest version of ::kvb_arm_client_new_options. */
#define KVB_ARM_CLIENT_NEW_OPTIONS_VERSION 1

/** Where kvb_arm_client_new() sends its requests, and the token scope it asks for. */
typedef struct kvb_arm_client_new_options {
    unsigned int version; /**< KVB_ARM_CLIENT_NEW_OPTIONS_VERSION */
    const char* endpoint; /**< https://host[:port]; NULL: KVB_ARM_PUBLIC_CLOUD_ENDPOINT */
    const char* scope;    /**< token scope; NULL: "https://management.azure.com/.default" */
} kvb_arm_client_new_options;

/** The defaults of ::kvb_arm_client_new_options (the public cloud). */
#define KVB_ARM_CLIENT_NEW_OPTIONS_INIT                                                                      \
    { KVB_ARM_CLIENT_NEW_OPTIONS_VERSION, NULL, NULL }

/** Fill @p options with defaults for @p version (KVB_ARM_CLIENT_NEW_OPTIONS_VERSION). */
KVB_API int kvb_arm_client_new_options_init(kvb_arm_client_new_options* options, unsigned int version);

/**
 * A client for subscription @p subscription_id (a GUID).
 * @param[out] out            new client; release with kvb_arm_client_free().
 * @param credential          an Entra ID credential, borrowed for the call (the client keeps its
 *                            own reference); a shared key credential gives KVB_E_INVALID_ARGUMENT.
 * @param client_options      transport and retries (429 with Retry-After is retried); its
 *                            api_version must be NULL. NULL for defaults.
 * @param options             endpoint and scope; NULL for the public cloud.
 */
KVB_API int kvb_arm_client_new(kvb_arm_client** out, const char* subscription_id,
                               const kvb_credential* credential, const kvb_client_options* client_options,
                               const kvb_arm_client_new_options* options);

/** Release a Resource Manager client. NULL-safe. */
KVB_API void kvb_arm_client_free(kvb_arm_client* client);

/* ---------------------------------------------------------------- Key Vault vaults */

/** Newest version of ::kvb_vault_create_options. */
#define KVB_VAULT_CREATE_OPTIONS_VERSION 1

/** Settings of kvb_arm_client_create_vault() beyond its location and tenant. */
typedef struct kvb_vault_create_options {
    unsigned int version;               /**< KVB_VAULT_CREATE_OPTIONS_VERSION */
    const char* sku;                    /**< "standard" or "premium"; NULL: "standard" */
    int enable_rbac_authorization;      /**< 1 (default): data actions authorized by role assignments; 0:
                                             access policies */
    int32_t soft_delete_retention_days; /**< 7-90; 0: the service's 90 */
    int enable_purge_protection;        /**< 1, or KVB_UNSET (not sent); irreversible once on */
    const char* public_network_access;  /**< "Enabled" or "Disabled"; NULL: not sent */
    const kvb_tag* tags;                /**< tag_count resource tags; NULL: none */
    size_t tag_count;                   /**< entries in tags */
} kvb_vault_create_options;

/** The defaults of ::kvb_vault_create_options (standard, RBAC on). */
#define KVB_VAULT_CREATE_OPTIONS_INIT                                                                        \
    { KVB_VAULT_CREATE_OPTIONS_VERSION, NULL, 1, 0, KVB_UNSET, NULL, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_VAULT_CREATE_OPTIONS_VERSION). */
KVB_API int kvb_vault_create_options_init(kvb_vault_create_options* options, unsigned int version);

/**
 * Vaults_CreateOrUpdate: create vault @p vault_name in @p resource_group (or replace its settings)
 * and wait until it is provisioned, as @p wait_options say (NULL: defaults; the service's
 * Retry-After paces the polls). Names are checked before anything is sent.
 * @param location   Azure region, e.g. "westeurope".
 * @param tenant_id  the Entra ID tenant (a GUID) that authenticates the vault's requests.
 * @param options    NULL for the defaults.
 * @param[out] vault_json  the "vault"; NULL if not wanted; else release with kvb_string_dispose().
 * A failed provisioning gives KVB_E_SERVICE with the operation's error code.
 */
KVB_API int kvb_arm_client_create_vault(kvb_string* vault_json, const kvb_arm_client* client,
                                        const char* resource_group, const char* vault_name,
                                        const char* location, const char* tenant_id,
                                        const kvb_vault_create_options* options,
                                        const kvb_operation_wait_options* wait_options);

/** Vaults_Get as a "vault" document (release with kvb_string_dispose()). 404: KVB_E_NOT_FOUND. */
KVB_API int kvb_arm_client_get_vault(kvb_string* vault_json, const kvb_arm_client* client,
                                     const char* resource_group, const char* vault_name);

/**
 * Vaults_Delete: the vault goes to the soft-deleted state.
 * @param[out] deleted  1 when a vault was deleted, 0 when there was none; NULL if not wanted.
 */
KVB_API int kvb_arm_client_delete_vault(int* deleted, const kvb_arm_client* client,
                                        const char* resource_group, const char* vault_name);

/**
 * Vaults_CheckNameAvailability: whether a new vault may be named @p vault_name (names are global;
 * a soft-deleted vault keeps its name). @param[out] availability_json  a "vault name availability";
 * release with kvb_string_dispose().
 */
KVB_API int kvb_arm_client_check_vault_name(kvb_string* availability_json, const kvb_arm_client* client,
                                            const char* vault_name);

/* ---------------------------------------------------------------- roles and access */

/** Key Vault Secrets User: read secret values and metadata. */
#define KVB_ROLE_KEY_VAULT_SECRETS_USER "4633458b-17de-408a-b874-0445c86b69e6"
/** Key Vault Certificate User: read certificates and their secrets. */
#define KVB_ROLE_KEY_VAULT_CERTIFICATE_USER "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"
/** Key Vault Certificates Officer: manage certificates. */
#define KVB_ROLE_KEY_VAULT_CERTIFICATES_OFFICER "a4417e6f-fecd-4de8-b567-7b0420556985"
/** Key Vault Administrator: every data action. */
#define KVB_ROLE_KEY_VAULT_ADMINISTRATOR "00482a5a-887f-4fb3-b363-3b7fe8e74483"

/**
 * The role definition named @p role_name (e.g. "Key Vault Secrets User") assignable at @p scope,
 * as a "role definition" document (release with kvb_string_dispose()). No such role:
 * KVB_E_NOT_FOUND.
 */
KVB_API int kvb_arm_client_find_role_definition(kvb_string* role_json, const kvb_arm_client* client,
                                                const char* scope, const char* role_name);

/** Newest version of ::kvb_role_assignment_create_options. */
#define KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION 1

/** Options of kvb_arm_client_create_role_assignment(). */
typedef struct kvb_role_assignment_create_options {
    unsigned int version;       /**< KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION */
    const char* principal_type; /**< "ServicePrincipal" (NULL), "User", "Group", "ForeignGroup" */
    const char* description;    /**< stored with the assignment; NULL: none */
} kvb_role_assignment_create_options;

/** The defaults of ::kvb_role_assignment_create_options (a service principal). */
#define KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_INIT                                                              \
    { KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION, NULL, NULL }

/** Fill @p options with defaults for @p version (KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION). */
KVB_API int kvb_role_assignment_create_options_init(kvb_role_assignment_create_options* options,
                                                    unsigned int version);

/**
 * Give principal @p principal_id (an object id) role @p role_definition (its GUID, e.g.
 * KVB_ROLE_KEY_VAULT_SECRETS_USER, or its resource id) at @p scope. Idempotent: the assignment's
 * name is derived from scope, principal and role, so a rerun finds the assignment it made and
 * creates nothing new. @param options  NULL for the defaults.
 * @param[out] assignment_json  the "role assignment"; NULL if not wanted.
 */
KVB_API int kvb_arm_client_create_role_assignment(kvb_string* assignment_json, const kvb_arm_client* client,
                                                  const char* scope, const char* principal_id,
                                                  const char* role_definition,
                                                  const kvb_role_assignment_create_options* options);

/**
 * The role assignments of @p principal_id that apply at @p scope (inherited ones included) as
 * "role assignment" documents. @param[out] out  release with kvb_json_pager_free().
 */
KVB_API int kvb_arm_client_list_role_assignments(kvb_json_pager** out, const kvb_arm_client* client,
                                                 const char* scope, const char* principal_id);

/**
 * Delete role assignment @p assignment_name (a GUID, the "name" of a "role assignment") at @p scope.
 * @param[out] deleted  1 when an assignment was deleted, 0 when there was none; NULL if not wanted.
 */
KVB_API int kvb_arm_client_delete_role_assignment(int* deleted, const kvb_arm_client* client,
                                                  const char* scope, const char* assignment_name);

/**
 * What the caller may do at @p scope, as a "permission set" document (release with
 * kvb_string_dispose()); see also kvb_permission_set_allows().
 */
KVB_API int kvb_arm_client_get_permissions(kvb_string* permissions_json, const kvb_arm_client* client,
                                           const char* scope);

/**
 * Whether the "permission set" @p permissions_json allows @p action (e.g.
 * "Microsoft.Authorization/roleAssignments/write"), or with @p data_action 1 the data action
 * @p action (e.g. "Microsoft.KeyVault/vaults/secrets/getSecret/action"); wildcards and not-actions
 * are applied as Resource Manager does. @param[out] allowed  1 or 0.
 */
KVB_API int kvb_permission_set_allows(int* allowed, const char* permissions_json, const char* action,
                                      int data_action);

/* ---------------------------------------------------------------- managed identities */

/** Newest version of ::kvb_identity_create_options. */
#define KVB_IDENTITY_CREATE_OPTIONS_VERSION 1

/** Options of kvb_arm_client_create_user_assigned_identity(). */
typedef struct kvb_identity_create_options {
    unsigned int version; /**< KVB_IDENTITY_CREATE_OPTIONS_VERSION */
    const kvb_tag* tags;  /**< tag_count resource tags; NULL: none */
    size_t tag_count;     /**< entries in tags */
} kvb_identity_create_options;

/** The defaults of ::kvb_identity_create_options (no tags). */
#define KVB_IDENTITY_CREATE_OPTIONS_INIT                                                                     \
    { KVB_IDENTITY_CREATE_OPTIONS_VERSION, NULL, 0 }

/** Fill @p options with defaults for @p version (KVB_IDENTITY_CREATE_OPTIONS_VERSION). */
KVB_API int kvb_identity_create_options_init(kvb_identity_create_options* options, unsigned int version);

/**
 * Create user-assigned identity @p identity_name in @p resource_group and @p location (or update
 * its tags). @param options  NULL for the defaults.
 * @param[out] identity_json  the "user assigned identity"; NULL if not wanted.
 */
KVB_API int kvb_arm_client_create_user_assigned_identity(kvb_string* identity_json,
                                                         const kvb_arm_client* client,
                                                         const char* resource_group,
                                                         const char* identity_name, const char* location,
                                                         const kvb_identity_create_options* options);

/** A user-assigned identity as a "user assigned identity" document. 404: KVB_E_NOT_FOUND. */
KVB_API int kvb_arm_client_get_user_assigned_identity(kvb_string* identity_json, const kvb_arm_client* client,
                                                      const char* resource_group, const char* identity_name);

/* ---------------------------------------------------------------- Batch accounts and pools */

/** BatchAccount_Get as a "batch account" document. 404: KVB_E_NOT_FOUND. */
KVB_API int kvb_arm_client_get_batch_account(kvb_string* account_json, const kvb_arm_client* client,
                                             const char* resource_group, const char* account_name);

/**
 * Pool_Create: create or replace pool @p pool_name of Batch account @p account_name from the "arm
 * pool" @p pool_json (identities in identity.userAssignedIdentities, VM extensions in
 * properties.deploymentConfiguration.virtualMachineConfiguration.extensions). The request body is
 * wiped once sent (extensions may carry protectedSettings).
 * @param[out] pool_json_out  the pool as created; NULL if not wanted.
 */
KVB_API int kvb_arm_client_create_pool(kvb_string* pool_json_out, const kvb_arm_client* client,
                                       const char* resource_group, const char* account_name,
                                       const char* pool_name, const char* pool_json);

/** Pool_Get as an "arm pool" document. 404: KVB_E_NOT_FOUND. */
KVB_API int kvb_arm_client_get_pool(kvb_string* pool_json, const kvb_arm_client* client,
                                    const char* resource_group, const char* account_name,
                                    const char* pool_name);

/** Newest version of ::kvb_arm_pool_update_options. */
#define KVB_ARM_POOL_UPDATE_OPTIONS_VERSION 1

/** What kvb_arm_client_update_pool() changes: a fixed size, or an autoscale formula. */
typedef struct kvb_arm_pool_update_options {
    unsigned int version;                       /**< KVB_ARM_POOL_UPDATE_OPTIONS_VERSION */
    int32_t target_dedicated_nodes;             /**< fixed scale; -1: unset */
    int32_t target_low_priority_nodes;          /**< fixed scale; -1: unset */
    const char* resize_timeout;                 /**< fixed scale, ISO 8601 duration; NULL: the service's */
    const char* auto_scale_formula;             /**< autoscale instead of a fixed size; NULL: none */
    const char* auto_scale_evaluation_interval; /**< ISO 8601 duration; NULL: the service's */
} kvb_arm_pool_update_options;

/** The defaults of ::kvb_arm_pool_update_options (nothing changes; an update needs one field). */
#define KVB_ARM_POOL_UPDATE_OPTIONS_INIT                                                                     \
    { KVB_ARM_POOL_UPDATE_OPTIONS_VERSION, -1, -1, NULL, NULL, NULL }

/** Fill @p options with defaults for @p version (KVB_ARM_POOL_UPDATE_OPTIONS_VERSION). */
KVB_API int kvb_arm_pool_update_options_init(kvb_arm_pool_update_options* options, unsigned int version);

/**
 * Pool_Update (PATCH): resize pool @p pool_name, or switch it to an autoscale formula. Options
 * that change nothing give KVB_E_INVALID_ARGUMENT before anything is sent.
 * @param[out] pool_json  the pool after the update; NULL if not wanted.
 */
KVB_API int kvb_arm_client_update_pool(kvb_string* pool_json, const kvb_arm_client* client,
                                       const char* resource_group, const char* account_name,
                                       const char* pool_name, const kvb_arm_pool_update_options* options);

/**
 * Pool_Delete: delete pool @p pool_name and wait until it is gone, as @p wait_options say (NULL:
 * defaults).
 */
KVB_API int kvb_arm_client_delete_pool(const kvb_arm_client* client, const char* resource_group,
                                       const char* account_name, const char* pool_name,
                                       const kvb_operation_wait_options* wait_options);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_ARM_H */
