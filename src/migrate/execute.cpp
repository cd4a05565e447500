// SPDX-License-Identifier: MIT
// Migrator::execute(): the only part of the migration that writes. It wires one run's parts
// together (scheduler, certificate writer, write settlement, verification, duplicate and Batch
// clean-up; each in its own file) and assembles the report. Every step is journaled before and
// after; every failure stays with its certificate.

#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <map>
#include <memory>
#include <set>

#include "migrate/batch_cleanup.hpp"
#include "migrate/certificate_writer.hpp"
#include "migrate/duplicate_cleanup.hpp"
#include "migrate/execution.hpp"
#include "migrate/references.hpp"
#include "migrate/scheduler.hpp"
#include "migrate/text_util.hpp"
#include "migrate/token_bucket.hpp"
#include "migrate/verification.hpp"
#include "migrate/write_settlement.hpp"

namespace kvb::migrate {

namespace {

std::vector<PoolGuidance> guidanceFor(const Inventory& inventory, const std::vector<ItemOutcome>& outcomes,
                                      const PoolGuidanceOptions& options) {
    std::map<std::string, std::string> secretIds;
    for (const auto& o : outcomes) {
        if (o.verified && !o.secretId.empty()) secretIds[o.plan.thumbprint] = versionlessId(o.secretId);
    }
    std::vector<PoolGuidance> out;
    for (const auto& pool : inventory.pools) {
        if (detail::certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json).empty()) continue;
        out.push_back(makePoolGuidance(pool.id, pool.json, secretIds, options));
    }
    for (const auto& schedule : inventory.jobSchedules) {
        if (detail::certificateUsesOf(ReferenceKind::JobSchedule, schedule.id, schedule.json).empty())
            continue;
        if (auto autoPool = detail::autoPoolOf(schedule.json)) {
            out.push_back(makePoolGuidance(schedule.id, *autoPool, secretIds, options, true));
        }
    }
    return out;
}

} // namespace

MigrationReport Migrator::execute(const Inventory& inventory, const Plan& plan,
                                  const ProgressCallback& progress, const Context& context) const {
    MigrationReport report;
    report.startedAt = detail::nowIso8601();
    report.batchAccount = plan.batchAccount;
    report.vaultUrl = plan.vaultUrl;
    report.dryRun = options_.dryRun;
    report.certificateApiRetired = plan.certificateApiRetired;
    report.warnings = plan.warnings;
    report.fileFindings = plan.fileFindings;

    detail::TokenBucket bucket(options_.writeBudget, options_.writeWindow);
    const auto journal = options_.dryRun || options_.journalPath.empty()
                             ? std::make_unique<Journal>()
                             : std::make_unique<Journal>(options_.journalPath);
    const JournalState resumed = journal->state();
    const detail::Execution run{
        *batch_, *vault_, options_, plan, context, *journal, resumed, bucket, detail::WallClock::now()};
    const detail::DuplicateCleanup duplicates(run);
    const detail::Verification verification(run, duplicates);
    const detail::WriteSettlement settlement(*vault_, *journal, bucket, context);
    const detail::CertificateWriter writer(run, settlement, verification, duplicates);
    report.certificates = detail::Scheduler(run, writer, progress).migrateCertificates();

    detail::BatchCleanup cleanup(run);
    const Inventory effective = cleanup.restoreClearedReferences(inventory);
    if (!options_.dryRun && !context.isCancelled()) {
        std::set<std::string> verified;
        for (const auto& o : report.certificates) {
            if (o.verified) verified.insert(o.plan.thumbprint);
        }
        if (options_.clearPoolReferences)
            report.poolCleanups = cleanup.clearPoolReferences(effective, verified);
        if (options_.deleteBatchCertificates) cleanup.deleteBatchCertificates(report.certificates);
        cleanup.recallDeletedEarlier(report.certificates);
    }
    report.pools = guidanceFor(effective, report.certificates, options_.pools);
    report.finishedAt = detail::nowIso8601();
    return report;
}

} // namespace kvb::migrate
