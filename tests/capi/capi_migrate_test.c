/* SPDX-License-Identifier: MIT */
/* The migration part of the C ABI from plain C99, against the emulator: inventory, plan, a dry
 * run, a run cancelled from the progress callback and its resumption (nothing imported twice),
 * the report and pool guidance, a retired certificate API, and the error paths.
 * Usage: capi-migrate-test KEYDIR (see make_test_keys.sh). */
#include "capi_batch_util.h"

#include <stdlib.h>

static const char* keys;
static char thumbs[6][41]; /* one..five at 1..5 */
static const char* const names[] = {"", "one", "two", "three", "four", "five"};

static void test_argument_errors(void) {
    int not_a_handle = 42;
    kvb_migrator* m = NULL;
    CHECK(kvb_migrator_new(&m, NULL, "https://v.vault.localhost", NULL, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(m == NULL);
    kvb_migration_inventory* inv = NULL;
    CHECK(kvb_migrator_inventory(&inv, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migrator_inventory(NULL, (const kvb_migrator*)&not_a_handle) == KVB_E_INVALID_ARGUMENT);
    kvb_migration_plan* plan = NULL;
    CHECK(kvb_migrator_plan(&plan, NULL, NULL, NULL) == KVB_E_WRONG_HANDLE);
    kvb_migration_report* report = NULL;
    CHECK(kvb_migrator_execute(&report, NULL, NULL, NULL, NULL, NULL, NULL) == KVB_E_WRONG_HANDLE);
    kvb_migration_plan_options po;
    CHECK(kvb_migration_plan_options_init(&po, 2) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_migration_plan_options_init(NULL, KVB_MIGRATION_PLAN_OPTIONS_VERSION) ==
          KVB_E_INVALID_ARGUMENT);
    kvb_migration_execute_options eo;
    CHECK(kvb_migration_execute_options_init(&eo, 0) == KVB_E_INVALID_ARGUMENT);
    kvb_string s = {NULL, 0};
    CHECK(kvb_migration_inventory_to_json(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migration_plan_to_json(&s, (const kvb_migration_plan*)&not_a_handle) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migration_report_to_json(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migration_report_pools_to_json(&s, NULL) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migration_report_write(NULL, "/tmp") == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migration_inventory_count(NULL) == 0);
    CHECK(kvb_migration_inventory_pool_count(NULL) == 0);
    CHECK(kvb_migration_inventory_job_schedule_count(NULL) == 0);
    CHECK(kvb_migration_inventory_certificate_api_retired(NULL) == 0);
    CHECK(kvb_migration_inventory_use_count(NULL, 0) == 0);
    CHECK(strcmp(kvb_migration_inventory_thumbprint(NULL, 0), "") == 0);
    CHECK(strcmp(kvb_migration_inventory_state(NULL, 0), "") == 0);
    CHECK(kvb_migration_plan_count(NULL) == 0);
    CHECK(strcmp(kvb_migration_plan_action(NULL, 0), "") == 0);
    CHECK(kvb_migration_report_item_count(NULL) == 0);
    CHECK(kvb_migration_report_count(NULL, KVB_MIGRATION_SUCCEEDED) == 0);
    CHECK(kvb_migration_report_complete(NULL) == 0);
    CHECK(strcmp(kvb_migration_report_item_result(NULL, 0), "") == 0);
    kvb_migrator_free(NULL);
    kvb_migrator_free((kvb_migrator*)&not_a_handle);
    kvb_migration_inventory_free(NULL);
    kvb_migration_plan_free(NULL);
    kvb_migration_report_free(NULL);
}

/* Batch account "capimig": five certificates (public parts), a pool using one and two, a job
 * schedule using three. */
static void seed(const test_env* env, const kvb_batch_client* batch) {
    CHECK(emulator_control(env, "batch/accounts", "{\"name\":\"capimig\"}", NULL) / 100 == 2);
    for (int i = 1; i <= 5; ++i) {
        char file[32];
        snprintf(file, sizeof file, "%s.upload", names[i]);
        size_t size = 0;
        unsigned char* data = read_file(keys, file, &size);
        CHECK(thumbprint_of(thumbs[i], keys, file, NULL));
        CHECK(data && kvb_batch_client_add_certificate(batch, data, size, KVB_BATCH_CERTIFICATE_CER, NULL,
                                                       thumbs[i]) == KVB_OK);
        free(data);
    }
    char body[1024];
    snprintf(
        body, sizeof body,
        "{\"id\":\"web\",\"vmSize\":\"standard_d2s_v3\",\"virtualMachineConfiguration\":{\"imageReference\":"
        "{\"publisher\":\"canonical\",\"offer\":\"ubuntu\",\"sku\":\"22_04-lts\",\"version\":\"latest\"},"
        "\"nodeAgentSKUId\":\"batch.node.ubuntu 22.04\"},\"certificateReferences\":["
        "{\"thumbprint\":\"%s\",\"thumbprintAlgorithm\":\"sha1\"},{\"thumbprint\":\"%s\","
        "\"thumbprintAlgorithm\":\"sha1\"}]}",
        thumbs[1], thumbs[2]);
    CHECK(emulator_control(env, "batch/accounts/capimig/pools", body, NULL) / 100 == 2);
    snprintf(
        body, sizeof body,
        "{\"id\":\"nightly\",\"schedule\":{\"recurrenceInterval\":\"P1D\"},\"jobSpecification\":{"
        "\"poolInfo\":"
        "{\"autoPoolSpecification\":{\"poolLifetimeOption\":\"job\",\"pool\":{\"vmSize\":\"standard_d2s_v3\","
        "\"certificateReferences\":[{\"thumbprint\":\"%s\",\"thumbprintAlgorithm\":\"sha1\"}]}}}}}",
        thumbs[3]);
    CHECK(emulator_control(env, "batch/accounts/capimig/jobschedules", body, NULL) / 100 == 2);
}

static long index_of(const char* thumbprint) {
    for (int i = 1; i <= 5; ++i)
        if (strcasecmp(thumbs[i], thumbprint) == 0) return i;
    return -1;
}

static void test_inventory(const kvb_migration_inventory* inv) {
    CHECK(kvb_migration_inventory_count(inv) == 5);
    CHECK(kvb_migration_inventory_pool_count(inv) == 1);
    CHECK(kvb_migration_inventory_job_schedule_count(inv) == 1);
    CHECK(kvb_migration_inventory_certificate_api_retired(inv) == 0);
    for (size_t i = 0; i < kvb_migration_inventory_count(inv); ++i) {
        long n = index_of(kvb_migration_inventory_thumbprint(inv, i));
        CHECK(n > 0);
        CHECK(strcmp(kvb_migration_inventory_state(inv, i), "active") == 0);
        CHECK(kvb_migration_inventory_use_count(inv, i) == (n <= 3 ? 1u : 0u));
    }
    CHECK(strcmp(kvb_migration_inventory_thumbprint(inv, 5), "") == 0);
    CHECK(kvb_migration_inventory_use_count(inv, 5) == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_migration_inventory_to_json(&json, inv) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"batchAccount\":\"capimig\"") &&
          strstr(json.ptr, "\"pools\":[\"web\"]"));
    kvb_string_dispose(&json);
}

static const char* expected_action(long n) {
    switch (n) {
    case 1:
    case 2: return "import";
    case 3: return "store-public-as-secret";
    default: return "missing-key-material";
    }
}

static char passwords[1024];

/* The plan the runs use: the key folder with its passwords file. */
static kvb_migration_plan* good_plan(const kvb_migrator* m, const kvb_migration_inventory* inv) {
    const char* material[] = {keys};
    kvb_migration_plan_options po;
    kvb_migration_plan_options_init(&po, KVB_MIGRATION_PLAN_OPTIONS_VERSION);
    po.key_material = material;
    po.key_material_count = 1;
    po.passwords_file = passwords;
    kvb_migration_plan* plan = NULL;
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_OK);
    return plan;
}

static kvb_migration_plan* test_plan(const kvb_migrator* m, const kvb_migration_inventory* inv) {
    snprintf(passwords, sizeof passwords, "%s/passwords.json", keys);
    const char* material[] = {keys};
    kvb_migration_plan_options po;
    CHECK(kvb_migration_plan_options_init(&po, KVB_MIGRATION_PLAN_OPTIONS_VERSION) == KVB_OK);
    kvb_migration_plan* plan = NULL;
    po.key_material = material;
    po.key_material_count = 1;
    po.passwords_file = "/nonexistent/passwords.json";
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "/nonexistent/passwords.json does not exist") != NULL);
    po.passwords_file = passwords;
    const char* missing[] = {"/nonexistent/keys"};
    po.key_material = missing;
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_E_INVALID_ARGUMENT); /* before the vault is asked */
    CHECK(strstr(kvb_error_last()->message, "key material path /nonexistent/keys does not exist") != NULL);
    po.key_material = material;
    po.password_env = "KVB_CAPI_TEST_UNSET_VARIABLE";
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_E_INVALID_ARGUMENT);
    CHECK(strstr(kvb_error_last()->message, "KVB_CAPI_TEST_UNSET_VARIABLE") != NULL);
    po.password_env = NULL;
    po.verify_mode = 9;
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_E_INVALID_ARGUMENT);
    po.verify_mode = KVB_MIGRATION_VERIFY_DEEP;
    po.key_material_count = 2;
    po.key_material = NULL;
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_E_INVALID_ARGUMENT);
    CHECK(plan == NULL);
    po.key_material = material;
    po.key_material_count = 1;
    CHECK(kvb_migrator_plan(&plan, m, (const kvb_migration_inventory*)m, &po) == KVB_E_WRONG_HANDLE);
    CHECK(kvb_migrator_plan(&plan, m, inv, &po) == KVB_OK); /* deep verification */

    CHECK(kvb_migration_plan_count(plan) == 5);
    for (size_t i = 0; i < kvb_migration_plan_count(plan); ++i) {
        long n = index_of(kvb_migration_plan_thumbprint(plan, i));
        CHECK(n > 0);
        if (n <= 0) continue;
        CHECK(strcmp(kvb_migration_plan_action(plan, i), expected_action(n)) == 0);
        CHECK(strlen(kvb_migration_plan_reason(plan, i)) > 0);
        CHECK(strncmp(kvb_migration_plan_target_name(plan, i), "batch-", 6) == 0);
        CHECK((strlen(kvb_migration_plan_source_file(plan, i)) > 0) == (n <= 3));
    }
    CHECK(strcmp(kvb_migration_plan_reason(plan, 9), "") == 0);
    CHECK(strcmp(kvb_migration_plan_target_name(plan, 9), "") == 0);
    CHECK(strcmp(kvb_migration_plan_source_file(plan, 9), "") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_migration_plan_to_json(&json, plan) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"action\":\"store-public-as-secret\"") &&
          strstr(json.ptr, "\"references\":[") && strstr(json.ptr, "\"files\":["));
    CHECK(json.ptr && strstr(json.ptr, "pw-one") == NULL);
    kvb_string_dispose(&json);
    return plan;
}

