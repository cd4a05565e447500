/* SPDX-License-Identifier: MIT */
/* The Batch part of the C ABI from plain C99: every call against the emulator, and the error
 * paths a binding meets (NULL and wrong handles, bad arguments, service errors with code and
 * request id, CertificateRetired). Usage: capi-batch-test KEYDIR (see make_test_keys.sh). */
#include "capi_batch_util.h"

#include <strings.h>

static const char* keys;

static void test_argument_errors(void) {
    int not_a_handle = 42;
    const kvb_batch_client* bad = (const kvb_batch_client*)&not_a_handle;
    kvb_batch_client* client = NULL;
    CHECK(kvb_batch_client_new(NULL, "https://a.batch.localhost", NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_new(&client, "https://a.batch.localhost", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(client == NULL);
    kvb_batch_list_options lo;
    CHECK(kvb_batch_list_options_init(&lo, 99) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_list_options_init(NULL, KVB_BATCH_LIST_OPTIONS_VERSION) == KVB_E_INVALID_ARGUMENT);
    const uint8_t byte = 1;
    CHECK(kvb_batch_client_add_certificate(NULL, &byte, 1, KVB_BATCH_CERTIFICATE_CER, NULL, NULL) ==
          KVB_E_WRONG_HANDLE);
    kvb_batch_certificate* cert = NULL;
    CHECK(kvb_batch_client_get_certificate(&cert, bad, "00", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_delete_certificate(NULL, "00") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_cancel_delete_certificate(NULL, "00") == KVB_E_WRONG_HANDLE);
    kvb_batch_certificate_pager* cp = NULL;
    CHECK(kvb_batch_client_list_certificates(&cp, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_certificate_pager_next(&cert, NULL) == KVB_E_WRONG_HANDLE);
    kvb_batch_pool* pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, NULL, "p", NULL) == KVB_E_WRONG_HANDLE);
    kvb_batch_pool_pager* pp = NULL;
    CHECK(kvb_batch_client_list_pools(&pp, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_pool_pager_next(&pool, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_clear_pool_certificate_references(NULL, NULL, "p") == KVB_E_WRONG_HANDLE);
    kvb_batch_job_schedule* js = NULL;
    CHECK(kvb_batch_client_get_job_schedule(&js, NULL, "j", NULL) == KVB_E_WRONG_HANDLE);
    kvb_batch_job_schedule_pager* jp = NULL;
    CHECK(kvb_batch_client_list_job_schedules(&jp, NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_job_schedule_pager_next(&js, NULL) == KVB_E_WRONG_HANDLE);
    kvb_string s = {NULL, 0};
    CHECK(kvb_batch_certificate_to_json(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_pool_to_json(&s, (const kvb_batch_pool*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_job_schedule_to_json(&s, NULL) == KVB_E_WRONG_HANDLE);
    /* Accessors read "" or 0 for a bad handle. */
    CHECK(strcmp(kvb_batch_certificate_thumbprint(NULL), "") == 0);
    CHECK(strcmp(kvb_batch_certificate_state(NULL), "") == 0);
    CHECK(strcmp(kvb_batch_pool_id((const kvb_batch_pool*)&not_a_handle), "") == 0);
    CHECK(kvb_batch_pool_certificate_reference_count(NULL) == 0);
    CHECK(strcmp(kvb_batch_job_schedule_id(NULL), "") == 0);
    CHECK(kvb_batch_job_schedule_certificate_reference_count(NULL) == 0);
    kvb_batch_client_free(NULL);
    kvb_batch_client_free((kvb_batch_client*)&not_a_handle); /* not ours: ignored */
    kvb_batch_certificate_free(NULL);
    kvb_batch_certificate_pager_free(NULL);
    kvb_batch_pool_free(NULL);
    kvb_batch_pool_pager_free(NULL);
    kvb_batch_job_schedule_free(NULL);
    kvb_batch_job_schedule_pager_free(NULL);
    CHECK(kvb_batch_client_add_pool(NULL, "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_patch_pool(bad, "p", "{}") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_delete_pool(NULL, "p") == KVB_E_WRONG_HANDLE);
    kvb_batch_job* job = NULL;
    CHECK(kvb_batch_client_get_job(&job, NULL, "j", NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_client_get_job(NULL, NULL, "j", NULL) == KVB_E_INVALID_ARGUMENT);
    kvb_batch_job_pager* jobs = NULL;
    CHECK(kvb_batch_client_list_jobs(&jobs, bad, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_batch_job_pager_next(&job, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(job == NULL && jobs == NULL);
    CHECK(kvb_batch_job_to_json(&s, (const kvb_batch_job*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(strcmp(kvb_batch_job_id(NULL), "") == 0);
    CHECK(strcmp(kvb_batch_job_state(NULL), "") == 0);
    CHECK(kvb_batch_job_certificate_reference_count(NULL) == 0);
    CHECK(strcmp(kvb_batch_job_certificate_reference_thumbprint(NULL, 0), "") == 0);
    kvb_batch_job_free(NULL);
    kvb_batch_job_pager_free(NULL);
}

static int add_file(const kvb_batch_client* client, const char* name, int format, const char* password) {
    size_t size = 0;
    unsigned char* data = read_file(keys, name, &size);
    int rc = data ? kvb_batch_client_add_certificate(client, data, size, format, password, NULL) : -100;
    free(data);
    return rc;
}

/* The same account through a shared-key kvb_credential: the key signs, no token is asked for. */
static void test_shared_key(const test_env* env, const char* url, const char* one) {
    kvb_credential* key = NULL;
    CHECK(kvb_credential_new_shared_key(
              &key, "emubatch", "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=") == KVB_OK);
    kvb_batch_client* client = NULL;
    CHECK(kvb_batch_client_new(&client, url, key, &env->options) == KVB_OK);
    kvb_batch_certificate* cert = NULL;
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_OK);
    CHECK(cert != NULL && strcasecmp(kvb_batch_certificate_thumbprint(cert), one) == 0);
    kvb_batch_certificate_free(cert);
    kvb_batch_client_free(client);
    kvb_credential_free(key);

    /* A wrong key: Batch's 403 with its code and request id. */
    CHECK(kvb_credential_new_shared_key(&key, "emubatch", "d3Jvbmcta2V5LW9mLTMyLWJ5dGVzLWZvci10ZXN0cyE=") ==
          KVB_OK);
    CHECK(kvb_batch_client_new(&client, url, key, &env->options) == KVB_OK);
    cert = NULL;
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_E_SERVICE);
    CHECK(service_error_is(403, "AuthenticationFailed"));
    CHECK(cert == NULL);
    kvb_batch_client_free(client);
    kvb_credential_free(key);
}

static void test_certificates(const kvb_batch_client* client, const char* one, const char* four) {
    CHECK(add_file(client, "four.pfx.upload", KVB_BATCH_CERTIFICATE_PFX, "not-the-password") == KVB_E_CRYPTO);
    CHECK(strstr(kvb_error_last()->message, "not-the-password") == NULL);
    CHECK(add_file(client, "four.pfx.upload", KVB_BATCH_CERTIFICATE_PFX, "pw-four") == KVB_OK);
    CHECK(add_file(client, "one.upload", 7, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_add_certificate(client, NULL, 0, KVB_BATCH_CERTIFICATE_CER, NULL, NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(add_file(client, "one.upload", KVB_BATCH_CERTIFICATE_CER, NULL) == KVB_OK);
    CHECK(add_file(client, "one.upload", KVB_BATCH_CERTIFICATE_CER, NULL) == KVB_E_CONFLICT);
    CHECK(service_error_is(409, "CertificateExists"));
    CHECK(add_file(client, "two.upload", KVB_BATCH_CERTIFICATE_CER, NULL) == KVB_OK);

    kvb_batch_certificate* cert = NULL;
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_OK);
    CHECK(strcasecmp(kvb_batch_certificate_thumbprint(cert), one) == 0);
    char served[41] = ""; /* as the service spells it, for $filter */
    strncat(served, kvb_batch_certificate_thumbprint(cert), 40);
    CHECK(strcmp(kvb_batch_certificate_state(cert), "active") == 0);
    CHECK(strcmp(kvb_batch_certificate_previous_state(cert), "") == 0);
    CHECK(strlen(kvb_batch_certificate_public_data(cert)) > 100);
    CHECK(strcmp(kvb_batch_certificate_delete_error_code(cert), "") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_batch_certificate_to_json(&json, cert) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"state\":\"active\"") &&
          strstr(json.ptr, "\"thumbprintAlgorithm\":\"sha1\""));
    CHECK(json.ptr && strstr(json.ptr, "deleteCertificateError") == NULL);
    kvb_string_dispose(&json);
    /* A handle of another type reads as "". */
    CHECK(strcmp(kvb_batch_pool_id((const kvb_batch_pool*)cert), "") == 0);
    kvb_batch_certificate_free(cert);
    cert = NULL;
    kvb_batch_get_options selected = KVB_BATCH_GET_OPTIONS_INIT;
    selected.select = "thumbprint,state";
    CHECK(kvb_batch_client_get_certificate(&cert, client, four, &selected) == KVB_OK);
    CHECK(strcmp(kvb_batch_certificate_public_data(cert), "") == 0); /* not selected */
    kvb_batch_certificate_free(cert);
    cert = NULL;
    selected.expand = "stats"; /* Certificate_Get has no $expand: refused, nothing sent */
    CHECK(kvb_batch_client_get_certificate(&cert, client, four, &selected) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "$expand") != NULL);
    CHECK(kvb_error_last()->http_status == 0);
    CHECK(kvb_batch_client_get_certificate(&cert, client, "0000000000000000000000000000000000000000", NULL) ==
          KVB_E_NOT_FOUND);
    CHECK(service_error_is(404, "CertificateNotFound"));
    CHECK(cert == NULL);
    CHECK(kvb_batch_client_get_certificate(&cert, client, "not-a-thumbprint", NULL) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_error_last()->http_status == 0); /* nothing sent */

    /* Pages of one item, so the pager follows odata.nextLink. */
    kvb_batch_list_options lo;
    CHECK(kvb_batch_list_options_init(&lo, KVB_BATCH_LIST_OPTIONS_VERSION) == KVB_OK);
    lo.max_results = 1;
    kvb_batch_certificate_pager* pager = NULL;
    CHECK(kvb_batch_client_list_certificates(&pager, client, &lo) == KVB_OK);
    int count = 0, rc;
    while ((rc = kvb_batch_certificate_pager_next(&cert, pager)) == KVB_OK) {
        ++count;
        CHECK(strlen(kvb_batch_certificate_thumbprint(cert)) == 40);
        kvb_batch_certificate_free(cert);
    }
    CHECK(rc == KVB_ITEROVER && cert == NULL);
    CHECK(count == 3);
    CHECK(kvb_batch_certificate_pager_next(&cert, pager) == KVB_ITEROVER);
    kvb_batch_certificate_pager_free(pager);
    char filter[128];
    snprintf(filter, sizeof filter, "thumbprint eq '%s'", served);
    lo.filter = filter;
    lo.select = "thumbprint";
    lo.max_results = 0;
    CHECK(kvb_batch_client_list_certificates(&pager, client, &lo) == KVB_OK);
    CHECK(kvb_batch_certificate_pager_next(&cert, pager) == KVB_OK);
    CHECK(strcasecmp(kvb_batch_certificate_thumbprint(cert), one) == 0);
    kvb_batch_certificate_free(cert);
    CHECK(kvb_batch_certificate_pager_next(&cert, pager) == KVB_ITEROVER);
    kvb_batch_certificate_pager_free(pager);
    lo.version = 0;
    CHECK(kvb_batch_client_list_certificates(&pager, client, &lo) == KVB_E_INVALID_ARGUMENT);
}

static void seed_users(const test_env* env, const char* one, const char* two) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"id\":\"capipool\",\"vmSize\":\"standard_d2s_v3\",\"metadata\":[{\"name\":\"owner\","
             "\"value\":\"capi\"}],"
             "\"virtualMachineConfiguration\":{\"imageReference\":{\"publisher\":\"canonical\",\"offer\":"
             "\"ubuntu\","
             "\"sku\":\"22_04-lts\",\"version\":\"latest\"},\"nodeAgentSKUId\":\"batch.node.ubuntu 22.04\"},"
             "\"certificateReferences\":[{\"thumbprint\":\"%s\",\"thumbprintAlgorithm\":\"sha1\","
             "\"storeLocation\":\"currentuser\",\"storeName\":\"My\",\"visibility\":[\"task\"]}]}",
             one);
    CHECK(emulator_control(env, "batch/accounts/emubatch/pools", body, NULL) / 100 == 2);
    snprintf(
        body, sizeof body,
        "{\"id\":\"capischedule\",\"schedule\":{\"recurrenceInterval\":\"P1D\"},\"jobSpecification\":{"
        "\"poolInfo\":"
        "{\"autoPoolSpecification\":{\"poolLifetimeOption\":\"job\",\"pool\":{\"vmSize\":\"standard_d2s_v3\","
        "\"certificateReferences\":[{\"thumbprint\":\"%s\",\"thumbprintAlgorithm\":\"sha1\"}]}}}}}",
        two);
    CHECK(emulator_control(env, "batch/accounts/emubatch/jobschedules", body, NULL) / 100 == 2);
}

static void test_pools_and_schedules(const kvb_batch_client* client, const char* one, const char* two) {
    kvb_batch_pool* pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "capipool", NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_pool_id(pool), "capipool") == 0);
    CHECK(strcmp(kvb_batch_pool_state(pool), "active") == 0);
    CHECK(strcmp(kvb_batch_pool_vm_size(pool), "standard_d2s_v3") == 0);
    CHECK(strcmp(kvb_batch_pool_node_agent_sku_id(pool), "batch.node.ubuntu 22.04") == 0);
    CHECK(kvb_batch_pool_certificate_reference_count(pool) == 1);
    CHECK(strcasecmp(kvb_batch_pool_certificate_reference_thumbprint(pool, 0), one) == 0);
    CHECK(strcmp(kvb_batch_pool_certificate_reference_thumbprint(pool, 5), "") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_batch_pool_to_json(&json, pool) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"storeLocation\":\"currentuser\"") &&
          strstr(json.ptr, "\"service\":{"));
    CHECK(json.ptr && strstr(json.ptr, "\"metadata\":{\"owner\":\"capi\"}"));
    kvb_string_dispose(&json);
    kvb_batch_pool_free(pool);
    pool = NULL;
    kvb_batch_get_options selected = KVB_BATCH_GET_OPTIONS_INIT;
    selected.select = "id,certificateReferences";
    CHECK(kvb_batch_client_get_pool(&pool, client, "capipool", &selected) == KVB_OK);
    CHECK(strcmp(kvb_batch_pool_vm_size(pool), "") == 0);
    kvb_batch_pool_free(pool);
    pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "nopool", NULL) == KVB_E_NOT_FOUND);
    CHECK(service_error_is(404, "PoolNotFound"));

    kvb_batch_list_options lo;
    kvb_batch_list_options_init(&lo, KVB_BATCH_LIST_OPTIONS_VERSION);
    lo.filter = "id eq 'capipool'";
    kvb_batch_pool_pager* pp = NULL;
    CHECK(kvb_batch_client_list_pools(&pp, client, &lo) == KVB_OK);
    CHECK(kvb_batch_pool_pager_next(&pool, pp) == KVB_OK);
    CHECK(strcmp(kvb_batch_pool_id(pool), "capipool") == 0);
    kvb_batch_pool_free(pool);
    CHECK(kvb_batch_pool_pager_next(&pool, pp) == KVB_ITEROVER);
    kvb_batch_pool_pager_free(pp);

    kvb_batch_job_schedule* js = NULL;
    CHECK(kvb_batch_client_get_job_schedule(&js, client, "capischedule", NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_job_schedule_id(js), "capischedule") == 0);
    CHECK(strcmp(kvb_batch_job_schedule_state(js), "active") == 0);
    CHECK(kvb_batch_job_schedule_certificate_reference_count(js) == 1);
    CHECK(strcasecmp(kvb_batch_job_schedule_certificate_reference_thumbprint(js, 0), two) == 0);
    CHECK(strcmp(kvb_batch_job_schedule_certificate_reference_thumbprint(js, 1), "") == 0);
    CHECK(kvb_batch_job_schedule_to_json(&json, js) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"autoPoolCertificateReferences\":[{") &&
          strstr(json.ptr, "\"service\":{"));
    kvb_string_dispose(&json);
    kvb_batch_job_schedule_free(js);
    js = NULL;
    CHECK(kvb_batch_client_get_job_schedule(&js, client, "noschedule", NULL) == KVB_E_NOT_FOUND);
    CHECK(js == NULL);
    kvb_batch_job_schedule_pager* jp = NULL;
    CHECK(kvb_batch_client_list_job_schedules(&jp, client, NULL) == KVB_OK);
    CHECK(kvb_batch_job_schedule_pager_next(&js, jp) == KVB_OK);
    CHECK(strcmp(kvb_batch_job_schedule_id(js), "capischedule") == 0);
    kvb_batch_job_schedule_free(js);
    CHECK(kvb_batch_job_schedule_pager_next(&js, jp) == KVB_ITEROVER);
    kvb_batch_job_schedule_pager_free(jp);
}

/* Delete fails while a pool references the certificate; cancel; clear the pool; delete again. */
static void test_delete_lifecycle(const kvb_batch_client* client, const char* one) {
    kvb_batch_certificate* cert = NULL;
    CHECK(kvb_batch_client_delete_certificate(client, one) == KVB_OK);
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_certificate_state(cert), "deletefailed") == 0);
    CHECK(strcmp(kvb_batch_certificate_previous_state(cert), "deleting") == 0);
    CHECK(strcmp(kvb_batch_certificate_delete_error_code(cert), "PoolsReferencingCertificate") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_batch_certificate_to_json(&json, cert) == KVB_OK);
    CHECK(json.ptr &&
          strstr(json.ptr, "\"deleteCertificateError\":{\"code\":\"PoolsReferencingCertificate\""));
    CHECK(json.ptr && strstr(json.ptr, "\"previousState\":\"deleting\""));
    long long changed = 0, previous_changed = 0;
    CHECK(json_int_member(json.ptr, "stateTransitionTime", &changed) && changed > 1700000000LL);
    CHECK(json_int_member(json.ptr, "previousStateTransitionTime", &previous_changed));
    CHECK(previous_changed > 1700000000LL && previous_changed <= changed);
    kvb_string_dispose(&json);
    kvb_batch_certificate_free(cert);
    cert = NULL;
    CHECK(kvb_batch_client_cancel_delete_certificate(client, one) == KVB_OK);
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_certificate_state(cert), "active") == 0);
    kvb_batch_certificate_free(cert);
    cert = NULL;
    CHECK(kvb_batch_client_cancel_delete_certificate(client, one) == KVB_E_CONFLICT);
    CHECK(service_error_is(409, "CertificateStateActive"));

    size_t removed = 99;
    CHECK(kvb_batch_client_clear_pool_certificate_references(&removed, client, "capipool") == KVB_OK);
    CHECK(removed == 1);
    kvb_batch_pool* pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "capipool", NULL) == KVB_OK);
    CHECK(kvb_batch_pool_certificate_reference_count(pool) == 0);
    kvb_batch_pool_free(pool);
    CHECK(kvb_batch_client_clear_pool_certificate_references(&removed, client, "capipool") == KVB_OK);
    CHECK(removed == 0);
    CHECK(kvb_batch_client_clear_pool_certificate_references(NULL, client, "nopool") == KVB_E_NOT_FOUND);

    CHECK(kvb_batch_client_delete_certificate(client, one) == KVB_OK);
    CHECK(kvb_batch_client_get_certificate(&cert, client, one, NULL) == KVB_E_NOT_FOUND);
}

/* Pool_Add, Pool_Patch and Pool_Delete with the service's own documents. */
static void test_pool_lifecycle(const test_env* env, const kvb_batch_client* client, const char* one) {
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\":\"capiaddpool\",\"vmSize\":\"standard_d2s_v3\",\"displayName\":\"from C\","
             "\"metadata\":[{\"name\":\"owner\",\"value\":\"capi\"}],"
             "\"certificateReferences\":[{\"thumbprint\":\"%s\",\"thumbprintAlgorithm\":\"sha1\"}]}",
             one);
    CHECK(kvb_batch_client_add_pool(client, body) == KVB_OK);
    CHECK(kvb_batch_client_add_pool(client, body) == KVB_E_CONFLICT);
    CHECK(service_error_is(409, "PoolExists"));
    const long adds = emulator_operation_count(env, "POST /pools");
    CHECK(kvb_batch_client_add_pool(client, "{\"vmSize\":\"standard_d2s_v3\"}") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_add_pool(client, "{not json") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_add_pool(client, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(emulator_operation_count(env, "POST /pools") == adds); /* refused before sending */

    kvb_batch_pool* pool = NULL;
    kvb_string json = {NULL, 0};
    CHECK(kvb_batch_client_get_pool(&pool, client, "capiaddpool", NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_pool_vm_size(pool), "standard_d2s_v3") == 0);
    CHECK(kvb_batch_pool_certificate_reference_count(pool) == 1);
    CHECK(kvb_batch_pool_to_json(&json, pool) == KVB_OK);
    CHECK(has_text(&json, "\"displayName\":\"from C\""));
    CHECK(has_text(&json, "\"metadata\":{\"owner\":\"capi\"}"));
    kvb_string_dispose(&json);
    kvb_batch_pool_free(pool);

    /* members beyond the typed patch (displayName) and a replaced list (metadata) */
    CHECK(kvb_batch_client_patch_pool(client, "capiaddpool",
                                      "{\"displayName\":\"patched from C\",\"metadata\":[{\"name\":\"stage\","
                                      "\"value\":\"two\"}]}") == KVB_OK);
    pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "capiaddpool", NULL) == KVB_OK);
    CHECK(kvb_batch_pool_to_json(&json, pool) == KVB_OK);
    CHECK(has_text(&json, "\"displayName\":\"patched from C\""));
    CHECK(has_text(&json, "\"metadata\":{\"stage\":\"two\"}"));
    kvb_string_dispose(&json);
    CHECK(kvb_batch_pool_certificate_reference_count(pool) == 1); /* not given: unchanged */
    kvb_batch_pool_free(pool);
    const long patches = emulator_operation_count(env, "PATCH /pools/{}");
    CHECK(kvb_batch_client_patch_pool(client, "capiaddpool", "[1]") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_patch_pool(client, "bad id", "{}") == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_patch_pool(client, "capiaddpool", NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(emulator_operation_count(env, "PATCH /pools/{}") == patches);
    CHECK(kvb_batch_client_patch_pool(client, "nopool", "{}") == KVB_E_NOT_FOUND);
    CHECK(service_error_is(404, "PoolNotFound"));

    CHECK(kvb_batch_client_delete_pool(client, "capiaddpool") == KVB_OK);
    pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "capiaddpool", NULL) == KVB_E_NOT_FOUND);
    CHECK(kvb_batch_client_delete_pool(client, "capiaddpool") == KVB_E_NOT_FOUND);
    CHECK(service_error_is(404, "PoolNotFound"));
    CHECK(kvb_batch_client_delete_pool(client, NULL) == KVB_E_INVALID_ARGUMENT);
}

/* Job_List and Job_Get: a job on an auto pool that references @p two, and one on a named pool. */
static void test_jobs(const test_env* env, const kvb_batch_client* client, const char* two) {
    char body[1024];
    snprintf(body, sizeof body,
             "{\"id\":\"capijob\",\"poolInfo\":{\"autoPoolSpecification\":{\"poolLifetimeOption\":\"job\","
             "\"pool\":{\"vmSize\":\"standard_d2s_v3\",\"certificateReferences\":[{\"thumbprint\":\"%s\","
             "\"thumbprintAlgorithm\":\"sha1\"}]}}},\"metadata\":[{\"name\":\"kind\",\"value\":\"auto\"}]}",
             two);
    CHECK(emulator_control(env, "batch/accounts/emubatch/jobs", body, NULL) / 100 == 2);
    CHECK(emulator_control(env, "batch/accounts/emubatch/jobs",
                           "{\"id\":\"capijob2\",\"poolInfo\":{\"poolId\":\"capipool\"}}", NULL) /
              100 ==
          2);

    kvb_batch_job* job = NULL;
    CHECK(kvb_batch_client_get_job(&job, client, "capijob", NULL) == KVB_OK);
    CHECK(strcmp(kvb_batch_job_id(job), "capijob") == 0);
    CHECK(strcmp(kvb_batch_job_state(job), "active") == 0);
    CHECK(kvb_batch_job_certificate_reference_count(job) == 1);
    CHECK(strcasecmp(kvb_batch_job_certificate_reference_thumbprint(job, 0), two) == 0);
    CHECK(strcmp(kvb_batch_job_certificate_reference_thumbprint(job, 1), "") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_batch_job_to_json(&json, job) == KVB_OK);
    CHECK(has_text(&json, "\"id\":\"capijob\""));
    CHECK(has_text(&json, "\"autoPoolCertificateReferences\":[{\"thumbprint\":"));
    CHECK(has_text(&json, "\"metadata\":{\"kind\":\"auto\"}"));
    CHECK(has_text(&json, "\"service\":{"));
    kvb_string_dispose(&json);
    kvb_batch_job_free(job);
    job = NULL;
    kvb_batch_get_options selected = KVB_BATCH_GET_OPTIONS_INIT;
    selected.select = "id,poolInfo";
    CHECK(kvb_batch_client_get_job(&job, client, "capijob2", &selected) == KVB_OK);
    CHECK(kvb_batch_job_to_json(&json, job) == KVB_OK);
    CHECK(has_text(&json, "\"poolId\":\"capipool\""));
    CHECK(strcmp(kvb_batch_job_state(job), "") == 0); /* not selected */
    CHECK(kvb_batch_job_certificate_reference_count(job) == 0);
    kvb_string_dispose(&json);
    kvb_batch_job_free(job);
    job = NULL;
    CHECK(kvb_batch_client_get_job(&job, client, "nojob", NULL) == KVB_E_NOT_FOUND);
    CHECK(service_error_is(404, "JobNotFound"));
    CHECK(job == NULL);
    CHECK(kvb_batch_client_get_job(&job, client, "bad/id", NULL) == KVB_E_INVALID_ARGUMENT);

    /* one job per page: two pages, then the end */
    kvb_batch_list_options lo;
    kvb_batch_list_options_init(&lo, KVB_BATCH_LIST_OPTIONS_VERSION);
    lo.max_results = 1;
    const long lists = emulator_operation_count(env, "GET /jobs");
    kvb_batch_job_pager* pager = NULL;
    CHECK(kvb_batch_client_list_jobs(&pager, client, &lo) == KVB_OK);
    int seen = 0;
    while (kvb_batch_job_pager_next(&job, pager) == KVB_OK) {
        const char* id = kvb_batch_job_id(job);
        seen += strcmp(id, "capijob") == 0 || strcmp(id, "capijob2") == 0;
        kvb_batch_job_free(job);
    }
    CHECK(seen == 2);
    CHECK(job == NULL);
    CHECK(kvb_batch_job_pager_next(&job, pager) == KVB_ITEROVER);
    kvb_batch_job_pager_free(pager);
    CHECK(emulator_operation_count(env, "GET /jobs") - lists == 2);
    lo.filter = "id eq 'capijob2'";
    lo.max_results = 0;
    CHECK(kvb_batch_client_list_jobs(&pager, client, &lo) == KVB_OK);
    CHECK(kvb_batch_job_pager_next(&job, pager) == KVB_OK);
    CHECK(strcmp(kvb_batch_job_id(job), "capijob2") == 0);
    kvb_batch_job_free(job);
    CHECK(kvb_batch_job_pager_next(&job, pager) == KVB_ITEROVER);
    kvb_batch_job_pager_free(pager);
}

static void test_retired(const test_env* env, const kvb_batch_client* client, const char* two) {
    CHECK(emulator_control(env, "batch/accounts/emubatch/retired", "{\"enabled\":true}", NULL) / 100 == 2);
    kvb_batch_certificate_pager* pager = NULL;
    kvb_batch_certificate* cert = NULL;
    CHECK(kvb_batch_client_list_certificates(&pager, client, NULL) == KVB_OK);
    CHECK(kvb_batch_certificate_pager_next(&cert, pager) == KVB_E_CERTIFICATE_RETIRED);
    CHECK(service_error_is(400, "CertificateRetired"));
    kvb_batch_certificate_pager_free(pager);
    CHECK(kvb_batch_client_get_certificate(&cert, client, two, NULL) == KVB_E_CERTIFICATE_RETIRED);
    CHECK(add_file(client, "three.upload", KVB_BATCH_CERTIFICATE_CER, NULL) == KVB_E_CERTIFICATE_RETIRED);
    /* Pools still answer. */
    kvb_batch_pool* pool = NULL;
    CHECK(kvb_batch_client_get_pool(&pool, client, "capipool", NULL) == KVB_OK);
    kvb_batch_pool_free(pool);
}

int main(int argc, char** argv) {
    test_env env;
    keys = test_start(argc, argv, &env);
    if (keys == NULL) return 1;
    test_argument_errors();

    char one[41], two[41], four[41];
    CHECK(thumbprint_of(one, keys, "one.upload", NULL));
    CHECK(thumbprint_of(two, keys, "two.upload", NULL));
    CHECK(thumbprint_of(four, keys, "four.upload", NULL));
    kvb_credential* cred = test_credential(&env);
    CHECK(cred != NULL);
    char url[256];
    service_url(url, sizeof url, &env, "emubatch", "batch");
    kvb_batch_client* client = NULL;
    CHECK(kvb_batch_client_new(&client, "http://emubatch.batch.localhost", cred, &env.options) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_batch_client_new(&client, url, cred, &env.options) == KVB_OK);
    kvb_credential_free(cred); /* the client keeps its own reference */

    test_certificates(client, one, four);
    test_shared_key(&env, url, one);
    seed_users(&env, one, two);
    test_pools_and_schedules(client, one, two);
    test_pool_lifecycle(&env, client, one);
    test_jobs(&env, client, two);
    test_delete_lifecycle(client, one);
    test_retired(&env, client, two);
    kvb_batch_client_free(client);
    return finish();
}
