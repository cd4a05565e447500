// SPDX-License-Identifier: MIT
// The migration engine of the C ABI: inventory, plan, execute with progress and cancellation,
// report.

#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "batch_internal.hpp"
#include "documents/migration.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

using namespace kvb::migrate;

struct MigratorHandle : HandleBase {
    static constexpr Tag kTag = migrateTag(1);
    std::shared_ptr<const BatchSource> batch;
    std::shared_ptr<const VaultStore> vault;
    std::string vaultUrl;
    MigratorHandle(std::shared_ptr<const BatchSource> b, std::shared_ptr<const VaultStore> v, std::string url)
        : HandleBase(kTag), batch(std::move(b)), vault(std::move(v)), vaultUrl(std::move(url)) {}

    Migrator migrator(MigrationOptions options) const { return Migrator(batch, vault, std::move(options)); }
};

using InventoryHandle = ValueHandle<migrateTag(2), Inventory>;
using ReportHandle = ValueHandle<migrateTag(4), MigrationReport>;

// The plan keeps the options it was made with: execute() re-opens the same files with the same
// passwords.
struct PlanHandle : HandleBase {
    static constexpr Tag kTag = migrateTag(3);
    Plan plan;
    MigrationOptions options;
    PlanHandle(Plan p, MigrationOptions o) : HandleBase(kTag), plan(std::move(p)), options(std::move(o)) {}
};

SecretString passwordFromEnvironment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) throw InvalidArgument(std::string("environment variable ") + name + " is not set");
    return SecretString(value);
}

MigrationOptions planOptions(const kvb_migration_plan_options* o, const std::string& vaultUrl) {
    MigrationOptions m;
    m.vaultUrl = vaultUrl;
    if (checkedOptions(o) == nullptr) return m;
    if (o->key_material_count > 0 && o->key_material == nullptr)
        throw InvalidArgument("key_material is NULL");
    for (size_t i = 0; i < o->key_material_count; ++i)
        m.keyMaterial.emplace_back(std::string(required(o->key_material[i], "key_material entry")));
    if (o->passwords_file) m.passwords = PasswordBook::fromFile(o->passwords_file);
    if (o->password_env) m.passwords.setDefault(passwordFromEnvironment(o->password_env));
    if (o->name_mapping_file) m.planning.names = loadNameMapping(o->name_mapping_file);
    if (o->name_prefix) m.planning.namePrefix = o->name_prefix;
    m.planning.recoverDeleted = o->recover_deleted != 0;
    if (o->verify_mode != KVB_MIGRATION_VERIFY_BASIC && o->verify_mode != KVB_MIGRATION_VERIFY_DEEP)
        throw InvalidArgument("verify_mode is neither KVB_MIGRATION_VERIFY_BASIC nor _DEEP");
    m.verify = o->verify_mode == KVB_MIGRATION_VERIFY_DEEP ? VerifyMode::Deep : VerifyMode::Basic;
    return m;
}

MigrationOptions executeOptions(MigrationOptions m, const kvb_migration_execute_options* o) {
    if (checkedOptions(o) == nullptr) return m;
    if (o->concurrency < 0 || o->write_budget < 0 || o->polling_interval_seconds < 0)
        throw InvalidArgument("concurrency, write_budget and polling_interval_seconds must not be negative");
    m.dryRun = o->dry_run != 0;
    if (o->concurrency > 0) m.concurrency = o->concurrency;
    if (o->write_budget > 0) m.writeBudget = o->write_budget;
    if (o->journal_path) m.journalPath = o->journal_path;
    m.clearPoolReferences = o->clear_pool_references != 0;
    m.deleteBatchCertificates = o->delete_batch_certificates != 0;
    m.pools.msiClientId = optional(o->msi_client_id);
    m.pools.msiResourceId = optional(o->msi_resource_id);
    if (o->polling_interval_seconds > 0) m.pools.pollingIntervalSeconds = o->polling_interval_seconds;
    if (!m.dryRun && m.journalPath.has_parent_path())
        std::filesystem::create_directories(m.journalPath.parent_path());
    return m;
}