typedef struct progress_log {
    int calls;
    int stop_after; /* 0: never stop */
    size_t last_done, last_total;
    int thumbprints_ok;
} progress_log;

static int on_progress(const kvb_migration_progress* p, void* user_data) {
    progress_log* log = (progress_log*)user_data;
    ++log->calls;
    log->last_done = p->done;
    log->last_total = p->total;
    if (index_of(p->thumbprint) < 0 || strlen(p->result) == 0) log->thumbprints_ok = 0;
    return log->stop_after > 0 && log->calls >= log->stop_after;
}

static void test_dry_run(const test_env* env, const kvb_migrator* m, const kvb_migration_inventory* inv,
                         const kvb_migration_plan* plan) {
    kvb_migration_execute_options eo;
    CHECK(kvb_migration_execute_options_init(&eo, KVB_MIGRATION_EXECUTE_OPTIONS_VERSION) == KVB_OK);
    eo.dry_run = 1;
    eo.concurrency = -1;
    kvb_migration_report* report = NULL;
    CHECK(kvb_migrator_execute(&report, m, inv, plan, &eo, NULL, NULL) == KVB_E_INVALID_ARGUMENT);
    eo.concurrency = 0;
    progress_log log = {0, 0, 0, 0, 1};
    CHECK(kvb_migrator_execute(&report, m, inv, plan, &eo, on_progress, &log) == KVB_OK);
    CHECK(log.calls == 0); /* progress counts writes; a dry run has none */
    CHECK(kvb_migration_report_count(report, KVB_MIGRATION_PLANNED) == 3);
    CHECK(kvb_migration_report_count(report, KVB_MIGRATION_FAILED) == 2); /* no key material */
    CHECK(kvb_migration_report_count(report, KVB_MIGRATION_SUCCEEDED) == 0);
    CHECK(kvb_migration_report_count(report, 42) == 0);
    kvb_migration_report_free(report);
    CHECK(emulator_operation_count(env, "POST /certificates/{}/import") == 0);
}

static void test_cancel_and_resume(const test_env* env, const kvb_migrator* m,
                                   const kvb_migration_inventory* inv, const kvb_migration_plan* plan,
                                   const char* work) {
    char journal[512], reports[512], again[512], file[600];
    snprintf(journal, sizeof journal, "%s/run/journal.jsonl", work);
    snprintf(reports, sizeof reports, "%s/report", work);
    snprintf(again, sizeof again, "%s/again", work);
    kvb_migration_execute_options eo;
    kvb_migration_execute_options_init(&eo, KVB_MIGRATION_EXECUTE_OPTIONS_VERSION);
    eo.concurrency = 1;
    eo.journal_path = journal;
    eo.report_dir = reports;
    eo.msi_client_id = "00000000-0000-0000-0000-00000000abcd";

    progress_log log = {0, 1, 0, 0, 1};
    kvb_migration_report* report = (kvb_migration_report*)&log;
    CHECK(kvb_migrator_execute(&report, m, inv, plan, &eo, on_progress, &log) == KVB_E_CANCELLED);
    CHECK(report == NULL);
    CHECK(log.calls == 3); /* the one finished, then the two never started */
    CHECK(emulator_operation_count(env, "POST /certificates/{}/import") <= 1);

    /* The rerun plans again: what the first run wrote is already present now. */
    kvb_migration_inventory* inv2 = NULL;
    CHECK(kvb_migrator_inventory(&inv2, m) == KVB_OK);
    kvb_migration_plan* plan2 = good_plan(m, inv2);
    int already = 0;
    for (size_t i = 0; i < kvb_migration_plan_count(plan2); ++i)
        already += strcmp(kvb_migration_plan_action(plan2, i), "already-present") == 0;
    CHECK(already == 1);
    log.calls = 0;
    log.stop_after = 0;
    CHECK(kvb_migrator_execute(&report, m, inv2, plan2, &eo, on_progress, &log) == KVB_OK);
    kvb_migration_plan_free(plan2);
    kvb_migration_inventory_free(inv2);
    CHECK(log.last_done == 5 && log.thumbprints_ok);
    /* one and two imported once each over both runs; three stored as a secret. */
    CHECK(emulator_operation_count(env, "POST /certificates/{}/import") == 2);
    CHECK(kvb_migration_report_item_count(report) == 5);
    CHECK(kvb_migration_report_count(report, KVB_MIGRATION_FAILED) == 2); /* four and five: no key */
    CHECK(kvb_migration_report_complete(report) == 0);
    for (size_t i = 0; i < kvb_migration_report_item_count(report); ++i) {
        long n = index_of(kvb_migration_report_item_thumbprint(report, i));
        CHECK(n > 0);
        if (n == 1 || n == 2 || n == 3)
            CHECK(strstr(kvb_migration_report_item_secret_id(report, i), "/secrets/batch-") != NULL);
        if (n == 4 || n == 5) CHECK(strcmp(kvb_migration_report_item_result(report, i), "failed") == 0);
    }
    CHECK(strcmp(kvb_migration_report_item_thumbprint(report, 7), "") == 0);
    CHECK(strcmp(kvb_migration_report_item_secret_id(report, 7), "") == 0);
    kvb_string json = {NULL, 0};
    CHECK(kvb_migration_report_to_json(&json, report) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "\"schemaVersion\":1") && strstr(json.ptr, "pw-one") == NULL &&
          strstr(json.ptr, "\"files\":[") && strstr(json.ptr, "\"unusableFiles\":"));
    kvb_string_dispose(&json);
    CHECK(kvb_migration_report_pools_to_json(&json, report) == KVB_OK);
    CHECK(json.ptr && strstr(json.ptr, "KeyVaultForLinux") &&
          strstr(json.ptr, "00000000-0000-0000-0000-00000000abcd"));
    CHECK(json.ptr && strstr(json.ptr, "\"id\":\"nightly\""));
    kvb_string_dispose(&json);
    size_t size = 0;
    unsigned char* written = read_file(reports, "report.json", &size);
    CHECK(written != NULL && size > 100);
    free(written);
    CHECK(kvb_migration_report_write(report, NULL) == KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_migration_report_write(report, again) == KVB_OK);
    snprintf(file, sizeof file, "%s/pools", again);
    written = read_file(file, "web.extension.json", &size);
    CHECK(written != NULL && size > 20);
    free(written);
    kvb_migration_report_free(report);
}

