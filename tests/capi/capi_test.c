/* SPDX-License-Identifier: MIT */
/* The C ABI from plain C99: error paths a binding meets, and calls against the emulator. */
#include "capi_test_util.h"

static int log_lines = 0;
static void on_log(int level, const char* message, size_t length, void* payload) {
    (void)level;
    (void)message;
    (void)length;
    *(int*)payload += 1;
}

static void test_versions_and_errors(void) {
    CHECK(kvb_version_num() == KVB_VERSION_NUM);
    CHECK(kvb_abi_version() == KVB_ABI_VERSION);
    CHECK(strcmp(kvb_version_string(), "0.1.0") == 0);
    CHECK(kvb_error_last() != NULL);
    CHECK(kvb_error_last()->status == KVB_OK);

    /* NULL out-parameters and NULL handles are errors, never crashes. */
    CHECK(kvb_client_options_init(NULL, KVB_CLIENT_OPTIONS_VERSION) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_error_last()->status == KVB_E_INVALID_ARGUMENT);
    CHECK(strlen(kvb_error_last()->message) > 0);
    kvb_client_options o;
    CHECK(kvb_client_options_init(&o, 999) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_client_options_init(&o, KVB_CLIENT_OPTIONS_VERSION) == KVB_OK);
    CHECK(kvb_error_last()->status == KVB_OK); /* reset by every call */
    CHECK(o.verify_tls == 1);

    kvb_string token = {NULL, 0};
    CHECK(kvb_credential_get_token(&token, NULL, NULL, "scope", NULL) == KVB_E_WRONG_HANDLE);
    /* A handle of another type is refused too. */
    int not_a_handle = 42;
    CHECK(kvb_credential_get_token(&token, NULL, (const kvb_credential*)&not_a_handle, "s", NULL) ==
          KVB_E_WRONG_HANDLE);
    kvb_credential_free(NULL);
    kvb_string_dispose(NULL);
    kvb_string_dispose(&token);
    kvb_free(NULL);

    CHECK(kvb_set_log_callback(on_log, 99, &log_lines) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_set_log_callback(on_log, KVB_LOG_VERBOSE, &log_lines) == KVB_OK);
}

/*
 * Every options struct, one way: its _INIT macro and its _init function give the same defaults,
 * and _init refuses NULL and the versions it does not know.
 */
