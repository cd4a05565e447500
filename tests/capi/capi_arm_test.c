/* SPDX-License-Identifier: MIT */
/* The Resource Manager part of the C ABI from plain C99: options, the checks made before anything
 * is sent (handles, names, ids, scopes, options that cannot go together), permission sets, and
 * every call against the emulator's Resource Manager (management.localhost). */
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

#define EMU_SUBSCRIPTION "33333333-4444-5555-6666-777777777777"
#define EMU_GROUP "/subscriptions/" EMU_SUBSCRIPTION "/resourceGroups/rg-capi"

static kvb_arm_client* emulator_client(const test_env* env, kvb_credential* cred) {
    static char endpoint[128];
    snprintf(endpoint, sizeof endpoint, "https://management.localhost:%s", env->port);
    kvb_arm_client_new_options o = KVB_ARM_CLIENT_NEW_OPTIONS_INIT;
    o.endpoint = endpoint;
    kvb_arm_client* client = NULL;
    CHECK(kvb_arm_client_new(&client, EMU_SUBSCRIPTION, cred, &env->options, &o) == KVB_OK);
    return client;
}

static kvb_operation_wait_options fast_wait(void) {
    kvb_operation_wait_options wait = KVB_OPERATION_WAIT_OPTIONS_INIT;
    wait.interval_ms = 20;
    return wait;
}

static void test_vaults(kvb_arm_client* client) {
    kvb_string s = {NULL, 0};
    CHECK(kvb_arm_client_check_vault_name(&s, client, "capi-arm-vault") == KVB_OK);
    CHECK(has_text(&s, "\"nameAvailable\":true"));
    kvb_string_dispose(&s);
    const kvb_tag tags[] = {{"team", "capi"}};
    kvb_vault_create_options vo = KVB_VAULT_CREATE_OPTIONS_INIT;
    vo.soft_delete_retention_days = 7;
    vo.tags = tags;
    vo.tag_count = 1;
    const kvb_operation_wait_options wait = fast_wait();
    CHECK(kvb_arm_client_create_vault(&s, client, "rg-capi", "capi-arm-vault", "westeurope", TEST_TENANT, &vo,
                                      &wait) == KVB_OK);
    CHECK(has_text(&s, "\"enableRbacAuthorization\":true"));
    CHECK(has_text(&s, "\"provisioningState\":\"Succeeded\""));
    CHECK(has_text(&s, "\"softDeleteRetentionInDays\":7"));
    CHECK(has_text(&s, "\"team\":\"capi\""));
    kvb_string_dispose(&s);
    CHECK(kvb_arm_client_get_vault(&s, client, "rg-capi", "capi-arm-vault") == KVB_OK);
    CHECK(has_text(&s, "vault.localhost"));
    kvb_string_dispose(&s);
    CHECK(kvb_arm_client_check_vault_name(&s, client, "capi-arm-vault") == KVB_OK);
    CHECK(has_text(&s, "\"reason\":\"AlreadyExists\""));
    kvb_string_dispose(&s);
    int deleted = -1;
    CHECK(kvb_arm_client_delete_vault(&deleted, client, "rg-capi", "capi-arm-vault") == KVB_OK);
    CHECK(deleted == 1);
    CHECK(kvb_arm_client_delete_vault(&deleted, client, "rg-capi", "capi-arm-vault") == KVB_OK);
    CHECK(deleted == 0);
    /* Errors carry Resource Manager's code and request id. */
    CHECK(kvb_arm_client_get_vault(&s, client, "rg-capi", "capi-arm-vault") == KVB_E_NOT_FOUND);
    CHECK(strcmp(kvb_error_last()->service_code, "ResourceNotFound") == 0);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(kvb_error_last()->request_id[0] != '\0');
    CHECK(s.ptr == NULL);
}

