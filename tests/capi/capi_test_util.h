/* SPDX-License-Identifier: MIT */
/* Shared by the C ABI test programs: CHECK counting, emulator settings from with_emulator.sh. */
#ifndef KVB_CAPI_TEST_UTIL_H
#define KVB_CAPI_TEST_UTIL_H

/* setenv, unsetenv, mkstemp */
#define _POSIX_C_SOURCE 200809L

#include <kvbridge/kvbridge.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                                          \
    do {                                                                                                     \
        if (cond) {                                                                                          \
            ++passed;                                                                                        \
        } else {                                                                                             \
            ++failed;                                                                                        \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %d %s\n", __FILE__, __LINE__, #cond,       \
                    kvb_error_last()->status, kvb_error_last()->message);                                    \
        }                                                                                                    \
    } while (0)

/** Does kvb_string @p s hold text containing @p needle? */
static inline int has_text(const kvb_string* s, const char* needle) {
    return s->ptr != NULL && strstr(s->ptr, needle) != NULL;
}

/** The text of the first JSON string member @p key in @p json (free() it), or NULL. */
static inline char* json_string_member(const char* json, const char* key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char* start = json ? strstr(json, pattern) : NULL;
    if (!start) return NULL;
    start += strlen(pattern);
    const char* end = strchr(start, '"');
    if (!end) return NULL;
    char* out = (char*)malloc((size_t)(end - start) + 1);
    if (!out) return NULL;
    memcpy(out, start, (size_t)(end - start));
    out[end - start] = '\0';
    return out;
}

/** The first JSON integer member @p key in @p json into @p out; 0 when there is none. */
static inline int json_int_member(const char* json, const char* key, long long* out) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char* at = json ? strstr(json, pattern) : NULL;
    if (!at) return 0;
    char* end = NULL;
    *out = strtoll(at + strlen(pattern), &end, 10);
    return end != at + strlen(pattern);
}

/** The emulator as seen by the test: CA file, authority, port (NULL when not run through it). */
typedef struct test_env {
    const char* ca;
    const char* authority;
    const char* port;
    const char* url;
    kvb_client_options options;
} test_env;

/** Read the emulator settings; 0 (and a failure counted) when the program was not run through it. */
static inline int test_env_load(test_env* env) {
    env->ca = getenv("KVB_EMULATOR_CA");
    env->authority = getenv("KVB_AUTHORITY_HOST");
    env->port = getenv("KVB_EMULATOR_PORT");
    env->url = getenv("KVB_EMULATOR_URL");
    if (!env->ca || !env->authority || !env->port || !env->url) {
        fprintf(stderr, "run through with_emulator.sh\n");
        ++failed;
        return 0;
    }
    kvb_client_options_init(&env->options, KVB_CLIENT_OPTIONS_VERSION);
    env->options.ca_file = env->ca;
    env->options.authority_host = env->authority;
    env->options.max_retries = 0;
    /* Belt and braces: nothing in these tests may ever reach the real metadata endpoint. */
    static char imds[256];
    snprintf(imds, sizeof imds, "%s/metadata/identity/oauth2/token", env->url);
    setenv("KVB_IMDS_ENDPOINT", imds, 1);
    return 1;
}

#define TEST_TENANT "11111111-2222-3333-4444-555555555555"
#define TEST_CLIENT "aaaaaaaa-bbbb-cccc-dddd-000000000001"
#define TEST_SECRET "emulator-client-secret"

/** A client secret credential for the emulator's default client. */
static inline kvb_credential* test_credential(const test_env* env) {
    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_client_secret(&cred, TEST_TENANT, TEST_CLIENT, TEST_SECRET, &env->options) ==
          KVB_OK);
    return cred;
}

/** "https://{name}.{kind}.localhost:{port}" into @p buf (kind: "vault", "batch"). */
static inline const char* service_url(char* buf, size_t size, const test_env* env, const char* name,
                                      const char* kind) {
    snprintf(buf, size, "https://%s.%s.localhost:%s", name, kind, env->port);
    return buf;
}

/** "https://{vault}.vault.localhost:{port}" into @p buf. */
static inline const char* test_vault_url(char* buf, size_t size, const test_env* env, const char* vault) {
    return service_url(buf, size, env, vault, "vault");
}

/**
 * Drain the JSON pager a list call just made (@p rc: what the call returned, @p pager: where it put
 * the pager), checking every item is a JSON object and the pager stays at its end. Returns the
 * number of items, or -1 when the call failed or no item held @p needle: CHECK it against the
 * expected count.
 */
static inline int listed(int rc, kvb_json_pager** pager, const char* needle) {
    if (rc != KVB_OK) {
        fprintf(stderr, "list call failed: %d %s\n", rc, kvb_error_last()->message);
        return -1;
    }
    int count = 0, found = 0;
    kvb_string item = {NULL, 0};
    while ((rc = kvb_json_pager_next(&item, *pager)) == KVB_OK) {
        ++count;
        if (has_text(&item, needle)) found = 1;
        CHECK(item.ptr != NULL && item.ptr[0] == '{');
        kvb_string_dispose(&item);
    }
    CHECK(rc == KVB_ITEROVER);
    CHECK(kvb_json_pager_next(&item, *pager) == KVB_ITEROVER); /* stays at the end */
    kvb_json_pager_free(*pager);
    *pager = NULL;
    if (!found) fprintf(stderr, "no listed item holds %s\n", needle);
    return found ? count : -1;
}

/** Print the tally and return the exit status. */
static inline int test_finish(void) {
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif
