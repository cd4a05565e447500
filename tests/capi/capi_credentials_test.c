/* SPDX-License-Identifier: MIT */
/* Credentials and transport options from C: client certificate (file and bytes), managed
 * identity (IMDS and App Service styles), environment, default chain and Batch shared key, all
 * against the emulator on loopback (the metadata endpoint is always pointed at it). */
#include "capi_control.h"

#include <stddef.h>
#include <unistd.h>

#define VAULT_SCOPE "https://vault.azure.net/.default"
#define CERT_CLIENT "cccccccc-0000-0000-0000-00000000c0de"
#define BATCH_KEY "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE="

/* Register @p cert_pem for CERT_CLIENT with the emulator's control plane; 1 on success. */
static int register_certificate(const test_env* env, const char* cert_pem) {
    size_t len = strlen(cert_pem);
    char* body = malloc(len * 2 + 128);
    char* o = body + sprintf(body, "{\"clientId\":\"%s\",\"certificatePem\":\"", CERT_CLIENT);
    for (const char* p = cert_pem; *p; ++p) {
        if (*p == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else if (*p != '\r') {
            *o++ = *p;
        }
    }
    strcpy(o, "\"}");
    long status = emulator_control(env, "entra/clients", body, NULL);
    free(body);
    return status >= 200 && status < 300;
}

static int token_works(const kvb_credential* cred) {
    kvb_string token = {NULL, 0};
    int64_t expires = 0;
    int rc = kvb_credential_get_token(&token, &expires, cred, VAULT_SCOPE, NULL);
    int ok = rc == KVB_OK && token.size > 20 && expires > 1700000000;
    kvb_string_dispose(&token);
    return ok;
}

static void test_options(void) {
    kvb_client_options o;
    memset(&o, 0x5a, sizeof o);
    CHECK(kvb_client_options_init(&o, KVB_CLIENT_OPTIONS_VERSION) == KVB_OK);
    CHECK(o.version == 2 && o.http2 == 1 && o.total_timeout_ms == 0 && o.max_idle_connections == 0);
    /* A version-1 caller's struct ends before the v2 fields: they are not touched. */
    memset(&o, 0x5a, sizeof o);
    CHECK(kvb_client_options_init(&o, 1) == KVB_OK);
    CHECK(o.version == 1 && o.verify_tls == 1 && o.authority_host == NULL);
    CHECK(o.http2 == 0x5a5a5a5a);
    CHECK(kvb_client_options_init(&o, 3) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_client_options_init(&o, 0) == KVB_E_INVALID_ARGUMENT);

    kvb_managed_identity_options mi;
    CHECK(kvb_managed_identity_options_init(&mi, KVB_MANAGED_IDENTITY_OPTIONS_VERSION) == KVB_OK);
    CHECK(mi.version == 1 && mi.client_id == NULL);
    CHECK(kvb_managed_identity_options_init(&mi, 2) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_managed_identity_options_init(NULL, 1) == KVB_E_INVALID_ARGUMENT);
    kvb_default_credential_options d;
    CHECK(kvb_default_credential_options_init(&d, KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION) == KVB_OK);
    CHECK(d.version == 1 && d.exclude_environment == 0 && d.managed_identity == NULL);
    CHECK(kvb_default_credential_options_init(&d, 0) == KVB_E_INVALID_ARGUMENT);
}

static void test_shared_key(const test_env* env) {
    kvb_credential* key = NULL;
    CHECK(kvb_credential_new_shared_key(&key, "emubatch", BATCH_KEY) == KVB_OK);
    int kind = -1;
    CHECK(kvb_credential_kind(&kind, key) == KVB_OK);
    CHECK(kind == KVB_CREDENTIAL_SHARED_KEY);
    kvb_string token = {NULL, 0};
    CHECK(kvb_credential_get_token(&token, NULL, key, VAULT_SCOPE, NULL) == KVB_E_INVALID_ARGUMENT);
    char url[128];
    kvb_secret_client* secrets = NULL;
    CHECK(kvb_secret_client_new(&secrets, test_vault_url(url, sizeof url, env, "capicred"), key,
                                &env->options) == KVB_E_INVALID_ARGUMENT);
    CHECK(secrets == NULL);
    kvb_credential_free(key);
    key = NULL;
    CHECK(kvb_credential_new_shared_key(&key, "emubatch", "not base64!!") == KVB_E_INVALID_ARGUMENT);
    CHECK(key == NULL);
    CHECK(kvb_credential_new_shared_key(&key, NULL, BATCH_KEY) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_credential_kind(&kind, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_credential_kind(NULL, NULL) == KVB_E_INVALID_ARGUMENT);

    kvb_credential* bearer = test_credential(env);
    CHECK(kvb_credential_kind(&kind, bearer) == KVB_OK);
    CHECK(kind == KVB_CREDENTIAL_TOKEN);
    kvb_credential_free(bearer);
}

static void test_managed_identity(const test_env* env) {
    char imds[256], msi[256];
    snprintf(imds, sizeof imds, "%s/metadata/identity/oauth2/token", env->url);
    snprintf(msi, sizeof msi, "%s/msi/token", env->url);
    kvb_managed_identity_options mi;
    kvb_managed_identity_options_init(&mi, KVB_MANAGED_IDENTITY_OPTIONS_VERSION);
    mi.imds_endpoint = imds;
    mi.client_id = "dddddddd-0000-0000-0000-000000000001";
    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_managed_identity(&cred, &mi, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);

    /* App Service style, with the secret header; a wrong header is refused. */
    kvb_managed_identity_options_init(&mi, KVB_MANAGED_IDENTITY_OPTIONS_VERSION);
    mi.imds_endpoint = imds;
    mi.identity_endpoint = msi;
    mi.identity_header = "emulator-identity-header";
    mi.probe_timeout_ms = 5000;
    CHECK(kvb_credential_new_managed_identity(&cred, &mi, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    mi.identity_header = "wrong-header";
    CHECK(kvb_credential_new_managed_identity(&cred, &mi, &env->options) == KVB_OK);
    kvb_string token = {NULL, 0};
    CHECK(kvb_credential_get_token(&token, NULL, cred, VAULT_SCOPE, NULL) == KVB_E_AUTHENTICATION);
    CHECK(strstr(kvb_error_last()->message, "wrong-header") == NULL);
    kvb_credential_free(cred);

    kvb_managed_identity_options_init(&mi, KVB_MANAGED_IDENTITY_OPTIONS_VERSION);
    mi.imds_endpoint = imds;
    mi.client_id = "a";
    mi.object_id = "b";
    cred = NULL;
    CHECK(kvb_credential_new_managed_identity(&cred, &mi, &env->options) == KVB_E_INVALID_ARGUMENT);
    CHECK(cred == NULL);
    mi.version = 0;
    CHECK(kvb_credential_new_managed_identity(&cred, &mi, &env->options) == KVB_E_INVALID_ARGUMENT);
}

static void test_environment_and_default(const test_env* env) {
    unsetenv("AZURE_CLIENT_SECRET");
    unsetenv("AZURE_CLIENT_CERTIFICATE_PATH");
    setenv("AZURE_TENANT_ID", TEST_TENANT, 1);
    setenv("AZURE_CLIENT_ID", TEST_CLIENT, 1);
    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_environment(&cred, &env->options) == KVB_OK);
    kvb_string token = {NULL, 0};
    CHECK(kvb_credential_get_token(&token, NULL, cred, VAULT_SCOPE, NULL) == KVB_E_AUTHENTICATION);
    CHECK(strstr(kvb_error_last()->message, "AZURE_CLIENT_SECRET") != NULL);
    kvb_credential_free(cred);
    setenv("AZURE_CLIENT_SECRET", TEST_SECRET, 1);
    CHECK(kvb_credential_new_environment(&cred, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);

    /* The chain: environment first when configured ... */
    CHECK(kvb_credential_new_default(&cred, NULL, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    /* ... then managed identity, pointed at the emulator. */
    char imds[256];
    snprintf(imds, sizeof imds, "%s/metadata/identity/oauth2/token", env->url);
    kvb_managed_identity_options mi;
    kvb_managed_identity_options_init(&mi, KVB_MANAGED_IDENTITY_OPTIONS_VERSION);
    mi.imds_endpoint = imds;
    kvb_default_credential_options chain;
    kvb_default_credential_options_init(&chain, KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION);
    chain.exclude_environment = 1;
    chain.exclude_workload_identity = 1;
    chain.exclude_azure_cli = 1;
    chain.managed_identity = &mi;
    chain.azure_cli_timeout_ms = 1000;
    CHECK(kvb_credential_new_default(&cred, &chain, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    /* Workload identity without a token file fails, and the chain says why. */
    chain.exclude_managed_identity = 1;
    chain.exclude_workload_identity = 0;
    chain.workload_tenant_id = TEST_TENANT;
    chain.workload_client_id = TEST_CLIENT;
    chain.workload_token_file_path = "/nonexistent/capi-token-file";
    CHECK(kvb_credential_new_default(&cred, &chain, &env->options) == KVB_OK);
    CHECK(kvb_credential_get_token(&token, NULL, cred, VAULT_SCOPE, NULL) == KVB_E_AUTHENTICATION);
    CHECK(strstr(kvb_error_last()->message, "WorkloadIdentityCredential") != NULL);
    kvb_credential_free(cred);
    chain.exclude_workload_identity = 1;
    cred = NULL;
    CHECK(kvb_credential_new_default(&cred, &chain, &env->options) == KVB_E_INVALID_ARGUMENT);
    CHECK(cred == NULL);
    unsetenv("AZURE_CLIENT_SECRET");
}

static void test_client_certificate(const test_env* env) {
    /* A certificate made by the vault, downloaded as PEM with its key, registered with Entra. */
    kvb_credential* bearer = test_credential(env);
    char url[128];
    kvb_certificate_client* certs = NULL;
    CHECK(kvb_certificate_client_new(&certs, test_vault_url(url, sizeof url, env, "capicred"), bearer,
                                     &env->options) == KVB_OK);
    kvb_credential_free(bearer);
    CHECK(kvb_certificate_client_create_certificate(
              NULL, certs, "capi-signer",
              "{\"issuerName\":\"Self\",\"subject\":\"CN=capi-signer\",\"keyType\":\"RSA\",\"keySize\":2048,"
              "\"exportable\":true,\"contentType\":\"application/x-pem-file\"}",
              NULL) == KVB_OK);
    CHECK(kvb_certificate_client_wait_certificate_operation(NULL, certs, "capi-signer", NULL) == KVB_OK);
    kvb_string pem = {NULL, 0};
    CHECK(kvb_certificate_client_download_certificate(&pem, NULL, certs, "capi-signer", NULL) == KVB_OK);
    kvb_certificate_client_free(certs);
    if (!has_text(&pem, "-----BEGIN CERTIFICATE-----")) {
        ++failed;
        kvb_string_dispose(&pem);
        return;
    }
    const char* begin = strstr(pem.ptr, "-----BEGIN CERTIFICATE-----");
    const char* end = strstr(begin, "-----END CERTIFICATE-----") + strlen("-----END CERTIFICATE-----");
    char* cert_only = malloc((size_t)(end - begin) + 2);
    memcpy(cert_only, begin, (size_t)(end - begin));
    strcpy(cert_only + (end - begin), "\n");
    CHECK(register_certificate(env, cert_only));
    free(cert_only);

    kvb_credential* cred = NULL;
    CHECK(kvb_credential_new_client_certificate(&cred, TEST_TENANT, CERT_CLIENT, (const uint8_t*)pem.ptr,
                                                pem.size, NULL, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    kvb_client_certificate_options chain = KVB_CLIENT_CERTIFICATE_OPTIONS_INIT;
    chain.send_chain = 1;
    CHECK(kvb_credential_new_client_certificate(&cred, TEST_TENANT, CERT_CLIENT, (const uint8_t*)pem.ptr,
                                                pem.size, &chain, &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    /* A client the certificate is not registered for is refused by Entra. */
    CHECK(kvb_credential_new_client_certificate(&cred, TEST_TENANT, TEST_CLIENT, (const uint8_t*)pem.ptr,
                                                pem.size, NULL, &env->options) == KVB_OK);
    kvb_string token = {NULL, 0};
    CHECK(kvb_credential_get_token(&token, NULL, cred, VAULT_SCOPE, NULL) == KVB_E_AUTHENTICATION);
    CHECK(strstr(kvb_error_last()->message, "invalid_client") != NULL);
    kvb_credential_free(cred);

    /* From a file */
    char path[] = "/tmp/capi-cert-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, pem.ptr, pem.size) == (ssize_t)pem.size);
    close(fd);
    kvb_client_certificate_options no_password = KVB_CLIENT_CERTIFICATE_OPTIONS_INIT;
    no_password.password = "";
    CHECK(kvb_credential_new_client_certificate_file(&cred, TEST_TENANT, CERT_CLIENT, path, &no_password,
                                                     &env->options) == KVB_OK);
    CHECK(token_works(cred));
    kvb_credential_free(cred);
    unlink(path);
    kvb_string_dispose(&pem);

    cred = NULL;
    CHECK(kvb_credential_new_client_certificate_file(&cred, TEST_TENANT, CERT_CLIENT, path, NULL,
                                                     &env->options) == KVB_E_INVALID_ARGUMENT);
    CHECK(cred == NULL);
    const uint8_t garbage[] = "not a certificate";
    kvb_client_certificate_options password = KVB_CLIENT_CERTIFICATE_OPTIONS_INIT;
    password.password = "pw";
    CHECK(kvb_credential_new_client_certificate(&cred, TEST_TENANT, CERT_CLIENT, garbage, sizeof garbage,
                                                &password, &env->options) < 0);
    CHECK(cred == NULL);
    CHECK(kvb_credential_new_client_certificate(&cred, TEST_TENANT, CERT_CLIENT, NULL, 0, NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    test_options();
    test_env env;
    if (test_env_load(&env)) {
        test_shared_key(&env);
        test_managed_identity(&env);
        test_environment_and_default(&env);
        test_client_certificate(&env);
    }
    curl_global_cleanup();
    return test_finish();
}