static void test_retired(const test_env* env, const kvb_migrator* m) {
    CHECK(emulator_control(env, "batch/accounts/capimig/retired", "{\"enabled\":true}", NULL) / 100 == 2);
    kvb_migration_inventory* inv = NULL;
    CHECK(kvb_migrator_inventory(&inv, m) == KVB_OK);
    CHECK(kvb_migration_inventory_certificate_api_retired(inv) == 1);
    CHECK(kvb_migration_inventory_count(inv) == 3); /* only the referenced ones */
    CHECK(strcmp(kvb_migration_inventory_state(inv, 0), "") == 0);
    kvb_migration_inventory_free(inv);
}

int main(int argc, char** argv) {
    test_env env;
    keys = test_start(argc, argv, &env);
    if (keys == NULL) return 1;
    test_argument_errors();
    char work[] = "/tmp/kvb-capi-migrate-XXXXXX";
    CHECK(mkdtemp(work) != NULL);

    kvb_credential* cred = test_credential(&env);
    char batch_url[256], vault_url[256];
    service_url(batch_url, sizeof batch_url, &env, "capimig", "batch");
    service_url(vault_url, sizeof vault_url, &env, "capimig", "vault");
    kvb_batch_client* batch = NULL;
    CHECK(kvb_batch_client_new(&batch, batch_url, cred, &env.options) == KVB_OK);
    seed(&env, batch);
    kvb_migrator* m = NULL;
    CHECK(kvb_migrator_new(&m, batch, "http://capimig.vault.localhost", cred, &env.options) ==
          KVB_E_INVALID_ARGUMENT);
    CHECK(kvb_migrator_new(&m, batch, vault_url, cred, &env.options) == KVB_OK);
    kvb_batch_client_free(batch); /* the migrator keeps its own copy */
    kvb_credential_free(cred);

    kvb_migration_inventory* inv = NULL;
    CHECK(kvb_migrator_inventory(&inv, m) == KVB_OK);
    test_inventory(inv);
    kvb_migration_plan* plan = test_plan(m, inv);
    test_dry_run(&env, m, inv, plan);
    test_cancel_and_resume(&env, m, inv, plan, work);
    kvb_migration_plan_free(plan);
    kvb_migration_inventory_free(inv);
    test_retired(&env, m);
    kvb_migrator_free(m);

    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", work);
    CHECK(system(command) == 0);
    return finish();
}
