// SPDX-License-Identifier: MIT
#include "migrate/scheduler.hpp"

#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

namespace kvb::detail {

std::vector<migrate::ItemOutcome> Scheduler::migrateCertificates() {
    const migrate::Plan& plan = run_.plan;
    const bool dryRun = run_.options.dryRun;
    std::vector<migrate::ItemOutcome> outcomes(plan.items.size());
    progressState_.total = plan.items.size();
    std::vector<std::size_t> work;
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
        outcomes[i].plan = plan.items[i];
        settleWithoutWrites(outcomes[i]);
        if (outcomes[i].result == migrate::StepResult::Planned && writes(plan.items[i].action) && !dryRun) {
            work.push_back(i);
        } else if (plan.items[i].action == migrate::PlanAction::AlreadyPresent && !dryRun &&
                   uncertainHistory(run_.resumed, plan.items[i])) {
            work.push_back(i); // present, but an earlier write's outcome is unknown: check versions
        } else {
            // Settled without a write (already present, needing attention, dry run): counted
            // from the start, so the progress ends with the report's totals; only writes are
            // announced.
            tally(outcomes[i]);
        }
    }
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t n = next++; n < work.size(); n = next++) {
            migrate::ItemOutcome& outcome = outcomes[work[n]];
            if (run_.context.isCancelled()) {
                if (outcome.plan.action != migrate::PlanAction::AlreadyPresent) {
                    outcome.result = migrate::StepResult::Skipped;
                    outcome.detail = "cancelled before it started";
                }
            } else if (outcome.plan.action == migrate::PlanAction::AlreadyPresent) {
                writer_.reconcile(outcome);
            } else {
                writer_.migrate(outcome);
            }
            report(outcome);
        }
    };
    const std::size_t threads =
        std::min<std::size_t>(static_cast<std::size_t>(run_.options.concurrency), work.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    return outcomes;
}

void Scheduler::settleWithoutWrites(migrate::ItemOutcome& o) const {
    const migrate::PlanItem& item = o.plan;
    if (item.action == migrate::PlanAction::AlreadyPresent) {
        o.result = migrate::StepResult::Skipped;
        o.detail = "already present";
        o.keyVaultId = item.existingId;
        o.secretId = item.existingSecretId;
        o.x5t = item.existingSecretId == item.existingId ? "" : pki::thumbprintHexToX5t(item.thumbprint);
        o.verified = true;
    } else if (!writes(item.action)) {
        o.result = migrate::StepResult::Failed;
        o.detail = item.reason;
    } else if (!run_.plan.vaultError.empty()) {
        // A dry run too: without the vault's state, "import" would be a guess.
        o.result = migrate::StepResult::Failed;
        o.detail = "the vault could not be read: " + run_.plan.vaultError;
    } else if (run_.options.dryRun) {
        o.result = migrate::StepResult::Planned;
    }
}

void Scheduler::tally(const migrate::ItemOutcome& o) {
    ++progressState_.done;
    if (o.result == migrate::StepResult::Succeeded) ++progressState_.succeeded;
    if (o.result == migrate::StepResult::Failed) ++progressState_.failed;
    if (o.result == migrate::StepResult::Skipped) ++progressState_.skipped;
}

void Scheduler::report(const migrate::ItemOutcome& o) {
    std::lock_guard lock(progressMutex_);
    tally(o);
    progressState_.thumbprint = o.plan.thumbprint;
    progressState_.result = o.result;
    if (progress_) progress_(progressState_);
}

} // namespace kvb::detail