// Turns the C callback's "stop" answer into a cancelled context.
ProgressCallback progressBridge(kvb_migration_progress_callback callback, void* userData,
                                const Context& context) {
    if (callback == nullptr) return {};
    return [callback, userData, context](const Progress& p) {
        const kvb_migration_progress c{
            p.done, p.total, p.succeeded, p.failed, p.skipped, p.thumbprint.c_str(), toText(p.result)};
        if (callback(&c, userData) != 0) context.cancel();
    };
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;
using namespace kvb::migrate;

extern "C" {

int kvb_migrator_new(kvb_migrator** out, const kvb_batch_client* batch, const char* vault_url,
                     const kvb_credential* vault_credential, const kvb_client_options* vault_options) {
    return guard([&] {
        resetOut(out);
        auto source = std::make_shared<BatchClientSource>(batchClientOf(batch));
        const std::string url(required(vault_url, "vault_url"));
        const auto credential = credentialOf(vault_credential);
        const auto options = keyVaultOptions(vault_options);
        auto vault = std::make_shared<KeyVaultStore>(url, credential, options);
        *out = reinterpret_cast<kvb_migrator*>(new MigratorHandle(std::move(source), std::move(vault), url));
        return KVB_OK;
    });
}

void kvb_migrator_free(kvb_migrator* migrator) {
    freeHandle<MigratorHandle>(migrator);
}

int kvb_migrator_inventory(kvb_migration_inventory** out, const kvb_migrator* migrator) {
    return guard([&] {
        resetOut(out);
        const auto& m = unwrap<MigratorHandle>(migrator);
        return returnHandle<InventoryHandle>(out, m.migrator({}).inventory());
    });
}

size_t kvb_migration_inventory_count(const kvb_migration_inventory* inventory) {
    return readNumber<InventoryHandle>(inventory, [](const auto& h) { return h.value.certificates.size(); });
}
const char* kvb_migration_inventory_thumbprint(const kvb_migration_inventory* inventory, size_t index) {
    return borrowText<InventoryHandle>(
        inventory, [index](const auto& h) -> auto& { return at(h.value.certificates, index).thumbprint; });
}
const char* kvb_migration_inventory_state(const kvb_migration_inventory* inventory, size_t index) {
    return borrowText<InventoryHandle>(
        inventory, [index](const auto& h) -> auto& { return at(h.value.certificates, index).batchState; });
}
size_t kvb_migration_inventory_use_count(const kvb_migration_inventory* inventory, size_t index) {
    return readNumber<InventoryHandle>(
        inventory, [index](const auto& h) { return at(h.value.certificates, index).uses.size(); });
}
size_t kvb_migration_inventory_pool_count(const kvb_migration_inventory* inventory) {
    return readNumber<InventoryHandle>(inventory, [](const auto& h) { return h.value.pools.size(); });
}
size_t kvb_migration_inventory_job_schedule_count(const kvb_migration_inventory* inventory) {
    return readNumber<InventoryHandle>(inventory, [](const auto& h) { return h.value.jobSchedules.size(); });
}
int kvb_migration_inventory_certificate_api_retired(const kvb_migration_inventory* inventory) {
    return static_cast<int>(
        readNumber<InventoryHandle>(inventory, [](const auto& h) { return h.value.certificateApiRetired; }));
}

int kvb_migration_inventory_to_json(kvb_string* out, const kvb_migration_inventory* inventory) {
    return guard([&] {
        requireOut(out);
        fillString(out, toJson(unwrap<InventoryHandle>(inventory).value));
        return KVB_OK;
    });
}

void kvb_migration_inventory_free(kvb_migration_inventory* inventory) {
    freeHandle<InventoryHandle>(inventory);
}

int kvb_migration_plan_options_init(kvb_migration_plan_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_migrator_plan(kvb_migration_plan** out, const kvb_migrator* migrator,
                      const kvb_migration_inventory* inventory, const kvb_migration_plan_options* options) {
    return guard([&] {
        resetOut(out);
        const auto& m = unwrap<MigratorHandle>(migrator);
        const auto& inv = unwrap<InventoryHandle>(inventory).value;
        auto opts = planOptions(options, m.vaultUrl);
        auto plan = m.migrator(opts).plan(inv);
        *out = reinterpret_cast<kvb_migration_plan*>(new PlanHandle(std::move(plan), std::move(opts)));
        return KVB_OK;
    });
}

size_t kvb_migration_plan_count(const kvb_migration_plan* plan) {
    return readNumber<PlanHandle>(plan, [](const auto& h) { return h.plan.items.size(); });
}
const char* kvb_migration_plan_thumbprint(const kvb_migration_plan* plan, size_t index) {
    return borrowText<PlanHandle>(
        plan, [index](const auto& h) -> auto& { return at(h.plan.items, index).thumbprint; });
}
const char* kvb_migration_plan_action(const kvb_migration_plan* plan, size_t index) {
    return borrowText<PlanHandle>(plan,
                                  [index](const auto& h) { return toText(at(h.plan.items, index).action); });
}
const char* kvb_migration_plan_reason(const kvb_migration_plan* plan, size_t index) {
    return borrowText<PlanHandle>(
        plan, [index](const auto& h) -> auto& { return at(h.plan.items, index).reason; });
}
const char* kvb_migration_plan_target_name(const kvb_migration_plan* plan, size_t index) {
    return borrowText<PlanHandle>(
        plan, [index](const auto& h) -> auto& { return at(h.plan.items, index).targetName; });
}
const char* kvb_migration_plan_source_file(const kvb_migration_plan* plan, size_t index) {
    return borrowText<PlanHandle>(
        plan, [index](const auto& h) -> auto& { return at(h.plan.items, index).sourceFile; });
}

int kvb_migration_plan_to_json(kvb_string* out, const kvb_migration_plan* plan) {
    return guard([&] {
        requireOut(out);
        fillString(out, document(writeMigrationPlan, unwrap<PlanHandle>(plan).plan));
        return KVB_OK;
    });
}

void kvb_migration_plan_free(kvb_migration_plan* plan) {
    freeHandle<PlanHandle>(plan);
}

int kvb_migration_execute_options_init(kvb_migration_execute_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_migrator_execute(kvb_migration_report** out, const kvb_migrator* migrator,
                         const kvb_migration_inventory* inventory, const kvb_migration_plan* plan,
                         const kvb_migration_execute_options* options,
                         kvb_migration_progress_callback progress, void* user_data) {
    return guard([&] {
        resetOut(out);
        const auto& m = unwrap<MigratorHandle>(migrator);
        const auto& inv = unwrap<InventoryHandle>(inventory).value;
        const auto& p = unwrap<PlanHandle>(plan);
        const auto opts = executeOptions(p.options, options);
        Context context;
        auto report =
            m.migrator(opts).execute(inv, p.plan, progressBridge(progress, user_data, context), context);
        if (options && options->report_dir) writeReport(report, options->report_dir);
        if (context.isCancelled())
            return fail(KVB_E_CANCELLED,
                        "cancelled by the progress callback; run again with the same journal to resume");
        return returnHandle<ReportHandle>(out, std::move(report));
    });
}

size_t kvb_migration_report_count(const kvb_migration_report* report, int result) {
    return readNumber<ReportHandle>(report, [result](const auto& h) -> size_t {
        if (result < KVB_MIGRATION_PLANNED || result > KVB_MIGRATION_FAILED) return 0;
        return h.value.count(static_cast<StepResult>(result));
    });
}
size_t kvb_migration_report_item_count(const kvb_migration_report* report) {
    return readNumber<ReportHandle>(report, [](const auto& h) { return h.value.certificates.size(); });
}
const char* kvb_migration_report_item_thumbprint(const kvb_migration_report* report, size_t index) {
    return borrowText<ReportHandle>(
        report, [index](const auto& h) -> auto& { return at(h.value.certificates, index).plan.thumbprint; });
}
const char* kvb_migration_report_item_result(const kvb_migration_report* report, size_t index) {
    return borrowText<ReportHandle>(
        report, [index](const auto& h) { return toText(at(h.value.certificates, index).result); });
}
const char* kvb_migration_report_item_secret_id(const kvb_migration_report* report, size_t index) {
    return borrowText<ReportHandle>(
        report, [index](const auto& h) -> auto& { return at(h.value.certificates, index).secretId; });
}
int kvb_migration_report_complete(const kvb_migration_report* report) {
    return static_cast<int>(
        readNumber<ReportHandle>(report, [](const auto& h) { return h.value.complete(); }));
}

int kvb_migration_report_to_json(kvb_string* out, const kvb_migration_report* report) {
    return guard([&] {
        requireOut(out);
        fillString(out, toJson(unwrap<ReportHandle>(report).value));
        return KVB_OK;
    });
}

int kvb_migration_report_pools_to_json(kvb_string* out, const kvb_migration_report* report) {
    return guard([&] {
        requireOut(out);
        fillString(out, toJson(unwrap<ReportHandle>(report).value.pools));
        return KVB_OK;
    });
}

int kvb_migration_report_write(const kvb_migration_report* report, const char* dir) {
    return guard([&] {
        writeReport(unwrap<ReportHandle>(report).value, std::string(required(dir, "dir")));
        return KVB_OK;
    });
}

void kvb_migration_report_free(kvb_migration_report* report) {
    freeHandle<ReportHandle>(report);
}

} // extern "C"