#define CHECK_OPTIONS(type, init, upper)                                                                     \
    do {                                                                                                     \
        static const type from_macro = upper##_INIT; /* static: its padding is zero too */                   \
        type from_init;                                                                                      \
        memset(&from_init, 0x5a, sizeof from_init);                                                          \
        CHECK(init(&from_init, upper##_VERSION) == KVB_OK);                                                  \
        CHECK(memcmp(&from_macro, &from_init, sizeof from_init) == 0);                                       \
        CHECK(from_init.version == upper##_VERSION);                                                         \
        CHECK(init(&from_init, 0) == KVB_E_INVALID_ARGUMENT);                                                \
        CHECK(init(&from_init, upper##_VERSION + 1) == KVB_E_INVALID_ARGUMENT);                              \
        CHECK(init(NULL, upper##_VERSION) == KVB_E_INVALID_ARGUMENT);                                        \
    } while (0)

static void test_options_idiom(void) {
    CHECK_OPTIONS(kvb_client_options, kvb_client_options_init, KVB_CLIENT_OPTIONS);
    CHECK_OPTIONS(kvb_operation_wait_options, kvb_operation_wait_options_init, KVB_OPERATION_WAIT_OPTIONS);
    CHECK_OPTIONS(kvb_keyvault_list_options, kvb_keyvault_list_options_init, KVB_KEYVAULT_LIST_OPTIONS);
    CHECK_OPTIONS(kvb_client_certificate_options, kvb_client_certificate_options_init,
                  KVB_CLIENT_CERTIFICATE_OPTIONS);
    CHECK_OPTIONS(kvb_managed_identity_options, kvb_managed_identity_options_init,
                  KVB_MANAGED_IDENTITY_OPTIONS);
    CHECK_OPTIONS(kvb_default_credential_options, kvb_default_credential_options_init,
                  KVB_DEFAULT_CREDENTIAL_OPTIONS);
    CHECK_OPTIONS(kvb_secret_set_options, kvb_secret_set_options_init, KVB_SECRET_SET_OPTIONS);
    CHECK_OPTIONS(kvb_secret_get_options, kvb_secret_get_options_init, KVB_SECRET_GET_OPTIONS);
    CHECK_OPTIONS(kvb_secret_update_options, kvb_secret_update_options_init, KVB_SECRET_UPDATE_OPTIONS);
    CHECK_OPTIONS(kvb_key_create_options, kvb_key_create_options_init, KVB_KEY_CREATE_OPTIONS);
    CHECK_OPTIONS(kvb_key_import_options, kvb_key_import_options_init, KVB_KEY_IMPORT_OPTIONS);
    CHECK_OPTIONS(kvb_key_update_options, kvb_key_update_options_init, KVB_KEY_UPDATE_OPTIONS);
    CHECK_OPTIONS(kvb_key_release_options, kvb_key_release_options_init, KVB_KEY_RELEASE_OPTIONS);
    CHECK_OPTIONS(kvb_cryptography_options, kvb_cryptography_options_init, KVB_CRYPTOGRAPHY_OPTIONS);
    CHECK_OPTIONS(kvb_certificate_create_options, kvb_certificate_create_options_init,
                  KVB_CERTIFICATE_CREATE_OPTIONS);
    CHECK_OPTIONS(kvb_certificate_merge_options, kvb_certificate_merge_options_init,
                  KVB_CERTIFICATE_MERGE_OPTIONS);
    CHECK_OPTIONS(kvb_certificate_import_options, kvb_certificate_import_options_init,
                  KVB_CERTIFICATE_IMPORT_OPTIONS);
    CHECK_OPTIONS(kvb_certificate_update_options, kvb_certificate_update_options_init,
                  KVB_CERTIFICATE_UPDATE_OPTIONS);
    CHECK_OPTIONS(kvb_certificate_list_options, kvb_certificate_list_options_init,
                  KVB_CERTIFICATE_LIST_OPTIONS);
    CHECK_OPTIONS(kvb_batch_list_options, kvb_batch_list_options_init, KVB_BATCH_LIST_OPTIONS);
    CHECK_OPTIONS(kvb_batch_get_options, kvb_batch_get_options_init, KVB_BATCH_GET_OPTIONS);
    CHECK_OPTIONS(kvb_migration_plan_options, kvb_migration_plan_options_init, KVB_MIGRATION_PLAN_OPTIONS);
    CHECK_OPTIONS(kvb_migration_execute_options, kvb_migration_execute_options_init,
                  KVB_MIGRATION_EXECUTE_OPTIONS);

    /* Options set up by neither the macro nor _init, or newer than the library, are refused with
     * nothing sent; the message names the struct. */
    kvb_secret* secret = NULL;
    kvb_secret_get_options raw;
    memset(&raw, 0, sizeof raw);
    CHECK(kvb_secret_client_get_secret(&secret, NULL, "n", NULL, &raw) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "kvb_secret_get_options.version is 0") != NULL);
    kvb_client_options client = KVB_CLIENT_OPTIONS_INIT;
    client.version = 0;
    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_environment(&cred, &client) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "kvb_client_options.version is 0") != NULL);
    client.version = KVB_CLIENT_OPTIONS_VERSION + 1;
    CHECK(kvb_credential_new_environment(&cred, &client) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "newer than this library") != NULL);
    CHECK(cred == NULL);
}

static void test_pki(void) {
    kvb_string x5t = {NULL, 0};
    CHECK(kvb_pki_hex_to_x5t(&x5t, "0123456789abcdef0123456789ABCDEF01234567") == KVB_OK);
    CHECK(x5t.ptr != NULL && strcmp(x5t.ptr, "ASNFZ4mrze8BI0VniavN7wEjRWc") == 0);
    kvb_string hex = {NULL, 0};
    CHECK(kvb_pki_x5t_to_hex(&hex, x5t.ptr) == KVB_OK);
    CHECK(hex.ptr != NULL && strcmp(hex.ptr, "0123456789ABCDEF0123456789ABCDEF01234567") == 0);
    kvb_string_dispose(&x5t);
    kvb_string_dispose(&hex);
    CHECK(x5t.ptr == NULL && x5t.size == 0);
    CHECK(kvb_pki_hex_to_x5t(&x5t, "not-hex") == KVB_E_INVALID_ARGUMENT);

    kvb_thumbprints t;
    const uint8_t garbage[] = {1, 2, 3, 4};
    CHECK(kvb_pki_thumbprints(&t, garbage, sizeof garbage, NULL) < 0);
    CHECK(kvb_pki_thumbprints(&t, NULL, 0, NULL) == KVB_E_INVALID_ARGUMENT);
}

static void test_credential_against_emulator(const char* authority, const char* ca_file) {
    kvb_client_options o;
    kvb_client_options_init(&o, KVB_CLIENT_OPTIONS_VERSION);
    o.ca_file = ca_file;
    o.authority_host = authority;
    o.max_retries = 0;

    kvb_credential* good = NULL;
    CHECK(kvb_credential_new_client_secret(&good, "11111111-2222-3333-4444-555555555555",
                                           "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                           &o) == KVB_OK);
    kvb_string token = {NULL, 0};
    int64_t expires = 0;
    CHECK(kvb_credential_get_token(&token, &expires, good, "https://vault.azure.net/.default", NULL) ==
          KVB_OK);
    CHECK(token.size > 20);
    CHECK(expires > 1700000000);
    kvb_string_dispose(&token);
    kvb_credential_free(good);

    kvb_credential* bad = NULL;
    CHECK(kvb_credential_new_client_secret(&bad, "11111111-2222-3333-4444-555555555555",
                                           "aaaaaaaa-bbbb-cccc-dddd-000000000001", "wrong-secret-value",
                                           &o) == KVB_OK);
    CHECK(kvb_credential_get_token(&token, NULL, bad, "https://vault.azure.net/.default", NULL) ==
          KVB_E_AUTHENTICATION);
    CHECK(strstr(kvb_error_last()->message, "wrong-secret-value") == NULL);
    kvb_credential_free(bad);
    CHECK(kvb_credential_new_client_secret(&bad, NULL, "c", "s", &o) == KVB_E_INVALID_ARGUMENT);
    CHECK(bad == NULL);
}

static void test_secrets_argument_errors(void) {
    kvb_secret_client* client = NULL;
    int not_a_handle = 42;
    CHECK(kvb_secret_client_new(NULL, "https://a.vault.localhost:1", NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_secret_client_new(&client, "https://a.vault.localhost:1", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(client == NULL);
    kvb_secret* secret = NULL;
    CHECK(kvb_secret_client_get_secret(&secret, NULL, "n", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_get_secret(&secret, (const kvb_secret_client*)&not_a_handle, "n", NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(secret == NULL);
    CHECK(kvb_secret_client_delete_secret(NULL, NULL, "n", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_secret_client_purge_deleted_secret(NULL, "n") == KVB_E_WRONG_HANDLE);
    kvb_json_pager* pager = NULL;
    CHECK(kvb_secret_client_list_secrets(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    kvb_string s = {NULL, 0};
    CHECK(kvb_secret_to_json(&s, (const kvb_secret*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    /* Accessors cannot fail loudly: a bad handle reads as "". */
    CHECK(strcmp(kvb_secret_value(NULL), "") == 0);
    CHECK(strcmp(kvb_secret_name((const kvb_secret*)&not_a_handle), "") == 0);
    kvb_secret_free(NULL);
    kvb_secret_free((kvb_secret*)&not_a_handle); /* not ours: ignored */
    kvb_secret_client_free(NULL);
}

static void test_secrets_against_emulator(const kvb_client_options* o, const char* port) {
    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_client_secret(&cred, "11111111-2222-3333-4444-555555555555",
                                           "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                           o) == KVB_OK);
    char url[128];
    snprintf(url, sizeof url, "https://capitest.vault.localhost:%s", port);
    kvb_secret_client* client = NULL;
    CHECK(kvb_secret_client_new(&client, url, cred, o) == KVB_OK);
    kvb_secret_client* refused = NULL;
    CHECK(kvb_secret_client_new(&refused, "http://capitest.vault.localhost", cred, o) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(refused == NULL);
    kvb_credential_free(cred); /* the client keeps its own reference */

    kvb_secret* set = NULL;
    kvb_secret_set_options text = KVB_SECRET_SET_OPTIONS_INIT;
    text.content_type = "text/plain";
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-secret", "s3cr3t value", &text) == KVB_OK);
    CHECK(strcmp(kvb_secret_name(set), "capi-secret") == 0);
    CHECK(strlen(kvb_secret_version(set)) > 0);
    CHECK(strstr(kvb_secret_id(set), "/secrets/capi-secret/") != NULL);
    kvb_secret* unset = set;
    CHECK(kvb_secret_client_set_secret(&unset, client, "bad name!", "v", NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(unset == NULL); /* *out is cleared on failure */

    kvb_secret* got = NULL;
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-secret", NULL, NULL) == KVB_OK);
    CHECK(strcmp(kvb_secret_value(got), "s3cr3t value") == 0);
    CHECK(strcmp(kvb_secret_content_type(got), "text/plain") == 0);
    CHECK(strcmp(kvb_secret_version(got), kvb_secret_version(set)) == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_secret_to_json(&json, got) == KVB_OK);
    CHECK(json.ptr != NULL && strstr(json.ptr, "\"value\":\"s3cr3t value\"") != NULL);
    CHECK(json.ptr != NULL && strstr(json.ptr, "\"contentType\":\"text/plain\"") != NULL);
    CHECK(json.ptr != NULL && strstr(json.ptr, "\"name\":\"capi-secret\"") != NULL);
    kvb_string_dispose(&json);
    kvb_secret_free(got);
    got = NULL;
    /* A specific version, and a secret without content type. */
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-secret", kvb_secret_version(set), NULL) == KVB_OK);
    kvb_secret_free(got);
    got = NULL;
    kvb_secret_free(set);
    CHECK(kvb_secret_client_set_secret(&set, client, "capi-other", "x", NULL) == KVB_OK);
    CHECK(strcmp(kvb_secret_content_type(set), "") == 0);
    kvb_secret_free(set);

    /* The list: one "secret properties" document per secret, without values. */
    kvb_json_pager* pager = NULL;
    CHECK(kvb_secret_client_list_secrets(&pager, client, NULL) == KVB_OK);
    int found = 0, count = 0, rc;
    kvb_string item = {NULL, 0};
    while ((rc = kvb_json_pager_next(&item, pager)) == KVB_OK) {
        ++count;
        if (strstr(item.ptr, "\"name\":\"capi-secret\"") != NULL) found = 1;
        CHECK(strstr(item.ptr, "s3cr3t") == NULL);
        kvb_string_dispose(&item);
    }
    CHECK(rc == KVB_ITEROVER);
    CHECK(found);
    CHECK(count >= 2);
    CHECK(kvb_json_pager_next(&item, pager) == KVB_ITEROVER);
    kvb_json_pager_free(pager);

    CHECK(kvb_secret_client_delete_secret(NULL, client, "capi-secret", NULL) == KVB_OK);
    CHECK(kvb_secret_client_get_secret(&got, client, "capi-secret", NULL, NULL) == KVB_E_NOT_FOUND);
    CHECK(got == NULL);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(strcmp(kvb_error_last()->service_code, "SecretNotFound") == 0);
    CHECK(kvb_secret_client_purge_deleted_secret(client, "capi-secret") == KVB_OK);
    CHECK(kvb_secret_client_purge_deleted_secret(client, "capi-secret") == KVB_E_NOT_FOUND);
    CHECK(kvb_secret_client_delete_secret(NULL, client, "capi-other", NULL) == KVB_OK);
    kvb_secret_client_free(client);
}

int main(void) {
    test_versions_and_errors();
    test_options_idiom();
    test_pki();
    const char* authority = getenv("KVB_AUTHORITY_HOST");
    const char* ca = getenv("KVB_EMULATOR_CA");
    const char* port = getenv("KVB_EMULATOR_PORT");
    test_secrets_argument_errors();
    if (authority && ca && port) {
        test_credential_against_emulator(authority, ca);
        kvb_client_options o = KVB_CLIENT_OPTIONS_INIT;
        o.ca_file = ca;
        o.authority_host = authority;
        o.max_retries = 0;
        test_secrets_against_emulator(&o, port);
    } else {
        fprintf(stderr, "run through with_emulator.sh\n");
        ++failed;
    }
    kvb_set_log_callback(NULL, KVB_LOG_OFF, NULL);
    return test_finish();
}
