/* SPDX-License-Identifier: MIT */
/* The Resource Manager part of the C ABI from plain C99: options, the checks made before anything
 * is sent (handles, names, ids, scopes, options that cannot go together), and permission sets. */
#include "capi_test_util.h"

#define SUBSCRIPTION "00000000-0000-0000-0000-0000000000a1"
#define PRINCIPAL "11111111-0000-0000-0000-000000000001"
#define VAULT_SCOPE "/subscriptions/" SUBSCRIPTION "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1"

static void test_options(void) {
    kvb_arm_client_new_options no;
    CHECK(kvb_arm_client_new_options_init(&no, KVB_ARM_CLIENT_NEW_OPTIONS_VERSION) == KVB_OK);
    CHECK(no.endpoint == NULL && no.scope == NULL);
    CHECK(kvb_arm_client_new_options_init(&no, 99) == KVB_E_INVALID_ARGUMENT);
    kvb_vault_create_options vo;
    CHECK(kvb_vault_create_options_init(&vo, KVB_VAULT_CREATE_OPTIONS_VERSION) == KVB_OK);
    CHECK(vo.enable_rbac_authorization == 1); /* RBAC on by default */
    CHECK(vo.enable_purge_protection == KVB_UNSET && vo.soft_delete_retention_days == 0);
    CHECK(kvb_vault_create_options_init(NULL, KVB_VAULT_CREATE_OPTIONS_VERSION) == KVB_E_INVALID_ARGUMENT);
    kvb_role_assignment_create_options ro;
    CHECK(kvb_role_assignment_create_options_init(&ro, KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION) == KVB_OK);
    CHECK(ro.principal_type == NULL && ro.description == NULL);
    CHECK(kvb_role_assignment_create_options_init(&ro, 0) == KVB_E_INVALID_ARGUMENT);
    kvb_identity_create_options io;
    CHECK(kvb_identity_create_options_init(&io, KVB_IDENTITY_CREATE_OPTIONS_VERSION) == KVB_OK);
    CHECK(io.tags == NULL && io.tag_count == 0);
    kvb_arm_pool_update_options po;
    CHECK(kvb_arm_pool_update_options_init(&po, KVB_ARM_POOL_UPDATE_OPTIONS_VERSION) == KVB_OK);
    CHECK(po.target_dedicated_nodes == -1 && po.target_low_priority_nodes == -1);
}

static void test_client_new(const test_env* env, kvb_credential* cred) {
    kvb_arm_client* client = NULL;
    CHECK(kvb_arm_client_new(NULL, SUBSCRIPTION, cred, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_new(&client, NULL, cred, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_new(&client, "sub/scription", cred, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, NULL, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(client == NULL);
    /* A Batch shared key cannot sign Resource Manager requests. */
    kvb_credential* shared = NULL;
    CHECK(kvb_credential_new_shared_key(&shared, "acct", "a2V5") == KVB_OK);
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, shared, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    kvb_credential_free(shared);
    /* Each provider has its own api-version: one for all is refused. */
    kvb_client_options transport = env->options;
    transport.api_version = "2025-05-01";
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, cred, &transport, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "api_version") != NULL);
    kvb_arm_client_new_options o = KVB_ARM_CLIENT_NEW_OPTIONS_INIT;
    o.endpoint = "http://management.localhost";
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, cred, &env->options, &o) == KVB_E_INVALID_ARGUMENT);
    o.endpoint = "https://management.localhost";
    o.version = 0;
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, cred, &env->options, &o) == KVB_E_INVALID_ARGUMENT);
    CHECK(client == NULL);
}

