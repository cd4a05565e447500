/* SPDX-License-Identifier: MIT */
/*
 * The kvbridge C ABI from C: read a secret, then plan a Batch -> Key Vault certificate migration
 * and run it dry (nothing is written).
 *
 * Environment (as the other examples):
 *   KVB_VAULT_URL        https://myvault.vault.azure.net
 *   KVB_BATCH_URL        https://myaccount.eastus.batch.azure.com
 *   KVB_KEY_MATERIAL     folder of .pfx/.p12/.pem/.cer files (Batch never returns private keys)
 *   KVB_PASSWORDS_FILE   optional JSON {"file-or-thumbprint": "password"}
 *   KVB_SECRET_NAME      the secret to read (default "app-config")
 *   AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST (optional)
 *   KVB_CA_FILE          optional PEM bundle to trust (an emulator's CA)
 */
#include <kvbridge/kvbridge.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int report_failure(const char* what) {
    const kvb_error* e = kvb_error_last();
    fprintf(stderr, "%s failed: %s (status %d, HTTP %d, service code '%s', request id '%s')\n", what,
            e->message, e->status, e->http_status, e->service_code, e->request_id);
    return 1;
}

static const char* env(const char* name, const char* fallback) {
    const char* value = getenv(name);
    return value ? value : fallback;
}

static int on_progress(const kvb_migration_progress* p, void* user_data) {
    (void)user_data;
    printf("  [%zu/%zu] %s %s\n", p->done, p->total, p->thumbprint, p->result);
    return 0; /* non-zero would cancel */
}

static int read_secret(const kvb_credential* credential, const kvb_client_options* options) {
    kvb_secret_client* client = NULL;
    if (kvb_secret_client_new(&client, env("KVB_VAULT_URL", ""), credential, options) != KVB_OK)
        return report_failure("kvb_secret_client_new");
    kvb_secret* secret = NULL;
    int rc = kvb_secret_client_get_secret(&secret, client, env("KVB_SECRET_NAME", "app-config"), NULL, NULL);
    if (rc == KVB_OK) /* the value itself is never printed */
        printf("secret %s, version %s: %zu characters\n", kvb_secret_name(secret), kvb_secret_version(secret),
               strlen(kvb_secret_value(secret)));
    else
        report_failure("kvb_secret_client_get_secret");
    kvb_secret_free(secret); /* wipes the value */
    kvb_secret_client_free(client);
    return rc == KVB_OK ? 0 : 1;
}

static int dry_run(kvb_migrator* migrator) {
    kvb_migration_inventory* inventory = NULL;
    kvb_migration_plan* plan = NULL;
    kvb_migration_report* report = NULL;
    int status = 1;
    if (kvb_migrator_inventory(&inventory, migrator) != KVB_OK) {
        report_failure("kvb_migrator_inventory");
        goto done;
    }
    printf("inventory: %zu certificates, %zu pools, %zu job schedules\n",
           kvb_migration_inventory_count(inventory), kvb_migration_inventory_pool_count(inventory),
           kvb_migration_inventory_job_schedule_count(inventory));

    const char* material[] = {env("KVB_KEY_MATERIAL", ".")};
    kvb_migration_plan_options plan_options = KVB_MIGRATION_PLAN_OPTIONS_INIT;
    plan_options.key_material = material;
    plan_options.key_material_count = 1;
    plan_options.passwords_file = getenv("KVB_PASSWORDS_FILE");
    if (kvb_migrator_plan(&plan, migrator, inventory, &plan_options) != KVB_OK) {
        report_failure("kvb_migrator_plan");
        goto done;
    }
    for (size_t i = 0; i < kvb_migration_plan_count(plan); ++i)
        printf("  %s  %-22s %s\n", kvb_migration_plan_thumbprint(plan, i), kvb_migration_plan_action(plan, i),
               kvb_migration_plan_target_name(plan, i));

    kvb_migration_execute_options execute_options = KVB_MIGRATION_EXECUTE_OPTIONS_INIT;
    execute_options.dry_run = 1;
    execute_options.msi_client_id = "00000000-0000-0000-0000-00000000abcd";
    if (kvb_migrator_execute(&report, migrator, inventory, plan, &execute_options, on_progress, NULL) !=
        KVB_OK) {
        report_failure("kvb_migrator_execute");
        goto done;
    }
    printf("dry run: %zu planned, %zu need attention\n",
           kvb_migration_report_count(report, KVB_MIGRATION_PLANNED),
           kvb_migration_report_count(report, KVB_MIGRATION_FAILED));
    kvb_string pools = {NULL, 0};
    if (kvb_migration_report_pools_to_json(&pools, report) == KVB_OK)
        printf("pool guidance: %s\n", pools.ptr);
    kvb_string_dispose(&pools);
    status = 0;
done:
    kvb_migration_report_free(report);
    kvb_migration_plan_free(plan);
    kvb_migration_inventory_free(inventory);
    return status;
}

int main(void) {
    kvb_client_options options = KVB_CLIENT_OPTIONS_INIT;
    options.ca_file = getenv("KVB_CA_FILE");
    options.authority_host = getenv("AZURE_AUTHORITY_HOST");

    kvb_credential* credential = NULL;
    if (kvb_credential_new_client_secret(&credential, env("AZURE_TENANT_ID", ""), env("AZURE_CLIENT_ID", ""),
                                         env("AZURE_CLIENT_SECRET", ""), &options) != KVB_OK)
        return report_failure("kvb_credential_new_client_secret");
    int status = read_secret(credential, &options);

    kvb_batch_client* batch = NULL;
    kvb_migrator* migrator = NULL;
    if (kvb_batch_client_new(&batch, env("KVB_BATCH_URL", ""), credential, &options) != KVB_OK)
        status = report_failure("kvb_batch_client_new");
    else if (kvb_migrator_new(&migrator, batch, env("KVB_VAULT_URL", ""), credential, &options) != KVB_OK)
        status = report_failure("kvb_migrator_new");
    else
        status |= dry_run(migrator);
    kvb_migrator_free(migrator);
    kvb_batch_client_free(batch);
    kvb_credential_free(credential);
    return status;
}
