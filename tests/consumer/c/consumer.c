/* SPDX-License-Identifier: MIT */
/* A C program built outside the tree against the installed libkvbridge-c (pkg-config kvbridge-c, or
 * CMake's kvbridge::kvbridge-c): checks the library's version against the header's, then sets and
 * reads a secret on the emulator that with_emulator.sh started. */
#include <kvbridge/kvbridge.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char* what) {
    const kvb_error* e = kvb_error_last();
    fprintf(stderr, "consumer (C): %s failed: %d %s\n", what, e->status, e->message ? e->message : "");
    return 1;
}

int main(void) {
    const char* ca = getenv("KVB_EMULATOR_CA");
    const char* authority = getenv("KVB_AUTHORITY_HOST");
    const char* port = getenv("KVB_EMULATOR_PORT");
    if (ca == NULL || authority == NULL || port == NULL) {
        fprintf(stderr, "consumer (C): run through with_emulator.sh\n");
        return 1;
    }
    if (kvb_version_num() != KVB_VERSION_NUM || kvb_abi_version() != KVB_ABI_VERSION) {
        fprintf(stderr, "consumer (C): header %x / library %x\n", KVB_VERSION_NUM, kvb_version_num());
        return 1;
    }
    kvb_client_options options;
    kvb_client_options_init(&options, KVB_CLIENT_OPTIONS_VERSION);
    options.ca_file = ca;
    options.authority_host = authority;
    char vault[128];
    snprintf(vault, sizeof vault, "https://consumer-c.vault.localhost:%s", port);

    kvb_credential* credential = NULL;
    kvb_secret_client* client = NULL;
    kvb_secret* stored = NULL;
    kvb_secret* read = NULL;
    int status = 1;
    if (kvb_credential_new_client_secret(&credential, "11111111-2222-3333-4444-555555555555",
                                         "aaaaaaaa-bbbb-cccc-dddd-000000000001", "emulator-client-secret",
                                         &options) != KVB_OK) {
        status = fail("credential");
    } else if (kvb_secret_client_new(&client, vault, credential, &options) != KVB_OK) {
        status = fail("secret client");
    } else if (kvb_secret_client_set_secret(&stored, client, "from-c", "consumer-value", NULL) != KVB_OK) {
        status = fail("set secret");
    } else if (kvb_secret_client_get_secret(&read, client, "from-c", NULL, NULL) != KVB_OK) {
        status = fail("get secret");
    } else if (strcmp(kvb_secret_value(read), "consumer-value") != 0) {
        fprintf(stderr, "consumer (C): read back a different value\n");
    } else {
        printf("consumer (C): libkvbridge-c %s, secret round trip ok\n", kvb_version_string());
        status = 0;
    }
    kvb_secret_free(read);
    kvb_secret_free(stored);
    kvb_secret_client_free(client);
    kvb_credential_free(credential);
    return status;
}
