/* SPDX-License-Identifier: MIT */
/* The secret calls beyond the basics: options as JSON, properties, versions, deleted secrets,
 * recover, backup/restore, and the JSON pager, against the emulator. */
#include "capi_test_util.h"

static void test_argument_errors(void) {
    int not_a_handle = 42;
    kvb_string s = {NULL, 0};
    kvb_json_pager* pager = NULL;
    CHECK(kvb_secret_client_update_secret_properties(&s, NULL, "n", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_list_secret_versions(&pager, (const kvb_secret_client*)&not_a_handle, "n") ==
          KVB_E_WRONG_HANDLE);
    CHECK(pager == NULL);
    CHECK(kvb_secret_client_list_secret_properties(NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_client_get_deleted_secret(&s, NULL, "n") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_list_deleted_secrets(&pager, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_recover_deleted_secret(NULL, NULL, "n", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_backup_secret(&s, NULL, "n") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_restore_secret_backup(NULL, NULL, NULL, 0) == KVB_E_WRONG_HANDLE);
    kvb_secret* secret = NULL;
    CHECK(kvb_secret_client_set_secret_with_options(&secret, NULL, "n", "v", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_get_secret_with_options(&secret, NULL, "n", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(&s, (kvb_json_pager*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    kvb_json_pager_free(NULL);
    kvb_json_pager_free((kvb_json_pager*)&not_a_handle); /* not ours: ignored */
}

static void test_against_emulator(const test_env* env) {
    kvb_credential* cred = test_credential(env);
    char url[128];
    kvb_secret_client* client = NULL;
    CHECK(kvb_secret_client_new(&client, test_vault_url(url, sizeof url, env, "capisecrets"), cred,
                                &env->options) == KVB_OK);
    kvb_credential_free(cred);

    /* set with options, then the options show up in get and in the JSON. */
    kvb_secret* set = NULL;
    CHECK(kvb_secret_client_set_secret_with_options(
              &set, client, "capi-more", "first",
              "{\"contentType\":\"text/plain\",\"tags\":{\"team\":\"capi\"},\"enabled\":true,"
              "\"expiresOn\":4102444800}") == KVB_OK);
    CHECK(strcmp(kvb_secret_content_type(set), "text/plain") == 0);
    char first_version[64];
    snprintf(first_version, sizeof first_version, "%s", kvb_secret_version(set));
    kvb_secret_free(set);
    set = NULL;
    CHECK(kvb_secret_client_set_secret_with_options(&set, client, "capi-more", "v", "{\"tags\": 7}") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(set == NULL);
    CHECK(kvb_secret_client_set_secret_with_options(&set, client, "capi-more", "v", "{not json") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_client_set_secret_with_options(&set, client, "capi-more", "second", NULL) == KVB_OK);
    kvb_secret_free(set);

    kvb_secret* got = NULL;
    CHECK(kvb_secret_client_get_secret_with_options(&got, client, "capi-more", first_version, NULL) ==
          KVB_OK);
    CHECK(strcmp(kvb_secret_value(got), "first") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_secret_to_json(&json, got) == KVB_OK);
    CHECK(has_text(&json, "\"team\":\"capi\""));
    kvb_string_dispose(&json);
    kvb_secret_free(got);

    /* update properties of the first version */
    CHECK(kvb_secret_client_update_secret_properties(&json, client, "capi-more", first_version,
                                                     "{\"enabled\":false,\"tags\":{\"state\":\"old\"}}") ==
          KVB_OK);
    CHECK(has_text(&json, "\"enabled\":false"));
    CHECK(has_text(&json, "\"state\":\"old\""));
    CHECK(has_text(&json, first_version));
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_update_secret_properties(NULL, client, "capi-more", NULL,
                                                     "{\"contentType\":\"x\"}") == KVB_OK);

    /* versions and properties pagers */
    kvb_json_pager* pager = NULL;
    CHECK(listed(kvb_secret_client_list_secret_versions(&pager, client, "capi-more"), &pager,
                 first_version) == 2);
    CHECK(listed(kvb_secret_client_list_secret_properties(&pager, client), &pager,
                 "\"name\":\"capi-more\"") >= 1);

    /* backup, delete, deleted views, recover */
    kvb_string backup = {NULL, 0};
    CHECK(kvb_secret_client_backup_secret(&backup, client, "capi-more") == KVB_OK);
    CHECK(backup.size > 0);
    CHECK(kvb_secret_client_delete_secret(client, "capi-more", NULL) == KVB_OK);
    CHECK(kvb_secret_client_get_deleted_secret(&json, client, "capi-more") == KVB_OK);
    CHECK(has_text(&json, "\"recoveryId\""));
    CHECK(has_text(&json, "\"deletedOn\""));
    kvb_string_dispose(&json);
    CHECK(listed(kvb_secret_client_list_deleted_secrets(&pager, client), &pager, "capi-more") >= 1);
    CHECK(kvb_secret_client_recover_deleted_secret(&json, client, "capi-more", NULL) == KVB_OK);
    CHECK(has_text(&json, "\"name\":\"capi-more\""));
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-more", NULL) == KVB_OK);
    CHECK(strcmp(kvb_secret_value(got), "second") == 0);
    kvb_secret_free(got);

    /* restore needs the name gone for good */
    CHECK(kvb_secret_client_restore_secret_backup(&json, client, (const uint8_t*)backup.ptr, backup.size) ==
          KVB_E_CONFLICT);
    CHECK(kvb_error_last()->http_status == 409);
    CHECK(kvb_secret_client_delete_secret(client, "capi-more", NULL) == KVB_OK);
    CHECK(kvb_secret_client_purge_deleted_secret(client, "capi-more") == KVB_OK);
    CHECK(kvb_secret_client_restore_secret_backup(&json, client, (const uint8_t*)backup.ptr, backup.size) ==
          KVB_OK);
    CHECK(has_text(&json, "\"name\":\"capi-more\""));
    kvb_string_dispose(&json);
    kvb_string_dispose(&backup);
    CHECK(kvb_secret_client_restore_secret_backup(NULL, client, NULL, 5) == KVB_E_INVALID_ARGUMENT);

    /* service errors carry the code and status */
    CHECK(kvb_secret_client_get_deleted_secret(&json, client, "capi-never") == KVB_E_NOT_FOUND);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(strlen(kvb_error_last()->service_code) > 0);
    CHECK(kvb_secret_client_recover_deleted_secret(NULL, client, "capi-never", NULL) == KVB_E_NOT_FOUND);
    CHECK(kvb_secret_client_backup_secret(&backup, client, "capi-never") == KVB_E_NOT_FOUND);
    CHECK(kvb_secret_client_list_secret_versions(&pager, client, "bad name!") == KVB_E_INVALID_ARGUMENT);
    kvb_secret_client_free(client);
}

int main(void) {
    test_argument_errors();
    test_env env;
    if (test_env_load(&env)) test_against_emulator(&env);
    return test_finish();
}