/* Every call refuses a bad argument before anything is sent (the endpoint is not listening). */
static void test_argument_errors(kvb_credential* cred) {
    kvb_arm_client_new_options o = KVB_ARM_CLIENT_NEW_OPTIONS_INIT;
    o.endpoint = "https://127.0.0.1:1";
    kvb_arm_client* client = NULL;
    CHECK(kvb_arm_client_new(&client, SUBSCRIPTION, cred, NULL, &o) == KVB_OK);
    kvb_string s = {NULL, 0};
    int flag = -1;
    kvb_vault_create_options vo = KVB_VAULT_CREATE_OPTIONS_INIT;
    CHECK(kvb_arm_client_create_vault(&s, client, "rg", "no_underscores", "westeurope", TEST_TENANT, NULL,
                                      NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "vault name") != NULL);
    vo.sku = "gold";
    CHECK(kvb_arm_client_create_vault(&s, client, "rg", "v1", "westeurope", TEST_TENANT, &vo, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    vo.sku = NULL;
    vo.soft_delete_retention_days = 3;
    CHECK(kvb_arm_client_create_vault(&s, client, "rg", "v1", "westeurope", TEST_TENANT, &vo, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    vo.soft_delete_retention_days = 0;
    vo.enable_rbac_authorization = 2;
    CHECK(kvb_arm_client_create_vault(&s, client, "rg", "v1", "westeurope", TEST_TENANT, &vo, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_create_vault(&s, client, "rg", "v1", NULL, TEST_TENANT, NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_get_vault(&s, client, "rg.", "v1") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_get_vault(NULL, client, "rg", "v1") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_delete_vault(&flag, client, "rg", "-v") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_check_vault_name(&s, client, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_find_role_definition(&s, client, "not/a/scope", "Key Vault Secrets User") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_create_role_assignment(&s, client, VAULT_SCOPE, "not-a-guid",
                                                KVB_ROLE_KEY_VAULT_SECRETS_USER,
                                                NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_create_role_assignment(&s, client, VAULT_SCOPE, PRINCIPAL, "Secrets User", NULL) ==
          KVB_E_INVALID_ARGUMENT);
    kvb_json_pager* pager = NULL;
    CHECK(kvb_arm_client_list_role_assignments(&pager, client, VAULT_SCOPE, "nobody") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(pager == NULL);
    CHECK(kvb_arm_client_delete_role_assignment(&flag, client, VAULT_SCOPE, "x") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_get_permissions(&s, client, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_create_user_assigned_identity(&s, client, "rg", "id", NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_get_user_assigned_identity(&s, client, "rg", "") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_get_batch_account(&s, client, "rg", "Not-Valid") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_arm_client_create_pool(&s, client, "rg", "acct", "p1", "{not json") == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "arm pool") != NULL);
    CHECK(kvb_arm_client_get_pool(&s, client, "rg", "acct", "bad pool") == KVB_E_INVALID_ARGUMENT);
    kvb_arm_pool_update_options po = KVB_ARM_POOL_UPDATE_OPTIONS_INIT;
    CHECK(kvb_arm_client_update_pool(&s, client, "rg", "acct", "p1", &po) == KVB_E_INVALID_ARGUMENT);
    po.target_dedicated_nodes = 2;
    po.auto_scale_formula = "$TargetDedicatedNodes=1";
    CHECK(kvb_arm_client_update_pool(&s, client, "rg", "acct", "p1", &po) == KVB_E_INVALID_ARGUMENT);
    kvb_operation_wait_options wait = KVB_OPERATION_WAIT_OPTIONS_INIT;
    wait.version = 0;
    CHECK(kvb_arm_client_delete_pool(client, "rg", "acct", "p1", &wait) == KVB_E_INVALID_ARGUMENT);
    CHECK(s.ptr == NULL);
    CHECK(flag == -1);
    kvb_arm_client_free(client);
    /* A wrong or freed handle. */
    int not_a_handle = 42;
    CHECK(kvb_arm_client_get_vault(&s, (const kvb_arm_client*)&not_a_handle, "rg", "v1") ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_arm_client_get_vault(&s, NULL, "rg", "v1") == KVB_E_WRONG_HANDLE);
    kvb_arm_client_free(NULL);
    kvb_arm_client_free((kvb_arm_client*)&not_a_handle); /* not ours: ignored */
}

static void test_permission_set(void) {
    const char* set = "{\"permissions\":[{\"actions\":[\"Microsoft.KeyVault/*\"],\"notActions\":"
                      "[\"Microsoft.KeyVault/vaults/delete\"],\"dataActions\":"
                      "[\"Microsoft.KeyVault/vaults/secrets/getSecret/action\"],\"notDataActions\":[]}]}";
    int allowed = -1;
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.KeyVault/vaults/write", 0) == KVB_OK);
    CHECK(allowed == 1);
    CHECK(kvb_permission_set_allows(&allowed, set, "microsoft.keyvault/VAULTS/read", 0) == KVB_OK);
    CHECK(allowed == 1); /* actions compare without case */
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.KeyVault/vaults/delete", 0) == KVB_OK);
    CHECK(allowed == 0);
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.Authorization/roleAssignments/write", 0) ==
          KVB_OK);
    CHECK(allowed == 0);
    /* Data actions are apart: the wildcard action allows none of them. */
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.KeyVault/vaults/secrets/getSecret/action", 1) ==
          KVB_OK);
    CHECK(allowed == 1);
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.KeyVault/vaults/secrets/setSecret/action", 1) ==
          KVB_OK);
    CHECK(allowed == 0);
    CHECK(kvb_permission_set_allows(&allowed, set, "Microsoft.KeyVault/vaults/write", 2) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_permission_set_allows(&allowed, "[]", "a", 0) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_permission_set_allows(&allowed, "{\"permissions\":{}}", "a", 0) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_permission_set_allows(NULL, set, "a", 0) == KVB_E_INVALID_ARGUMENT);
}

int main(void) {
    test_env env;
    if (!test_env_load(&env)) return test_finish();
    kvb_credential* cred = test_credential(&env);
    test_options();
    test_client_new(&env, cred);
    test_argument_errors(cred);
    test_permission_set();
    kvb_credential_free(cred);
    return test_finish();
}
