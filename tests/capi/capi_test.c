/* SPDX-License-Identifier: MIT */
/* The C ABI from plain C99: error paths a binding meets, and calls against the emulator. */
#include <kvbridge.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            ++passed;                                                                              \
        } else {                                                                                   \
            ++failed;                                                                              \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %d %s\n", __FILE__, __LINE__,   \
                    #cond, kvb_error_last()->status, kvb_error_last()->message);                   \
        }                                                                                          \
    } while (0)

static int log_lines = 0;
static void on_log(int level, const char *message, size_t length, void *payload) {
    (void)level;
    (void)message;
    (void)length;
    *(int *)payload += 1;
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
    CHECK(kvb_credential_get_token(&token, NULL, (const kvb_credential *)&not_a_handle, "s", NULL) ==
          KVB_E_WRONG_HANDLE);
    kvb_credential_free(NULL);
    kvb_string_dispose(NULL);
    kvb_string_dispose(&token);
    kvb_free(NULL);

    CHECK(kvb_set_log_callback(on_log, 99, &log_lines) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_set_log_callback(on_log, KVB_LOG_VERBOSE, &log_lines) == KVB_OK);
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

static void test_credential_against_emulator(const char *authority, const char *ca_file) {
    kvb_client_options o;
    kvb_client_options_init(&o, KVB_CLIENT_OPTIONS_VERSION);
    o.ca_file = ca_file;
    o.authority_host = authority;
    o.max_retries = 0;

    kvb_credential *good = NULL;
    CHECK(kvb_credential_new_client_secret(&good, "11111111-2222-3333-4444-555555555555",
                                           "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                           &o) == KVB_OK);
    kvb_string token = {NULL, 0};
    int64_t expires = 0;
    CHECK(kvb_credential_get_token(&token, &expires, good, "https://vault.azure.net/.default", NULL) == KVB_OK);
    CHECK(token.size > 20);
    CHECK(expires > 1700000000);
    kvb_string_dispose(&token);
    kvb_credential_free(good);

    kvb_credential *bad = NULL;
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

int main(void) {
    test_versions_and_errors();
    test_pki();
    const char *authority = getenv("KVB_AUTHORITY_HOST");
    const char *ca = getenv("KVB_EMULATOR_CA");
    if (authority && ca) test_credential_against_emulator(authority, ca);
    else {
        fprintf(stderr, "run through with_emulator.sh\n");
        ++failed;
    }
    kvb_set_log_callback(NULL, KVB_LOG_OFF, NULL);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
