// SPDX-License-Identifier: MIT
#include "migrate/batch_cleanup.hpp"

#include <kvbridge/error.hpp>

#include <optional>
#include <type_traits>

#include "migrate/references.hpp"

namespace kvb::migrate::detail {

namespace {

// Journal @p record as started, run @p action, journal how it ended. The started and succeeded
// records keep what @p record notes (a pool's references); a failed one holds the reason.
// @return the failure reason, or nullopt when @p action succeeded.
template <class Record, class Action>
std::optional<std::string> runStep(Journal& journal, const Record& record, Action&& action) {
    journal.append(record);
    Record done = record;
    done.ts.clear();
    try {
        action();
        done.status = JournalStatus::Succeeded;
        journal.append(done);
        return std::nullopt;
    } catch (const Error& e) {
        done.status = JournalStatus::Failed;
        done.detail = e.what();
        if constexpr (std::is_same_v<Record, PoolStepRecord>) done.references.clear();
        journal.append(done);
        return std::string(e.what());
    }
}

} // namespace

Inventory BatchCleanup::restoreClearedReferences(const Inventory& inventory) {
    Inventory out = inventory;
    for (auto& pool : out.pools) {
        const auto last = run_.resumed.last(PoolStep::ClearReferences, pool.id);
        if (!last || last->status == JournalStatus::Failed || last->references.empty()) continue;
        if (!certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json).empty()) continue;
        try {
            pool.json = withCertificateReferences(pool.json, last->references);
        } catch (const Error&) {
            continue; // not a reference list (a journal of an older version): nothing to restore
        }
        if (last->status == JournalStatus::Succeeded) clearedEarlier_.insert(pool.id);
    }
    return out;
}

std::vector<PoolCleanup> BatchCleanup::clearPoolReferences(const Inventory& inventory,
                                                           const std::set<std::string>& verified) {
    std::vector<PoolCleanup> out;
    for (const auto& pool : inventory.pools) {
        const auto uses = certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json);
        if (uses.empty()) continue;
        PoolCleanup c;
        c.poolId = pool.id;
        std::string pending;
        for (const auto& [thumbprint, use] : uses) {
            if (verified.count(thumbprint) == 0) pending += (pending.empty() ? "" : ", ") + thumbprint;
        }
        if (clearedEarlier_.count(pool.id) != 0) {
            c.result = StepResult::Succeeded; // Batch has none left: nothing to send again
        } else if (!pending.empty()) {
            c.detail = "still references certificates not verified in Key Vault: " + pending;
        } else {
            // The references go into the journal first: once Batch forgets them, a rerun
            // after a crash still needs them for the pool's guidance.
            PoolStepRecord started;
            started.step = PoolStep::ClearReferences;
            started.poolId = pool.id;
            started.references = certificateReferencesOf(pool.json);
            const auto failure = runStep(run_.journal, started, [&] {
                run_.batch.clearPoolCertificateReferences(pool.id, run_.context);
            });
            c.result = failure ? StepResult::Failed : StepResult::Succeeded;
            c.detail = failure.value_or("");
        }
        out.push_back(std::move(c));
    }
    return out;
}

void BatchCleanup::deleteBatchCertificates(std::vector<ItemOutcome>& outcomes) const {
    for (auto& o : outcomes) {
        if (!o.verified) {
            o.batchCertificateCleanup = "skipped: not verified in Key Vault";
            continue;
        }
        const auto failure =
            runStep(run_.journal,
                    recordOf(CertificateStep::DeleteBatchCertificate, o.plan, JournalStatus::Started), [&] {
                        try {
                            run_.batch.deleteCertificate(o.plan.thumbprint, run_.context);
                        } catch (const NotFoundError&) {
                            // Gone already (an earlier run): nothing left to delete.
                        }
                    });
        if (failure) {
            o.batchCertificateCleanup = "failed: " + *failure;
            continue;
        }
        try {
            o.batchCertificateCleanup = run_.batch.certificateState(o.plan.thumbprint, run_.context);
        } catch (const NotFoundError&) {
            o.batchCertificateCleanup = "deleted";
        } catch (const Error& e) {
            o.batchCertificateCleanup = std::string("deleting (state unknown: ") + e.what() + ")";
        }
    }
}

void BatchCleanup::recallDeletedEarlier(std::vector<ItemOutcome>& outcomes) const {
    std::set<std::string> listed;
    for (const auto& o : outcomes) listed.insert(o.plan.thumbprint);
    for (const auto& deleted : run_.resumed.lastOf(CertificateStep::DeleteBatchCertificate)) {
        // "started" too: the run died waiting for the answer, and Batch no longer lists it.
        if (deleted.status == JournalStatus::Failed || listed.count(deleted.thumbprint) != 0) continue;
        const auto verified = run_.resumed.last(CertificateStep::Verify, deleted.thumbprint);
        if (!verified || verified->status != JournalStatus::Succeeded) continue;
        ItemOutcome o;
        o.plan.thumbprint = deleted.thumbprint;
        o.plan.targetName = deleted.name;
        o.plan.action = PlanAction::AlreadyPresent;
        o.plan.reason = "migrated, verified and deleted from Batch by an earlier run";
        o.plan.existingId = verified->kvId;
        o.result = StepResult::Skipped;
        o.detail = "already present";
        o.keyVaultId = verified->kvId;
        o.secretId = secretIdOf(verified->kvId);
        o.x5t = verified->x5t;
        o.verified = true;
        o.batchCertificateCleanup = "deleted";
        outcomes.push_back(std::move(o));
    }
}

} // namespace kvb::migrate::detail
