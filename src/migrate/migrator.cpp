// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/migrator.hpp>

#include "migrate/execution.hpp"
#include "migrate/references.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <set>

namespace kvb::migrate {

namespace {

CertificateInventoryItem& itemFor(std::vector<CertificateInventoryItem>& items,
                                  const std::string& thumbprint) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const CertificateInventoryItem& c) { return c.thumbprint == thumbprint; });
    if (it != items.end()) return *it;
    CertificateInventoryItem item;
    item.thumbprint = thumbprint;
    items.push_back(std::move(item));
    return items.back();
}

void addUses(std::vector<CertificateInventoryItem>& items, ReferenceKind kind,
             const std::vector<BatchEntityRecord>& entities) {
    for (const auto& entity : entities) {
        for (auto& [thumbprint, use] : detail::certificateUsesOf(kind, entity.id, entity.json)) {
            itemFor(items, thumbprint).uses.push_back(std::move(use));
        }
    }
}

// Names the plan wants to write but the certificate listing did not show: look for soft-deleted
// certificates and existing secrets there.
void probeTargetNames(const Plan& plan, const VaultStore& vault, VaultSnapshot& snapshot,
                      const Context& context) {
    for (const auto& item : plan.items) {
        if (item.action != PlanAction::Import && item.action != PlanAction::StorePublicAsSecret) continue;
        const std::string key = detail::toLower(item.targetName);
        if (auto deleted = vault.getDeletedCertificate(item.targetName, context)) {
            snapshot.deletedCertificates[key] = std::move(*deleted);
        }
        if (item.action == PlanAction::StorePublicAsSecret) {
            if (auto secret = vault.getSecretProperties(item.targetName, context)) {
                snapshot.secrets[key] = std::move(*secret);
            }
        }
    }
}

} // namespace

std::map<std::string, std::string> migrationTags(const std::string& batchAccount,
                                                 const std::string& thumbprint) {
    return {{"batch-account", batchAccount},
            {detail::kThumbprintTag, detail::toUpper(thumbprint)},
            {"migrated-by", "kvbridge"}};
}

Migrator::Migrator(std::shared_ptr<const BatchSource> batch, std::shared_ptr<const VaultStore> vault,
                   MigrationOptions options)
    : batch_(std::move(batch)), vault_(std::move(vault)), options_(std::move(options)) {
    if (!batch_) throw InvalidArgument("Migrator needs a BatchSource");
    if (!vault_) throw InvalidArgument("Migrator needs a VaultStore");
    if (options_.concurrency < 1 || options_.concurrency > 64) {
        throw InvalidArgument("concurrency must be between 1 and 64");
    }
    if (options_.writeBudget < 1) throw InvalidArgument("writeBudget must be at least 1");
    validateMigrationOptions(options_);
}

Inventory Migrator::inventory(const Context& context) const {
    Inventory inv;
    inv.batchAccount = batch_->accountName();
    try {
        for (const auto& record : batch_->listCertificates(context)) {
            auto& item = itemFor(inv.certificates, detail::toUpper(record.thumbprint));
            item.batchState = record.state;
            item.publicData = record.publicData;
            item.fromCertificateApi = true;
        }
    } catch (const CertificateRetiredError&) {
        inv.certificateApiRetired = true;
    }
    inv.pools = batch_->listPools(context);
    inv.jobSchedules = batch_->listJobSchedules(context);
    addUses(inv.certificates, ReferenceKind::Pool, inv.pools);
    addUses(inv.certificates, ReferenceKind::JobSchedule, inv.jobSchedules);
    return inv;
}

Plan Migrator::plan(const Inventory& inventory, const Context& context) const {
    const KeyMaterialScan material = scanKeyMaterial(options_.keyMaterial, options_.passwords);
    VaultSnapshot snapshot;
    std::string vaultError;
    Plan plan;
    try {
        snapshot.certificates = vault_->listCertificates(context);
        plan = makePlan(inventory.certificates, material, snapshot, options_.planning);
        probeTargetNames(plan, *vault_, snapshot, context);
        plan = makePlan(inventory.certificates, material, snapshot, options_.planning);
    } catch (const OperationCancelled&) {
        throw;
    } catch (const Error& e) {
        // Plan from the files alone; execute() fails every write with this reason.
        vaultError = e.what();
        plan = makePlan(inventory.certificates, material, VaultSnapshot{}, options_.planning);
    }
    plan.vaultError = vaultError;
    plan.batchAccount = inventory.batchAccount;
    plan.vaultUrl = options_.vaultUrl;
    plan.certificateApiRetired = inventory.certificateApiRetired;
    if (inventory.certificateApiRetired) {
        plan.warnings.insert(
            plan.warnings.begin(),
            "the Batch certificate API is retired for this account; thumbprints were taken from "
            "pool and job schedule references");
    }
    return plan;
}

MigrationReport Migrator::run(const ProgressCallback& progress, const Context& context) const {
    const Inventory inv = inventory(context);
    const Plan p = plan(inv, context);
    return execute(inv, p, progress, context);
}

} // namespace kvb::migrate
