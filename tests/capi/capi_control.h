/* SPDX-License-Identifier: MIT */
/* The emulator's control plane (libcurl) for the C tests that seed or inspect it, and its counters. */
#ifndef CAPI_CONTROL_H
#define CAPI_CONTROL_H

#include "capi_test_util.h"

#include <curl/curl.h>

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
static inline long emulator_control(const test_env* env, const char* path, const char* body, char** reply) {
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

/**
 * listed() that also counts into @p requests the requests of @p operation the walk made. A list
 * call sends nothing before its pager's first item, so it may be made as the argument @p rc.
 */
static inline int listed_counting(const test_env* env, const char* operation, long* requests, int rc,
                                  kvb_json_pager** pager, const char* needle) {
    const long before = emulator_operation_count(env, operation);
    const int items = listed(rc, pager, needle);
    *requests = emulator_operation_count(env, operation) - before;
    return items;
}

/**
 * The main() of a client's test program: @p argument_errors (no service needed), then, when the
 * emulator's environment is set, @p against_emulator with libcurl set up for the control plane.
 */
static inline int test_main(void (*argument_errors)(void), void (*against_emulator)(const test_env* env)) {
    argument_errors();
    test_env env;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (test_env_load(&env)) against_emulator(&env);
    curl_global_cleanup();
    return test_finish();
}

#endif /* CAPI_CONTROL_H */
