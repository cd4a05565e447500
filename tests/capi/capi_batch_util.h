/* SPDX-License-Identifier: MIT */
/* Shared by the Batch and migration C tests, on top of capi_test_util.h: the emulator's control plane, files. */
#ifndef CAPI_BATCH_UTIL_H
#define CAPI_BATCH_UTIL_H

#include "capi_test_util.h"

#include <curl/curl.h>
#include <strings.h>

/** "https://{name}.{kind}.localhost:{port}" into @p out. */
static inline void service_url(char* out, size_t size, const test_env* env, const char* name,
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
static inline long emulator_control(const test_env* env, const char* path, const char* body,
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
static inline long emulator_operation_count(const test_env* env, const char* operation) {
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
static inline const char* test_start(int argc, char** argv, test_env* env) {
    if (argc < 2 || !test_env_load(env)) {
        fprintf(stderr, "usage: %s KEYDIR, run through with_emulator.sh\n", argv[0]);
        return NULL;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return argv[1];
}

static inline int finish(void) {
    curl_global_cleanup();
    return test_finish();
}

#endif /* CAPI_BATCH_UTIL_H */
