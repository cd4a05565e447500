/* SPDX-License-Identifier: MIT */
/* Shared by the Batch and migration C tests, on top of capi_control.h: files, thumbprints, set-up. */
#ifndef CAPI_BATCH_UTIL_H
#define CAPI_BATCH_UTIL_H

#include "capi_control.h"

#include <strings.h>

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
