/* SPDX-License-Identifier: MIT */
/* CertificateClient and kvb_certificate from C, against the emulator. */
#include "capi_control.h"
#include "capi_test_ca.h"

#include <time.h>

static void test_argument_errors(void) {
    int not_a_handle = 42;
    const kvb_certificate_client* bad = (const kvb_certificate_client*)&not_a_handle;
    kvb_certificate* cert = NULL;
    kvb_string s = {NULL, 0};
    kvb_json_pager* pager = NULL;
    const uint8_t b[4] = {1, 2, 3, 4};
    kvb_certificate_client* client = NULL;
    CHECK(kvb_certificate_client_new(&client, "https://a.vault.localhost:1", NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_create_certificate(&s, NULL, "c", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_wait_certificate_operation(&s, bad, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_certificate_operation(&s, bad, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_cancel_certificate_operation(&s, NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_delete_certificate_operation(&s, NULL, "c") == KVB_E_WRONG_HANDLE);
    const uint8_t* chain[1] = {b};
    const size_t chain_sizes[1] = {4};
    CHECK(kvb_certificate_client_merge_certificate(&cert, NULL, "c", chain, chain_sizes, 1, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_import_certificate(&cert, NULL, "c", b, 4, NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_certificate(&cert, NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_certificate_version(&cert, NULL, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_update_certificate_properties(&cert, NULL, "c", NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_certificate_policy(&s, NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_update_certificate_policy(&s, NULL, "c", "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_list_certificates(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_list_certificate_versions(&pager, NULL, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_download_certificate(&s, NULL, NULL, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_delete_certificate(NULL, NULL, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_recover_deleted_certificate(NULL, NULL, "c", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_deleted_certificate(&s, NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_list_deleted_certificates(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_purge_deleted_certificate(NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_backup_certificate(&s, NULL, "c") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_restore_certificate_backup(&cert, NULL, b, 4) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_create_issuer(&s, NULL, "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_issuer(&s, NULL, "i") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_update_issuer(&s, NULL, "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_delete_issuer(&s, NULL, "i") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_list_issuers(&pager, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_set_contacts(&s, NULL, "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_contacts(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_get_contacts(NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_certificate_client_delete_contacts(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(cert == NULL && pager == NULL && s.ptr == NULL);
    const uint8_t* der = NULL;
    size_t size = 0;
    CHECK(kvb_certificate_cer(&der, &size, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_to_json(&s, (const kvb_certificate*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(strcmp(kvb_certificate_id(NULL), "") == 0);
    CHECK(strcmp(kvb_certificate_name(NULL), "") == 0);
    CHECK(strcmp(kvb_certificate_version(NULL), "") == 0);
    CHECK(strcmp(kvb_certificate_x5t(NULL), "") == 0);
    CHECK(strcmp(kvb_certificate_secret_id(NULL), "") == 0);
    CHECK(strcmp(kvb_certificate_key_id((const kvb_certificate*)&not_a_handle), "") == 0);
    kvb_certificate_free(NULL);
    kvb_certificate_client_free(NULL);
    int64_t value = 0;
    int present = 0;
    const char *name = NULL, *tag = NULL;
    CHECK(kvb_certificate_attribute(&value, &present, NULL, KVB_ATTRIBUTE_ENABLED) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_tag(&name, &tag, (const kvb_certificate*)&not_a_handle, 0) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_tag_count(NULL) == 0);
    CHECK(strcmp(kvb_certificate_recovery_level(NULL), "") == 0);
    kvb_certificate_list_options pending = KVB_CERTIFICATE_LIST_OPTIONS_INIT;
    pending.include_pending = 1;
    CHECK(kvb_certificate_client_list_certificates(&pager, bad, &pending) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_certificate_client_list_deleted_certificates(&pager, bad, &pending) == KVB_E_WRONG_HANDLE);
    CHECK(pager == NULL);
}

/**
 * The policy of @p name as the service answers it, every member there: its id, the times it was
 * made within [@p made_after, @p made_before], basic constraints with cA @p ca.
 */
static void check_policy_document(const char* json, const char* vault_url, const char* name,
                                  long long made_after, long long made_before, int ca) {
    char expected[256];
    snprintf(expected, sizeof expected, "\"id\":\"%s/certificates/%s/policy\"", vault_url, name);
    CHECK(json && strstr(json, expected) != NULL);
    CHECK(json && strstr(json, ca ? "\"certificateAuthority\":true" : "\"certificateAuthority\":false"));
    long long created = 0, updated = 0;
    CHECK(json_int_member(json, "createdOn", &created));
    CHECK(created >= made_after && created <= made_before);
    CHECK(json_int_member(json, "updatedOn", &updated));
    CHECK(updated >= created && updated <= (long long)time(NULL));
    CHECK(json && strstr(json, "\"enabled\":true") != NULL);
    /* one naming: the C++ model's, never the REST policy's */
    CHECK(json && strstr(json, "_props") == NULL && strstr(json, "basic_constraints") == NULL);
}

/* A self-signed CA imported as PEM: its policy reports cA true, read from the certificate. */
static void test_ca_policy(kvb_certificate_client* client, const char* url) {
    char* pem = ca_self_signed_pem("capi-ca");
    CHECK(pem != NULL);
    if (!pem) return;
    const long long before = (long long)time(NULL);
    kvb_certificate* cert = NULL;
    CHECK(kvb_certificate_client_import_certificate(&cert, client, "capi-ca", (const uint8_t*)pem,
                                                    strlen(pem), NULL, NULL) == KVB_OK);
    free(pem);
    kvb_string json = {NULL, 0};
    CHECK(kvb_certificate_to_json(&json, cert) == KVB_OK);
    check_policy_document(json.ptr, url, "capi-ca", before, (long long)time(NULL), 1);
    kvb_string_dispose(&json);
    kvb_certificate_free(cert);
    CHECK(kvb_certificate_client_get_certificate_policy(&json, client, "capi-ca") == KVB_OK);
    check_policy_document(json.ptr, url, "capi-ca", before, (long long)time(NULL), 1);
    kvb_string_dispose(&json);
}

/* Attributes and tags of a certificate through the accessors; @p tag_value of its one tag "stage". */
static void check_certificate_attributes(const kvb_certificate* cert, const char* tag_value) {
    int64_t value = 0, created = 0;
    int present = 0;
    CHECK(kvb_certificate_attribute(&value, &present, cert, KVB_ATTRIBUTE_ENABLED) == KVB_OK);
    CHECK(present == 1 && value == 1);
    CHECK(kvb_certificate_attribute(&created, &present, cert, KVB_ATTRIBUTE_CREATED_ON) == KVB_OK);
    CHECK(present == 1 && created > 1700000000LL);
    /* the self-signed certificate's validity, taken from the X.509 certificate */
    int64_t not_before = 0, expires_on = 0;
    CHECK(kvb_certificate_attribute(&not_before, &present, cert, KVB_ATTRIBUTE_NOT_BEFORE) == KVB_OK);
    CHECK(present == 1 && not_before > 1700000000LL);
    CHECK(kvb_certificate_attribute(&expires_on, &present, cert, KVB_ATTRIBUTE_EXPIRES_ON) == KVB_OK);
    CHECK(present == 1 && expires_on > not_before);
    CHECK(kvb_certificate_attribute(&value, &present, cert, KVB_ATTRIBUTE_RECOVERABLE_DAYS) == KVB_OK);
    CHECK(present == 1 && value == 90);
    CHECK(kvb_certificate_attribute(&value, &present, cert, KVB_ATTRIBUTE_MANAGED) == KVB_OK);
    CHECK(present == 0 && value == 0);
    CHECK(kvb_certificate_attribute(&value, &present, cert, 7) == KVB_E_INVALID_ARGUMENT);
    CHECK(strcmp(kvb_certificate_recovery_level(cert), "Recoverable+Purgeable") == 0);
    CHECK(kvb_certificate_tag_count(cert) == 1);
    const char *name = NULL, *tag = NULL;
    CHECK(kvb_certificate_tag(&name, &tag, cert, 0) == KVB_OK);
    CHECK(name && tag && strcmp(name, "stage") == 0 && strcmp(tag, tag_value) == 0);
    CHECK(kvb_certificate_tag(&name, &tag, cert, 1) == KVB_E_INVALID_ARGUMENT);
}

/*
 * A second version of capi-cert: its secret names the first as previousVersion, and its key and
 * secret are managed by the vault.
 */
static void test_certificate_secret_and_key(const test_env* env, kvb_credential* cred, const char* url,
                                            kvb_certificate_client* client, const char* first_version) {
    CHECK(kvb_certificate_client_create_certificate(NULL, client, "capi-cert", NULL, NULL) == KVB_OK);
    CHECK(kvb_certificate_client_wait_certificate_operation(NULL, client, "capi-cert", NULL) == KVB_OK);
    kvb_secret_client* secrets = NULL;
    CHECK(kvb_secret_client_new(&secrets, url, cred, &env->options) == KVB_OK);
    kvb_secret* secret = NULL;
    CHECK(kvb_secret_client_get_secret(&secret, secrets, "capi-cert", NULL, NULL) == KVB_OK);
    kvb_string json = {NULL, 0};
    CHECK(kvb_secret_to_json(&json, secret) == KVB_OK);
    char expected[128];
    snprintf(expected, sizeof expected, "\"previousVersion\":\"%s\"", first_version);
    CHECK(has_text(&json, expected));
    CHECK(strcmp(kvb_secret_version(secret), first_version) != 0);
    kvb_string_dispose(&json);
    int64_t managed = 0;
    int present = 0;
    CHECK(kvb_secret_attribute(&managed, &present, secret, KVB_ATTRIBUTE_MANAGED) == KVB_OK);
    CHECK(present == 1 && managed == 1);
    kvb_secret_free(secret);
    /* the first version's secret follows none */
    CHECK(kvb_secret_client_get_secret(&secret, secrets, "capi-cert", first_version, NULL) == KVB_OK);
    CHECK(kvb_secret_to_json(&json, secret) == KVB_OK);
    CHECK(!has_text(&json, "previousVersion"));
    kvb_string_dispose(&json);
    kvb_secret_free(secret);
    kvb_secret_client_free(secrets);

    kvb_key_client* keys = NULL;
    CHECK(kvb_key_client_new(&keys, url, cred, &env->options) == KVB_OK);
    kvb_key* key = NULL;
    CHECK(kvb_key_client_get_key(&key, keys, "capi-cert", NULL) == KVB_OK);
    CHECK(kvb_key_attribute(&managed, &present, key, KVB_ATTRIBUTE_MANAGED) == KVB_OK);
    CHECK(present == 1 && managed == 1);
    kvb_key_free(key);
    kvb_key_client_free(keys);
}

/* Page sizes reach the service: N items one per page are N requests. */
static void test_list_options(const test_env* env, kvb_certificate_client* client) {
    kvb_keyvault_list_options one = KVB_KEYVAULT_LIST_OPTIONS_INIT;
    one.max_results = 1;
    kvb_certificate_list_options one_certificate = KVB_CERTIFICATE_LIST_OPTIONS_INIT;
    one_certificate.max_results = 1;
    kvb_json_pager* pager = NULL;
    long requests = 0;
    const int all =
        listed_counting(env, "GET /certificates", &requests,
                        kvb_certificate_client_list_certificates(&pager, client, &one_certificate), &pager,
                        "\"name\":\"capi-cert\"");
    CHECK(all >= 3);
    CHECK(requests == all);
    CHECK(listed_counting(env, "GET /certificates/{}/versions", &requests,
                          kvb_certificate_client_list_certificate_versions(&pager, client, "capi-cert", &one),
                          &pager, "capi-cert") == 2);
    CHECK(requests == 2);
    const char* issuers = "GET /certificates/issuers";
    CHECK(listed_counting(env, issuers, &requests, kvb_certificate_client_list_issuers(&pager, client, &one),
                          &pager, "capi-issuer-2") == 2);
    CHECK(requests == 2);
    one.max_results = 0; /* the service's page size: one request */
    CHECK(listed_counting(env, issuers, &requests, kvb_certificate_client_list_issuers(&pager, client, &one),
                          &pager, "capi-issuer-2") == 2);
    CHECK(requests == 1);
    one_certificate.max_results = 100;
    one_certificate.include_pending = 1;
    CHECK(kvb_certificate_client_list_certificates(&pager, client, &one_certificate) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(pager == NULL);
}

static void test_pending(kvb_certificate_client* client) {
    const char* unknown = "{\"issuerName\":\"Unknown\",\"subject\":\"CN=pending\",\"keyType\":\"RSA\","
                          "\"keySize\":2048}";
    kvb_string op = {NULL, 0};
    CHECK(kvb_certificate_client_create_certificate(&op, client, "capi-pending", unknown, NULL) == KVB_OK);
    CHECK(has_text(&op, "\"status\":\"inProgress\""));
    CHECK(!has_text(&op, "\"csr\":\"\""));
    kvb_string_dispose(&op);
    CHECK(kvb_certificate_client_get_certificate_operation(&op, client, "capi-pending") == KVB_OK);
    CHECK(has_text(&op, "\"name\":\"capi-pending\""));
    kvb_string_dispose(&op);
    /* a chain that was not signed from the CSR is refused by the service */
    kvb_certificate* merged = NULL;
    const uint8_t not_signed[] = {0x30, 0x81, 0x00, 0x00};
    const uint8_t* chain[1] = {not_signed};
    const size_t sizes[1] = {sizeof not_signed};
    CHECK(kvb_certificate_client_merge_certificate(&merged, client, "capi-pending", chain, sizes, 1, NULL) <
          0);
    CHECK(kvb_error_last()->http_status >= 400);
    CHECK(merged == NULL);
    CHECK(kvb_certificate_client_merge_certificate(&merged, client, "capi-pending", chain, sizes, 0, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_certificate_client_merge_certificate(&merged, client, "capi-pending", NULL, NULL, 1, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_certificate_client_cancel_certificate_operation(&op, client, "capi-pending") == KVB_OK);
    CHECK(has_text(&op, "\"cancellationRequested\":true"));
    kvb_string_dispose(&op);
    CHECK(kvb_certificate_client_delete_certificate_operation(NULL, client, "capi-pending") == KVB_OK);
    CHECK(kvb_certificate_client_get_certificate_operation(&op, client, "capi-pending") == KVB_E_NOT_FOUND);
    CHECK(kvb_error_last()->http_status == 404);
}

/* The merge success path: the CSR of an "Unknown"-issuer creation signed by a test CA. */
static void test_merge(kvb_certificate_client* client) {
    const char* unknown = "{\"issuerName\":\"Unknown\",\"subject\":\"CN=capi-merge\",\"keyType\":\"EC\","
                          "\"keyCurveName\":\"P-256\"}";
    kvb_string op = {NULL, 0};
    CHECK(kvb_certificate_client_create_certificate(&op, client, "capi-merge", unknown, NULL) == KVB_OK);
    char* csr = json_string_member(op.ptr, "csr");
    kvb_string_dispose(&op);
    CHECK(csr != NULL && strlen(csr) > 100);
    char x5t[28] = "";
    ca_chain chain;
    CHECK(csr != NULL && ca_sign_csr(&chain, csr, x5t) == 1);
    free(csr);
    CHECK(strlen(x5t) == 27);
    kvb_certificate* merged = NULL;
    kvb_certificate_merge_options options = KVB_CERTIFICATE_MERGE_OPTIONS_INIT;
    const kvb_tag merged_tags[] = {{"merged", "yes"}};
    options.tags = merged_tags;
    options.tag_count = 1;
    CHECK(kvb_certificate_client_merge_certificate(&merged, client, "capi-merge",
                                                   (const uint8_t* const*)chain.der, chain.size, 2,
                                                   &options) == KVB_OK);
    ca_chain_free(&chain);
    CHECK(merged != NULL && kvb_certificate_tag_count(merged) == 1);
    CHECK(merged != NULL && strcmp(kvb_certificate_x5t(merged), x5t) == 0);
    CHECK(merged != NULL && strcmp(kvb_certificate_name(merged), "capi-merge") == 0);
    kvb_certificate_free(merged);
    kvb_certificate* got = NULL;
    CHECK(kvb_certificate_client_get_certificate(&got, client, "capi-merge") == KVB_OK);
    CHECK(got != NULL && strcmp(kvb_certificate_x5t(got), x5t) == 0);
    kvb_certificate_free(got);
    /* the pending operation is finished by the merge */
    CHECK(kvb_certificate_client_get_certificate_operation(&op, client, "capi-merge") == KVB_OK);
    CHECK(has_text(&op, "\"status\":\"completed\""));
    kvb_string_dispose(&op);
}

static void test_issuers_and_contacts(const test_env* env, kvb_certificate_client* client) {
    kvb_string out = {NULL, 0};
    CHECK(kvb_certificate_client_create_issuer(
              &out, client,
              "{\"name\":\"capi-issuer\",\"provider\":\"Test\",\"accountId\":\"acct-1\",\"password\":"
              "\"hunter2\","
              "\"organizationId\":\"org-9\",\"administrators\":[{\"firstName\":\"Ada\",\"lastName\":\"L\","
              "\"email\":\"ada@example.com\",\"phone\":\"1\"}],\"enabled\":true}") == KVB_OK);
    CHECK(has_text(&out, "\"provider\":\"Test\""));
    CHECK(has_text(&out, "ada@example.com"));
    CHECK(!has_text(&out, "hunter2"));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_create_issuer(NULL, client, "{\"name\":\"x\",\"password\":5}") ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_certificate_client_update_issuer(
              &out, client, "{\"name\":\"capi-issuer\",\"accountId\":\"acct-2\"}") == KVB_OK);
    CHECK(has_text(&out, "acct-2"));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_get_issuer(&out, client, "capi-issuer") == KVB_OK);
    CHECK(has_text(&out, "\"organizationId\":\"org-9\""));
    kvb_string_dispose(&out);
    kvb_json_pager* pager = NULL;
    const int issuers =
        listed(kvb_certificate_client_list_issuers(&pager, client, NULL), &pager, "\"name\":\"capi-issuer\"");
    CHECK(issuers >= 1);
    CHECK(kvb_certificate_client_create_issuer(
              NULL, client, "{\"name\":\"capi-issuer-2\",\"provider\":\"Test\"}") == KVB_OK);
    test_list_options(env, client);
    CHECK(kvb_certificate_client_delete_issuer(&out, client, "capi-issuer") == KVB_OK);
    CHECK(has_text(&out, "capi-issuer"));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_get_issuer(&out, client, "capi-issuer") == KVB_E_NOT_FOUND);

    CHECK(kvb_certificate_client_set_contacts(
              &out, client,
              "{\"contacts\":[{\"name\":\"Ops\",\"email\":\"ops@example.com\",\"phone\":\"2\"}]}") == KVB_OK);
    CHECK(has_text(&out, "ops@example.com"));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_get_contacts(&out, client) == KVB_OK);
    CHECK(has_text(&out, "\"name\":\"Ops\""));
    CHECK(has_text(&out, "/certificates/contacts\""));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_delete_contacts(&out, client) == KVB_OK);
    CHECK(has_text(&out, "ops@example.com"));
    kvb_string_dispose(&out);
    CHECK(kvb_certificate_client_set_contacts(NULL, client, "{\"contacts\":7}") == KVB_E_INVALID_ARGUMENT);
}

static void test_against_emulator(const test_env* env) {
    kvb_credential* cred = test_credential(env);
    char url[128];
    test_vault_url(url, sizeof url, env, "capicerts");
    kvb_certificate_client* client = NULL;
    CHECK(kvb_certificate_client_new(&client, url, cred, &env->options) == KVB_OK);

    /* create with the default self-signed policy, then wait for completion */
    kvb_string op = {NULL, 0};
    const long long before_create = (long long)time(NULL);
    kvb_certificate_create_options create = KVB_CERTIFICATE_CREATE_OPTIONS_INIT;
    const kvb_tag team[] = {{"team", "capi"}};
    create.tags = team;
    create.tag_count = 1;
    CHECK(kvb_certificate_client_create_certificate(&op, client, "capi-cert", NULL, &create) == KVB_OK);
    CHECK(has_text(&op, "\"name\":\"capi-cert\""));
    kvb_string_dispose(&op);
    CHECK(kvb_certificate_client_wait_certificate_operation(&op, client, "capi-cert", NULL) == KVB_OK);
    const long long after_create = (long long)time(NULL);
    CHECK(has_text(&op, "\"status\":\"completed\""));
    kvb_string_dispose(&op);
    CHECK(kvb_certificate_client_create_certificate(&op, client, "capi-cert", "{\"keySize\":\"big\"}",
                                                    NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "policy") != NULL);
    CHECK(kvb_certificate_client_wait_certificate_operation(&op, client, "bad name!", NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(op.ptr == NULL);

    kvb_certificate* cert = NULL;
    CHECK(kvb_certificate_client_get_certificate(&cert, client, "capi-cert") == KVB_OK);
    CHECK(strcmp(kvb_certificate_name(cert), "capi-cert") == 0);
    CHECK(strstr(kvb_certificate_id(cert), "/certificates/capi-cert/") != NULL);
    CHECK(strlen(kvb_certificate_x5t(cert)) == 27);
    CHECK(strstr(kvb_certificate_secret_id(cert), "/secrets/capi-cert/") != NULL);
    CHECK(strstr(kvb_certificate_key_id(cert), "/keys/capi-cert/") != NULL);
    const uint8_t* der = NULL;
    size_t der_size = 0;
    CHECK(kvb_certificate_cer(&der, &der_size, cert) == KVB_OK);
    CHECK(der_size > 100 && der[0] == 0x30);
    kvb_thumbprints tp;
    CHECK(kvb_pki_thumbprints(&tp, der, der_size, NULL) == KVB_OK);
    CHECK(strcmp(tp.x5t, kvb_certificate_x5t(cert)) == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_certificate_to_json(&json, cert) == KVB_OK);
    CHECK(has_text(&json, "\"policy\":{"));
    CHECK(has_text(&json, "\"team\":\"capi\""));
    CHECK(has_text(&json, "\"cer\":\"MII"));
    check_policy_document(strstr(json.ptr, "\"policy\":{"), url, "capi-cert", before_create, after_create, 0);
    kvb_string_dispose(&json);
    char version[64];
    snprintf(version, sizeof version, "%s", kvb_certificate_version(cert));
    kvb_certificate_free(cert);

    CHECK(kvb_certificate_client_get_certificate_version(&cert, client, "capi-cert", version) == KVB_OK);
    CHECK(strcmp(kvb_certificate_version(cert), version) == 0);
    kvb_certificate_free(cert);
    CHECK(kvb_certificate_client_get_certificate(&cert, client, "capi-nothing") == KVB_E_NOT_FOUND);
    CHECK(kvb_error_last()->http_status == 404);
    CHECK(strcmp(kvb_error_last()->service_code, "CertificateNotFound") == 0);

    kvb_certificate_update_options update = KVB_CERTIFICATE_UPDATE_OPTIONS_INIT;
    const kvb_tag stage[] = {{"stage", "2"}};
    update.tags = stage;
    update.tag_count = 1;
    CHECK(kvb_certificate_client_update_certificate_properties(&cert, client, "capi-cert", NULL, &update) ==
          KVB_OK);
    CHECK(kvb_certificate_to_json(&json, cert) == KVB_OK);
    CHECK(has_text(&json, "\"stage\":\"2\""));
    kvb_string_dispose(&json);
    check_certificate_attributes(cert, "2");
    kvb_certificate_free(cert);

    /* policy */
    CHECK(kvb_certificate_client_get_certificate_policy(&json, client, "capi-cert") == KVB_OK);
    CHECK(has_text(&json, "\"subject\":\"CN=capi-cert\""));
    CHECK(has_text(&json, "\"keyType\":\"RSA\",\"keySize\":2048"));
    check_policy_document(json.ptr, url, "capi-cert", before_create, after_create, 0);
    kvb_string_dispose(&json);
    CHECK(kvb_certificate_client_update_certificate_policy(&json, client, "capi-cert",
                                                           "{\"validityInMonths\":6}") == KVB_OK);
    CHECK(has_text(&json, "\"validityInMonths\":6"));
    check_policy_document(json.ptr, url, "capi-cert", before_create, (long long)time(NULL), 0);
    kvb_string_dispose(&json);
    test_ca_policy(client, url);

    /* download with the private key, then import it elsewhere */
    kvb_string pfx = {NULL, 0}, content_type = {NULL, 0};
    CHECK(kvb_certificate_client_download_certificate(&pfx, &content_type, client, "capi-cert", NULL) ==
          KVB_OK);
    CHECK(strcmp(content_type.ptr, "application/x-pkcs12") == 0);
    CHECK(kvb_pki_thumbprints(&tp, (const uint8_t*)pfx.ptr, pfx.size, NULL) == KVB_OK);
    CHECK(tp.has_private_key == 1);
    kvb_string_dispose(&content_type);
    kvb_certificate_import_options import = KVB_CERTIFICATE_IMPORT_OPTIONS_INIT;
    const kvb_tag source[] = {{"src", "pfx"}};
    import.tags = source;
    import.tag_count = 1;
    import.reencode = KVB_PFX_REENCODE_AES256;
    CHECK(kvb_certificate_client_import_certificate(&cert, client, "capi-imported", (const uint8_t*)pfx.ptr,
                                                    pfx.size, NULL, &import) == KVB_OK);
    CHECK(kvb_certificate_tag_count(cert) == 1);
    CHECK(strcmp(kvb_certificate_x5t(cert), tp.x5t) == 0);
    kvb_certificate_free(cert);
    kvb_string_dispose(&pfx);
    const uint8_t garbage[] = {1, 2, 3, 4, 5};
    CHECK(kvb_certificate_client_import_certificate(&cert, client, "capi-imported", garbage, sizeof garbage,
                                                    "pw", NULL) == KVB_E_CRYPTO);
    CHECK(kvb_certificate_client_import_certificate(&cert, client, "capi-imported", NULL, 0, NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    import.reencode = 13;
    CHECK(kvb_certificate_client_import_certificate(&cert, client, "capi-imported", garbage, 5, NULL,
                                                    &import) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "reencode") != NULL);

    /* The certificate's secret as PEM, through the secret client (api-version 2026-04-01). */
    kvb_secret_client* secrets = NULL;
    CHECK(kvb_secret_client_new(&secrets, url, cred, &env->options) == KVB_OK);
    kvb_secret* pem = NULL;
    kvb_secret_get_options as_pem = KVB_SECRET_GET_OPTIONS_INIT;
    as_pem.out_content_type = "application/x-pem-file";
    CHECK(kvb_secret_client_get_secret(&pem, secrets, "capi-cert", NULL, &as_pem) == KVB_OK);
    CHECK(strstr(kvb_secret_value(pem), "-----BEGIN CERTIFICATE-----") != NULL);
    kvb_secret_free(pem);
    kvb_secret_client_free(secrets);

    /* pagers */
    kvb_json_pager* pager = NULL;
    CHECK(listed(kvb_certificate_client_list_certificates(&pager, client, NULL), &pager,
                 "\"name\":\"capi-imported\"") >= 2);
    CHECK(listed(kvb_certificate_client_list_certificate_versions(&pager, client, "capi-cert", NULL), &pager,
                 version) == 1);
    test_certificate_secret_and_key(env, cred, url, client, version);

    test_pending(client);
    test_merge(client);
    test_issuers_and_contacts(env, client);

    /* backup, delete, deleted views, recover, purge, restore */
    kvb_string backup = {NULL, 0};
    CHECK(kvb_certificate_client_backup_certificate(&backup, client, "capi-imported") == KVB_OK);
    CHECK(backup.size > 0);
    CHECK(kvb_certificate_client_delete_certificate(&json, client, "capi-imported", NULL) == KVB_OK);
    CHECK(has_text(&json, "\"recoveryId\""));
    kvb_string_dispose(&json);
    CHECK(kvb_certificate_client_get_deleted_certificate(&json, client, "capi-imported") == KVB_OK);
    CHECK(has_text(&json, "\"deletedOn\""));
    kvb_string_dispose(&json);
    kvb_certificate_list_options with_pending = KVB_CERTIFICATE_LIST_OPTIONS_INIT;
    with_pending.include_pending = 1;
    CHECK(listed(kvb_certificate_client_list_deleted_certificates(&pager, client, &with_pending), &pager,
                 "capi-imported") >= 1);
    kvb_certificate_list_options one = KVB_CERTIFICATE_LIST_OPTIONS_INIT;
    one.max_results = 1;
    one.include_pending = 1;
    CHECK(kvb_certificate_client_delete_certificate(NULL, client, "capi-ca", NULL) == KVB_OK);
    long requests = 0;
    const int deleted = listed_counting(
        env, "GET /deletedcertificates", &requests,
        kvb_certificate_client_list_deleted_certificates(&pager, client, &one), &pager, "capi-ca");
    CHECK(deleted >= 2);
    CHECK(requests == deleted);
    CHECK(kvb_certificate_client_recover_deleted_certificate(&cert, client, "capi-imported", NULL) == KVB_OK);
    CHECK(strcmp(kvb_certificate_name(cert), "capi-imported") == 0);
    kvb_certificate_free(cert);
    CHECK(kvb_certificate_client_restore_certificate_backup(&cert, client, (const uint8_t*)backup.ptr,
                                                            backup.size) == KVB_E_CONFLICT);
    CHECK(kvb_certificate_client_delete_certificate(NULL, client, "capi-imported", NULL) == KVB_OK);
    CHECK(kvb_certificate_client_purge_deleted_certificate(client, "capi-imported") == KVB_OK);
    CHECK(kvb_certificate_client_purge_deleted_certificate(client, "capi-imported") == KVB_E_NOT_FOUND);
    CHECK(kvb_certificate_client_restore_certificate_backup(&cert, client, (const uint8_t*)backup.ptr,
                                                            backup.size) == KVB_OK);
    CHECK(strcmp(kvb_certificate_name(cert), "capi-imported") == 0);
    kvb_certificate_free(cert);
    kvb_string_dispose(&backup);
    CHECK(kvb_certificate_client_recover_deleted_certificate(NULL, client, "capi-never", NULL) ==
          KVB_E_NOT_FOUND);

    kvb_certificate_client_free(client);
    kvb_credential_free(cred);
}

int main(void) {
    return test_main(test_argument_errors, test_against_emulator);
}
