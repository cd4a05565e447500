/* SPDX-License-Identifier: MIT */
/* The C calls that wait for a long-running operation: kvb_operation_wait_options, KVB_E_TIMEOUT,
 * and the pace of their polls as the emulator counts them (bounds, never speeds). */
#include "capi_control.h"

#include <time.h>

static const char* const kUnknownIssuer = "{\"subject\":\"CN=forever\",\"issuerName\":\"Unknown\"}";

/** Requests the emulator counted under byOperation @p operation since the last counters/reset. */
static long operation_count(const test_env* env, const char* operation) {
    char* counters = NULL;
    long n = -1;
    char key[128];
    snprintf(key, sizeof key, "\"%s\":", operation);
    if (emulator_control(env, "counters", NULL, &counters) == 200 && counters) {
        const char* at = strstr(counters, key);
        n = at ? strtol(at + strlen(key), NULL, 10) : 0;
    }
    free(counters);
    return n;
}

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_options(void) {
    kvb_operation_wait_options o;
    const kvb_operation_wait_options init = KVB_OPERATION_WAIT_OPTIONS_INIT;
    memset(&o, 0xff, sizeof o);
    CHECK(kvb_operation_wait_options_init(&o, KVB_OPERATION_WAIT_OPTIONS_VERSION) == KVB_OK);
    CHECK(o.version == KVB_OPERATION_WAIT_OPTIONS_VERSION);
    CHECK(o.interval_ms == 1000 && o.timeout_ms == 600000);
    CHECK(memcmp(&o, &init, sizeof o) == 0);
    CHECK(kvb_operation_wait_options_init(&o, 0) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_operation_wait_options_init(&o, KVB_OPERATION_WAIT_OPTIONS_VERSION + 1) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_operation_wait_options_init(NULL, KVB_OPERATION_WAIT_OPTIONS_VERSION) ==
          KVB_E_INVALID_ARGUMENT);
}

static void test_unknown_issuer_times_out(const test_env* env, kvb_certificate_client* client) {
    kvb_operation_wait_options wait = KVB_OPERATION_WAIT_OPTIONS_INIT;
    kvb_string op = {NULL, 0};

    CHECK(kvb_certificate_client_create_certificate(NULL, client, "capi-forever", kUnknownIssuer, NULL) ==
          KVB_OK);

    /* Options not set up by their _init are refused before anything is sent. */
    kvb_operation_wait_options raw;
    memset(&raw, 0, sizeof raw);
    CHECK(emulator_control(env, "counters/reset", "{}", NULL) == 200);
    CHECK(kvb_certificate_client_wait_certificate_operation(&op, client, "capi-forever", &raw) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "kvb_operation_wait_options") != NULL);
    CHECK(operation_count(env, "GET /certificates/{}/pending") == 0);

    wait.timeout_ms = 2000;
    const double start = seconds_now();
    CHECK(kvb_certificate_client_wait_certificate_operation(&op, client, "capi-forever", &wait) ==
          KVB_E_TIMEOUT);
    const double elapsed = seconds_now() - start;
    const kvb_error* e = kvb_error_last();
    static const char* const kSaid = "creation of certificate 'capi-forever' is not done after ";
    const char* said = strstr(e->message, kSaid);
    CHECK(e->status == KVB_E_TIMEOUT);
    CHECK(said != NULL);
    CHECK(op.ptr == NULL);
    /* The wait ended within the timeout and one interval, as the error says; the whole call not an
     * unbounded time later. */
    CHECK(said != NULL &&
          strtod(said + strlen(kSaid), NULL) <= (wait.timeout_ms + wait.interval_ms) / 1000.0);
    CHECK(elapsed < 13.0);
    const long gets = operation_count(env, "GET /certificates/{}/pending");
    CHECK(gets >= 1 && gets <= 3);
    /* The operation goes on at the service. */
    CHECK(kvb_certificate_client_get_certificate_operation(&op, client, "capi-forever") == KVB_OK);
    CHECK(has_text(&op, "\"inProgress\""));
    kvb_string_dispose(&op);
}

static void test_paced_delete_and_recover(const test_env* env, kvb_secret_client* secrets,
                                          kvb_key_client* keys) {
    kvb_secret* secret = NULL;
    kvb_key* key = NULL;
    kvb_string json = {NULL, 0};
    CHECK(emulator_control(env, "config", "{\"softDeleteDelayMs\":3000}", NULL) == 200);

    CHECK(kvb_secret_client_set_secret(&secret, secrets, "capi-slow", "v", NULL) == KVB_OK);
    kvb_secret_free(secret);
    CHECK(emulator_control(env, "counters/reset", "{}", NULL) == 200);
    CHECK(kvb_secret_client_delete_secret(NULL, secrets, "capi-slow", NULL) == KVB_OK);
    /* Polls at 0, 1, 2, 3 s and perhaps once more, where 100 ms steps would make 30. */
    long gets = operation_count(env, "GET /deletedsecrets/{}");
    CHECK(gets >= 2 && gets <= 5);

    CHECK(emulator_control(env, "counters/reset", "{}", NULL) == 200);
    CHECK(kvb_secret_client_recover_deleted_secret(&json, secrets, "capi-slow", NULL) == KVB_OK);
    kvb_string_dispose(&json);
    gets = operation_count(env, "GET /secrets/{}/");
    CHECK(gets >= 2 && gets <= 5);

    /* A timeout shorter than the delete: KVB_E_TIMEOUT, and the deletion still happens. */
    kvb_operation_wait_options wait = KVB_OPERATION_WAIT_OPTIONS_INIT;
    wait.timeout_ms = 500;
    CHECK(kvb_key_client_create_key(&key, keys, "capi-slow", "RSA", NULL) == KVB_OK);
    kvb_key_free(key);
    CHECK(kvb_key_client_delete_key(&json, keys, "capi-slow", &wait) == KVB_E_TIMEOUT);
    CHECK(strstr(kvb_error_last()->message, "deletion of key 'capi-slow'") != NULL);
    CHECK(json.ptr == NULL);
    int rc = KVB_E_NOT_FOUND;
    for (int i = 0; i < 100 && rc == KVB_E_NOT_FOUND; ++i) {
        const struct timespec pause = {0, 100 * 1000 * 1000};
        nanosleep(&pause, NULL);
        rc = kvb_key_client_get_deleted_key(&json, keys, "capi-slow");
    }
    CHECK(rc == KVB_OK);
    kvb_string_dispose(&json);
    CHECK(emulator_control(env, "config", "{\"softDeleteDelayMs\":0}", NULL) == 200);
}

int main(void) {
    test_env env;
    test_options();
    if (!test_env_load(&env)) return test_finish();
    kvb_credential* cred = test_credential(&env);
    char url[256];
    test_vault_url(url, sizeof url, &env, "capi-waits");
    kvb_certificate_client* certificates = NULL;
    kvb_secret_client* secrets = NULL;
    kvb_key_client* keys = NULL;
    CHECK(kvb_certificate_client_new(&certificates, url, cred, &env.options) == KVB_OK);
    CHECK(kvb_secret_client_new(&secrets, url, cred, &env.options) == KVB_OK);
    CHECK(kvb_key_client_new(&keys, url, cred, &env.options) == KVB_OK);
    test_unknown_issuer_times_out(&env, certificates);
    test_paced_delete_and_recover(&env, secrets, keys);
    kvb_key_client_free(keys);
    kvb_secret_client_free(secrets);
    kvb_certificate_client_free(certificates);
    kvb_credential_free(cred);
    return test_finish();
}
