/* SPDX-License-Identifier: MIT */
/* The secret calls beyond the basics: options structs, properties, attributes and tags, versions,
 * deleted secrets, recover, backup/restore, list options and the JSON pager, against the emulator. */
#include "capi_control.h"

static void test_argument_errors(void) {
    int not_a_handle = 42;
    kvb_string s = {NULL, 0};
    kvb_json_pager* pager = NULL;
    CHECK(kvb_secret_client_update_secret_properties(&s, NULL, "n", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_list_secret_versions(&pager, (const kvb_secret_client*)&not_a_handle, "n",
                                                 NULL) == KVB_E_WRONG_HANDLE);
    CHECK(pager == NULL);
    CHECK(kvb_secret_client_list_secrets(NULL, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_client_get_deleted_secret(&s, NULL, "n") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_list_deleted_secrets(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_recover_deleted_secret(NULL, NULL, "n", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_backup_secret(&s, NULL, "n") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_restore_secret_backup(NULL, NULL, NULL, 0) == KVB_E_WRONG_HANDLE);
    kvb_secret* secret = NULL;
    CHECK(kvb_secret_client_set_secret(&secret, NULL, "n", "v", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(&s, (kvb_json_pager*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_json_pager_next(NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    kvb_json_pager_free(NULL);
    kvb_json_pager_free((kvb_json_pager*)&not_a_handle); /* not ours: ignored */

    CHECK(kvb_secret_client_delete_secret(&s, NULL, "n", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(s.ptr == NULL);
    kvb_keyvault_list_options list = KVB_KEYVAULT_LIST_OPTIONS_INIT;
    CHECK(list.version == KVB_KEYVAULT_LIST_OPTIONS_VERSION && list.max_results == 0);
    CHECK(kvb_keyvault_list_options_init(&list, 0) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_keyvault_list_options_init(&list, KVB_KEYVAULT_LIST_OPTIONS_VERSION + 1) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_keyvault_list_options_init(NULL, KVB_KEYVAULT_LIST_OPTIONS_VERSION) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_client_list_secrets(&pager, NULL, &list) == KVB_E_WRONG_HANDLE);
    CHECK(pager == NULL);

    int64_t value = 7;
    int present = 7;
    const char *name = NULL, *tag = NULL;
    CHECK(kvb_secret_attribute(&value, &present, NULL, KVB_ATTRIBUTE_ENABLED) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_attribute(&value, &present, (const kvb_secret*)&not_a_handle, 0) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_tag(&name, &tag, NULL, 0) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_tag_count(NULL) == 0);
    CHECK(strcmp(kvb_secret_recovery_level(NULL), "") == 0);
}

/* Attributes, tags and managed of a stored secret, read through the accessors. */
static void check_secret_attributes(kvb_secret* secret) {
    int64_t value = 0;
    int present = 0;
    CHECK(kvb_secret_attribute(&value, &present, secret, KVB_ATTRIBUTE_ENABLED) == KVB_OK);
    CHECK(present == 1 && value == 1);
    CHECK(kvb_secret_attribute(&value, &present, secret, KVB_ATTRIBUTE_EXPIRES_ON) == KVB_OK);
    CHECK(present == 1 && value == 4102444800LL);
    CHECK(kvb_secret_attribute(&value, &present, secret, KVB_ATTRIBUTE_NOT_BEFORE) == KVB_OK);
    CHECK(present == 0 && value == 0);
    int64_t created = 0, updated = 0;
    CHECK(kvb_secret_attribute(&created, &present, secret, KVB_ATTRIBUTE_CREATED_ON) == KVB_OK);
    CHECK(present == 1 && created > 1700000000LL);
    CHECK(kvb_secret_attribute(&updated, &present, secret, KVB_ATTRIBUTE_UPDATED_ON) == KVB_OK);
    CHECK(present == 1 && updated >= created);
    CHECK(kvb_secret_attribute(&value, &present, secret, KVB_ATTRIBUTE_RECOVERABLE_DAYS) == KVB_OK);
    CHECK(present == 1 && value == 90);
    CHECK(kvb_secret_attribute(&value, &present, secret, KVB_ATTRIBUTE_MANAGED) == KVB_OK);
    CHECK(present == 1 && value == 0);
    CHECK(kvb_secret_attribute(&value, &present, secret, 99) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_attribute(NULL, &present, secret, 0) == KVB_E_INVALID_ARGUMENT);
    CHECK(strcmp(kvb_secret_recovery_level(secret), "Recoverable+Purgeable") == 0);

    /* tags in name order */
    CHECK(kvb_secret_tag_count(secret) == 2);
    const char *name = NULL, *tag = NULL;
    CHECK(kvb_secret_tag(&name, &tag, secret, 0) == KVB_OK);
    CHECK(name && tag && strcmp(name, "owner") == 0 && strcmp(tag, "ops") == 0);
    CHECK(kvb_secret_tag(&name, &tag, secret, 1) == KVB_OK);
    CHECK(name && tag && strcmp(name, "team") == 0 && strcmp(tag, "capi") == 0);
    CHECK(kvb_secret_tag(&name, &tag, secret, 2) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_tag(NULL, &tag, secret, 0) == KVB_E_INVALID_ARGUMENT);
}

/* Page sizes reach the service: N items one per page are N requests. */
static void test_list_options(const test_env* env, kvb_secret_client* client) {
    kvb_keyvault_list_options one;
    CHECK(kvb_keyvault_list_options_init(&one, KVB_KEYVAULT_LIST_OPTIONS_VERSION) == KVB_OK);
    one.max_results = 1;
    kvb_json_pager* pager = NULL;
    long requests = 0;
    const char* versions = "GET /secrets/{}/versions";
    CHECK(listed_counting(env, versions, &requests,
                          kvb_secret_client_list_secret_versions(&pager, client, "capi-more", &one), &pager,
                          "capi-more") == 2);
    CHECK(requests == 2);
    CHECK(listed_counting(env, versions, &requests,
                          kvb_secret_client_list_secret_versions(&pager, client, "capi-more", NULL), &pager,
                          "capi-more") == 2);
    CHECK(requests == 1);

    kvb_secret* other = NULL;
    CHECK(kvb_secret_client_set_secret(&other, client, "capi-other", "x", NULL) == KVB_OK);
    kvb_secret_free(other);
    const int all =
        listed_counting(env, "GET /secrets", &requests, kvb_secret_client_list_secrets(&pager, client, &one),
                        &pager, "capi-other");
    CHECK(all >= 2);
    CHECK(requests == all);

    /* bad page sizes: refused before anything is sent */
    requests = emulator_operation_count(env, "GET /secrets");
    one.max_results = 26;
    CHECK(kvb_secret_client_list_secrets(&pager, client, &one) == KVB_E_INVALID_ARGUMENT);
    CHECK(pager == NULL);
    one.max_results = -1;
    CHECK(kvb_secret_client_list_deleted_secrets(&pager, client, &one) == KVB_E_INVALID_ARGUMENT);
    kvb_keyvault_list_options unset = {0, 1};
    CHECK(kvb_secret_client_list_secrets(&pager, client, &unset) == KVB_E_INVALID_ARGUMENT);
    CHECK(emulator_operation_count(env, "GET /secrets") == requests);
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
    kvb_secret_set_options options = KVB_SECRET_SET_OPTIONS_INIT;
    options.content_type = "text/plain";
    const kvb_tag tags[] = {{"team", "capi"}, {"owner", "ops"}};
    options.tags = tags;
    options.tag_count = 2;
    options.enabled = 1;
    options.expires_on = 4102444800LL;
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "first", &options) == KVB_OK);
    CHECK(strcmp(kvb_secret_content_type(set), "text/plain") == 0);
    check_secret_attributes(set);
    char first_version[64];
    snprintf(first_version, sizeof first_version, "%s", kvb_secret_version(set));
    kvb_secret_free(set);
    set = NULL;
    /* bad options: refused before anything is sent */
    kvb_secret_set_options bad = KVB_SECRET_SET_OPTIONS_INIT;
    const kvb_tag twice[] = {{"team", "a"}, {"team", "b"}};
    bad.tags = twice;
    bad.tag_count = 2;
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "v", &bad) == KVB_E_INVALID_ARGUMENT);
    CHECK(set == NULL);
    CHECK(strstr(kvb_error_last()->message, "tag 'team' is given twice") != NULL);
    const kvb_tag no_value[] = {{"team", NULL}};
    bad.tags = no_value;
    bad.tag_count = 1;
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "v", &bad) == KVB_E_INVALID_ARGUMENT);
    bad.tags = NULL; /* with a count */
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "v", &bad) == KVB_E_INVALID_ARGUMENT);
    bad.tag_count = 0;
    bad.enabled = 2;
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "v", &bad) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "enabled") != NULL);
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-more", "second", NULL) == KVB_OK);
    kvb_secret_free(set);

    kvb_secret* got = NULL;
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-more", first_version, NULL) == KVB_OK);
    CHECK(strcmp(kvb_secret_value(got), "first") == 0);
    check_secret_attributes(got);
    kvb_string json = {NULL, 0};
    CHECK(kvb_secret_to_json(&json, got) == KVB_OK);
    CHECK(has_text(&json, "\"team\":\"capi\""));
    kvb_string_dispose(&json);
    kvb_secret_free(got);

    /* update properties of the first version */
    kvb_secret_update_options update = KVB_SECRET_UPDATE_OPTIONS_INIT;
    update.enabled = 0;
    const kvb_tag old[] = {{"state", "old"}};
    update.tags = old;
    update.tag_count = 1;
    CHECK(kvb_secret_client_update_secret_properties(&json, client, "capi-more", first_version, &update) ==
          KVB_OK);
    CHECK(has_text(&json, "\"enabled\":false"));
    CHECK(has_text(&json, "\"state\":\"old\""));
    CHECK(has_text(&json, first_version));
    kvb_string_dispose(&json);
    /* tags given with a count of 0 remove them all; unset ones leave them be */
    update.enabled = KVB_UNSET;
    update.tag_count = 0;
    CHECK(kvb_secret_client_update_secret_properties(&json, client, "capi-more", first_version, &update) ==
          KVB_OK);
    CHECK(has_text(&json, "\"tags\":{}"));
    CHECK(has_text(&json, "\"enabled\":false"));
    kvb_string_dispose(&json);
    kvb_secret_update_options content = KVB_SECRET_UPDATE_OPTIONS_INIT;
    content.content_type = "x";
    CHECK(kvb_secret_client_update_secret_properties(NULL, client, "capi-more", NULL, &content) == KVB_OK);

    /* versions and properties pagers */
    kvb_json_pager* pager = NULL;
    CHECK(listed(kvb_secret_client_list_secret_versions(&pager, client, "capi-more", NULL), &pager,
                 first_version) == 2);
    CHECK(listed(kvb_secret_client_list_secrets(&pager, client, NULL), &pager, "\"name\":\"capi-more\"") >=
          1);
    test_list_options(env, client);

    /* backup, delete, deleted views, recover */
    kvb_string backup = {NULL, 0};
    CHECK(kvb_secret_client_backup_secret(&backup, client, "capi-more") == KVB_OK);
    CHECK(backup.size > 0);
    CHECK(kvb_secret_client_delete_secret(&json, client, "capi-more", NULL) == KVB_OK);
    char expected[256];
    snprintf(expected, sizeof expected, "\"recoveryId\":\"%s/deletedsecrets/capi-more\"", url);
    CHECK(has_text(&json, expected));
    CHECK(has_text(&json, "\"name\":\"capi-more\""));
    CHECK(has_text(&json, "\"contentType\":\"x\"")); /* the latest version, updated above */
    long long deleted_on = 0, purge_on = 0;
    CHECK(json_int_member(json.ptr, "deletedOn", &deleted_on) && deleted_on > 1700000000LL);
    CHECK(json_int_member(json.ptr, "scheduledPurgeDate", &purge_on) && purge_on - deleted_on == 90 * 86400);
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_get_deleted_secret(&json, client, "capi-more") == KVB_OK);
    CHECK(has_text(&json, expected));
    CHECK(has_text(&json, "\"deletedOn\""));
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_delete_secret(&json, client, "capi-more", NULL) == KVB_E_NOT_FOUND);
    CHECK(json.ptr == NULL);
    CHECK(listed(kvb_secret_client_list_deleted_secrets(&pager, client, NULL), &pager, "capi-more") >= 1);
    CHECK(kvb_secret_client_recover_deleted_secret(&json, client, "capi-more", NULL) == KVB_OK);
    CHECK(has_text(&json, "\"name\":\"capi-more\""));
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-more", NULL, NULL) == KVB_OK);
    CHECK(strcmp(kvb_secret_value(got), "second") == 0);
    kvb_secret_free(got);

    /* restore needs the name gone for good */
    CHECK(kvb_secret_client_restore_secret_backup(&json, client, (const uint8_t*)backup.ptr, backup.size) ==
          KVB_E_CONFLICT);
    CHECK(kvb_error_last()->http_status == 409);
    CHECK(kvb_secret_client_delete_secret(NULL, client, "capi-more", NULL) == KVB_OK); /* not wanted */
    CHECK(kvb_secret_client_purge_deleted_secret(client, "capi-more") == KVB_OK);
    CHECK(kvb_secret_client_restore_secret_backup(&json, client, (const uint8_t*)backup.ptr, backup.size) ==
          KVB_OK);
    CHECK(has_text(&json, "\"name\":\"capi-more\""));
    kvb_string_dispose(&json);
    kvb_string_dispose(&backup);
    CHECK(kvb_secret_client_delete_secret(NULL, client, "capi-more", NULL) == KVB_OK);
    CHECK(kvb_secret_client_get_deleted_secret(&json, client, "capi-more") == KVB_OK);
    kvb_string_dispose(&json);
    CHECK(kvb_secret_client_restore_secret_backup(NULL, client, NULL, 5) == KVB_E_INVALID_ARGUMENT);

    /* service errors carry the code and status */
    CHECK(kvb_secret_client_get_deleted_secret(&json, client, "capi-never") == KVB_E_NOT_FOUND);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(strlen(kvb_error_last()->service_code) > 0);
    CHECK(kvb_secret_client_recover_deleted_secret(NULL, client, "capi-never", NULL) == KVB_E_NOT_FOUND);
    CHECK(kvb_secret_client_backup_secret(&backup, client, "capi-never") == KVB_E_NOT_FOUND);
    CHECK(kvb_secret_client_list_secret_versions(&pager, client, "bad name!", NULL) ==
          KVB_E_INVALID_ARGUMENT);
    kvb_secret_client_free(client);
}

int main(void) {
    return test_main(test_argument_errors, test_against_emulator);
}