static void test_access(kvb_arm_client* client) {
    kvb_string s = {NULL, 0};
    CHECK(kvb_arm_client_create_user_assigned_identity(&s, client, "rg-capi", "capi-id", "westeurope",
                                                       NULL) == KVB_OK);
    char* principal = json_string_member(s.ptr, "principalId");
    kvb_string_dispose(&s);
    CHECK(principal != NULL);
    if (!principal) return;
    kvb_identity_create_options io = KVB_IDENTITY_CREATE_OPTIONS_INIT;
    const kvb_tag tags[] = {{"role", "pool"}};
    io.tags = tags;
    io.tag_count = 1;
    CHECK(kvb_arm_client_create_user_assigned_identity(NULL, client, "rg-capi", "capi-id", "westeurope",
                                                       &io) == KVB_OK);
    CHECK(kvb_arm_client_get_user_assigned_identity(&s, client, "rg-capi", "capi-id") == KVB_OK);
    CHECK(has_text(&s, principal) && has_text(&s, "\"clientId\"") && has_text(&s, "\"role\":\"pool\""));
    kvb_string_dispose(&s);

    CHECK(kvb_arm_client_find_role_definition(&s, client, EMU_GROUP, "Key Vault Secrets User") == KVB_OK);
    CHECK(has_text(&s, KVB_ROLE_KEY_VAULT_SECRETS_USER));
    kvb_string_dispose(&s);
    CHECK(kvb_arm_client_find_role_definition(&s, client, EMU_GROUP, "No Such Role") == KVB_E_NOT_FOUND);

    kvb_role_assignment_create_options ro = KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_INIT;
    ro.description = "capi test";
    CHECK(kvb_arm_client_create_role_assignment(&s, client, EMU_GROUP, principal,
                                                KVB_ROLE_KEY_VAULT_SECRETS_USER, &ro) == KVB_OK);
    char* name = json_string_member(s.ptr, "name");
    kvb_string_dispose(&s);
    /* Idempotent: the rerun finds the same assignment. */
    CHECK(kvb_arm_client_create_role_assignment(&s, client, EMU_GROUP, principal,
                                                KVB_ROLE_KEY_VAULT_SECRETS_USER, NULL) == KVB_OK);
    CHECK(name != NULL && has_text(&s, name));
    kvb_string_dispose(&s);
    kvb_json_pager* pager = NULL;
    CHECK(listed(kvb_arm_client_list_role_assignments(&pager, client, EMU_GROUP, principal), &pager,
                 KVB_ROLE_KEY_VAULT_SECRETS_USER) == 1);

    CHECK(kvb_arm_client_get_permissions(&s, client, EMU_GROUP) == KVB_OK);
    int allowed = -1;
    CHECK(kvb_permission_set_allows(&allowed, s.ptr, "Microsoft.Authorization/roleAssignments/write", 0) ==
          KVB_OK);
    CHECK(allowed == 1); /* the test client owns the subscription */
    kvb_string_dispose(&s);

    int deleted = -1;
    CHECK(kvb_arm_client_delete_role_assignment(&deleted, client, EMU_GROUP, name) == KVB_OK);
    CHECK(deleted == 1);
    CHECK(kvb_arm_client_delete_role_assignment(&deleted, client, EMU_GROUP, name) == KVB_OK);
    CHECK(deleted == 0);
    free(name);
    free(principal);
}

static void test_batch(kvb_arm_client* client) {
    kvb_string s = {NULL, 0};
    CHECK(kvb_arm_client_get_batch_account(&s, client, "rg-capi", "emubatch") == KVB_OK);
    CHECK(has_text(&s, "\"poolAllocationMode\""));
    kvb_string_dispose(&s);
    CHECK(kvb_arm_client_create_user_assigned_identity(&s, client, "rg-capi", "capi-pool-id", "eastus",
                                                       NULL) == KVB_OK);
    char* identity = json_string_member(s.ptr, "id");
    kvb_string_dispose(&s);
    CHECK(identity != NULL);
    if (!identity) return;
    char pool[1024];
    snprintf(pool, sizeof pool,
             "{\"identity\":{\"type\":\"UserAssigned\",\"userAssignedIdentities\":{\"%s\":{}}},"
             "\"properties\":{\"vmSize\":\"STANDARD_D2S_V3\",\"deploymentConfiguration\":{"
             "\"virtualMachineConfiguration\":{\"imageReference\":{\"publisher\":\"canonical\",\"offer\":"
             "\"ubuntu-24_04-lts\",\"sku\":\"server\"},\"nodeAgentSkuId\":\"batch.node.ubuntu 24.04\","
             "\"extensions\":[{\"name\":\"kv\",\"publisher\":\"Microsoft.Azure.KeyVault\",\"type\":"
             "\"KeyVaultForLinux\",\"typeHandlerVersion\":\"3.0\"}]}},"
             "\"scaleSettings\":{\"fixedScale\":{\"targetDedicatedNodes\":1}}}}",
             identity);
    free(identity);
    CHECK(kvb_arm_client_create_pool(&s, client, "rg-capi", "emubatch", "capi-arm-pool", pool) == KVB_OK);
    CHECK(has_text(&s, "KeyVaultForLinux") && has_text(&s, "\"clientId\""));
    kvb_string_dispose(&s);
    CHECK(kvb_arm_client_get_pool(&s, client, "rg-capi", "emubatch", "capi-arm-pool") == KVB_OK);
    CHECK(has_text(&s, "STANDARD_D2S_V3"));
    kvb_string_dispose(&s);
    kvb_arm_pool_update_options po = KVB_ARM_POOL_UPDATE_OPTIONS_INIT;
    po.target_dedicated_nodes = 3;
    CHECK(kvb_arm_client_update_pool(&s, client, "rg-capi", "emubatch", "capi-arm-pool", &po) == KVB_OK);
    CHECK(has_text(&s, "\"targetDedicatedNodes\":3"));
    kvb_string_dispose(&s);
    const kvb_operation_wait_options wait = fast_wait();
    CHECK(kvb_arm_client_delete_pool(client, "rg-capi", "emubatch", "capi-arm-pool", &wait) == KVB_OK);
    CHECK(kvb_arm_client_get_pool(&s, client, "rg-capi", "emubatch", "capi-arm-pool") == KVB_E_NOT_FOUND);
}

int main(void) {
    test_env env;
    if (!test_env_load(&env)) return test_finish();
    kvb_credential* cred = test_credential(&env);
    test_options();
    test_client_new(&env, cred);
    test_argument_errors(cred);
    test_permission_set();
    kvb_arm_client* client = emulator_client(&env, cred);
    if (client) {
        test_vaults(client);
        test_access(client);
        test_batch(client);
    }
    kvb_arm_client_free(client);
    kvb_credential_free(cred);
    return test_finish();
}
