/* SPDX-License-Identifier: MIT */
/* Shared by the Batch and migration C tests: checks, the emulator's control plane, files. */
#ifndef CAPI_BATCH_UTIL_H
#define CAPI_BATCH_UTIL_H

/* strcasecmp, mkdtemp: POSIX, beyond C99. Include this header first. */
#define _POSIX_C_SOURCE 200809L

#include <kvbridge.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/** The emulator's environment (with_emulator.sh) and client options trusting its CA. */
typedef struct emulator_env {
    const char* url;
    const char* ca;
    const char* port;
    const char* authority;
    kvb_client_options options;
} emulator_env;

static inline int emulator_env_load(emulator_env* env) {
    env->url = getenv("KVB_EMULATOR_URL");
    env->ca = getenv("KVB_EMULATOR_CA");
    env->port = getenv("KVB_EMULATOR_PORT");
    env->authority = getenv("KVB_AUTHORITY_HOST");
    if (!env->url || !env->ca || !env->port || !env->authority) {
        fprintf(stderr, "run through with_emulator.sh\n");
        return 0;
    }
    kvb_client_options_init(&env->options, KVB_CLIENT_OPTIONS_VERSION);
    env->options.ca_file = env->ca;
    env->options.authority_host = env->authority;
    env->options.max_retries = 0;
    return 1;
}

/** The emulator's default confidential client. Release with kvb_credential_free(). */
static inline kvb_credential* emulator_credential(const emulator_env* env) {
    kvb_credential* cred = NULL;
    kvb_credential_new_client_secret(&cred, "11111111-2222-3333-4444-555555555555",
                                     "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                     &env->options);
    return cred;
}

/** "https://{name}.{kind}.localhost:{port}" into @p out. */
static inline void service_url(char* out, size_t size, const emulator_env* env, const char* name,
                               const char* kind) {
    snprintf(out, size, "https://%s.%s.localhost:%s", name, kind, env->port);
}

typedef struct text_buffer {
    char* data;
    size_t size;
} text_buffer;

static inline size_t append_text(char* ptr, size_t size, size_t nmemb, void* user) {
    text_buffer* b = (text_buffer*)user;
    size_t n = size * nmemb;
    char* grown = (char*)realloc(b->data, b->size + n + 1);
    if (!grown) return 0;
    memcpy(grown + b->size, ptr, n);
    b->data = grown;
    b->size += n;
    b->data[b->size] = '\0';
    return n;
}

/**
 * A control-plane request: POST @p body (JSON) or GET when NULL, to /_emulator/@p path. Returns
 * the HTTP status (0 when no answer); the reply body goes to @p reply (free() it) unless NULL.
 */
static inline long emulator_control(const emulator_env* env, const char* path, const char* body,
                                    char** reply) {
    char url[512];
    snprintf(url, sizeof url, "%s/_emulator/%s", env->url, path);
    text_buffer b = {NULL, 0};
    long status = 0;
    CURL* curl = curl_easy_init();
    struct curl_slist* headers = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CAINFO, env->ca);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_text);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    if (body) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (reply)
        *reply = b.data;
    else
        free(b.data);
    return status;
}

/** The count of @p operation (e.g. "POST /certificates/{}/import") in the emulator's counters. */
static inline long emulator_operation_count(const emulator_env* env, const char* operation) {
    char* counters = NULL;
    long n = 0;
    if (emulator_control(env, "counters", NULL, &counters) == 200 && counters) {
        char key[256];
        snprintf(key, sizeof key, "\"%s\":", operation);
        const char* at = strstr(counters, key);
        if (at) n = strtol(at + strlen(key), NULL, 10);
    }
    free(counters);
    return n;
}

/** The bytes of @p dir/@p name (free() them), or NULL. */
static inline unsigned char* read_file(const char* dir, const char* name, size_t* size) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char* data = (unsigned char*)malloc(n > 0 ? (size_t)n : 1);
    *size = data ? fread(data, 1, (size_t)n, f) : 0;
    fclose(f);
    return data;
}

/** The SHA-1 thumbprint (upper-case hex) of the certificate in @p dir/@p name into @p out[41]. */
static inline int thumbprint_of(char out[41], const char* dir, const char* name, const char* password) {
    size_t size = 0;
    unsigned char* data = read_file(dir, name, &size);
    kvb_thumbprints t;
    int rc = data ? kvb_pki_thumbprints(&t, data, size, password) : KVB_E_INVALID_ARGUMENT;
    free(data);
    if (rc == KVB_OK) memcpy(out, t.sha1_hex, 41);
    return rc == KVB_OK;
}

/** True when the last error came from the service with @p http, @p code and a request id. */
static inline int service_error_is(int http, const char* code) {
    const kvb_error* e = kvb_error_last();
    return e->http_status == http && strcmp(e->service_code, code) == 0 && strlen(e->request_id) > 0;
}

/** The start of a test program: the emulator's environment, libcurl, and KEYDIR (argv[1]); NULL when missing.
 */
static inline const char* test_start(int argc, char** argv, emulator_env* env) {
    if (argc < 2 || !emulator_env_load(env)) {
        fprintf(stderr, "usage: %s KEYDIR, run through with_emulator.sh\n", argv[0]);
        return NULL;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return argv[1];
}

static inline int finish(void) {
    curl_global_cleanup();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

#endif /* CAPI_BATCH_UTIL_H */
