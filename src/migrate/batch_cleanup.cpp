// SPDX-License-Identifier: MIT
#include "migrate/batch_cleanup.hpp"

#include <kvbridge/error.hpp>

#include <optional>
#include <type_traits>

#include "migrate/references.hpp"

namespace kvb::detail {

namespace {

// Journal @p record as started, run @p action, journal how it ended. The started and succeeded
// records keep what @p record notes (a pool's references); a failed one holds the reason.
// @return the failure reason, or nullopt when @p action succeeded.
template <class Record, class Action>
std::optional<std::string> runStep(migrate::Journal& journal, const Record& record, Action&& action) {
    journal.append(record);
    Record done = record;
    done.ts.clear();
    try {
        action();
        done.status = migrate::JournalStatus::Succeeded;
        journal.append(done);
        return std::nullopt;
    } catch (const Error& e) {
        done.status = migrate::JournalStatus::Failed;
        done.detail = e.what();
        if constexpr (std::is_same_v<Record, migrate::PoolStepRecord>) done.references.clear();
        journal.append(done);
        return std::string(e.what());
    }
}

} // namespace

migrate::Inventory BatchCleanup::restoreClearedReferences(const migrate::Inventory& inventory) {
    migrate::Inventory out = inventory;
    for (auto& pool : out.pools) {
        const auto last = run_.resumed.last(migrate::PoolStep::ClearReferences, pool.id);
        if (!last || last->status == migrate::JournalStatus::Failed || last->references.empty()) continue;
        if (!certificateUsesOf(migrate::ReferenceKind::Pool, pool.id, pool.json).empty()) continue;
        try {
            pool.json = withCertificateReferences(pool.json, last->references);
        } catch (const Error&) {
            continue; // not a reference list (a journal of an older version): nothing to restore
        }
        if (last->status == migrate::JournalStatus::Succeeded) clearedEarlier_.insert(pool.id);
    }
    return out;
}

std::vector<migrate::PoolCleanup> BatchCleanup::clearPoolReferences(const migrate::Inventory& inventory,
                                                                    const std::set<std::string>& verified) {
    std::vector<migrate::PoolCleanup> out;
    for (const auto& pool : inventory.pools) {
        const auto uses = certificateUsesOf(migrate::ReferenceKind::Pool, pool.id, pool.json);
        if (uses.empty()) continue;
        migrate::PoolCleanup c;
        c.poolId = pool.id;
        std::string pending;
        for (const auto& [thumbprint, use] : uses) {
            if (verified.count(thumbprint) == 0) pending += (pending.empty() ? "" : ", ") + thumbprint;
        }
        if (clearedEarlier_.count(pool.id) != 0) {
            c.result = migrate::StepResult::Succeeded; // Batch has none left: nothing to send again
        } else if (!pending.empty()) {
            c.detail = "still references certificates not verified in Key Vault: " + pending;
        } else {
            // The references go into the journal first: once Batch forgets them, a rerun
            // after a crash still needs them for the pool's guidance.
            migrate::PoolStepRecord started;
            started.step = migrate::PoolStep::ClearReferences;
            started.poolId = pool.id;
            started.references = certificateReferencesOf(pool.json);
            const auto failure = runStep(run_.journal, started, [&] {
                run_.batch.clearPoolCertificateReferences(pool.id, run_.context);
            });
            c.result = failure ? migrate::StepResult::Failed : migrate::StepResult::Succeeded;
            c.detail = failure.value_or("");
        }
        out.push_back(std::move(c));
    }
    return out;
}

void BatchCleanup::deleteBatchCertificates(std::vector<migrate::ItemOutcome>& outcomes) const {
    for (auto& o : outcomes) {
        if (!o.verified) {
            o.batchCertificateCleanup = "skipped: not verified in Key Vault";
            continue;
        }
        const auto failure = runStep(run_.journal,
                                     recordOf(migrate::CertificateStep::DeleteBatchCertificate, o.plan,
                                              migrate::JournalStatus::Started),
                                     [&] {
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

void BatchCleanup::recallDeletedEarlier(std::vector<migrate::ItemOutcome>& outcomes) const {
    std::set<std::string> listed;
    for (const auto& o : outcomes) listed.insert(o.plan.thumbprint);
    for (const auto& deleted : run_.resumed.lastOf(migrate::CertificateStep::DeleteBatchCertificate)) {
        // "started" too: the run died waiting for the answer, and Batch no longer lists it.
        if (deleted.status == migrate::JournalStatus::Failed || listed.count(deleted.thumbprint) != 0)
            continue;
        const auto verified = run_.resumed.last(migrate::CertificateStep::Verify, deleted.thumbprint);
        if (!verified || verified->status != migrate::JournalStatus::Succeeded) continue;
        migrate::ItemOutcome o;
        o.plan.thumbprint = deleted.thumbprint;
        o.plan.targetName = deleted.name;
        o.plan.action = migrate::PlanAction::AlreadyPresent;
        o.plan.reason = "migrated, verified and deleted from Batch by an earlier run";
        o.plan.existingId = verified->kvId;
        o.result = migrate::StepResult::Skipped;
        o.detail = "already present";
        o.keyVaultId = verified->kvId;
        o.secretId = secretIdOf(verified->kvId);
        o.x5t = verified->x5t;
        o.verified = true;
        o.batchCertificateCleanup = "deleted";
        outcomes.push_back(std::move(o));
    }
}

} // namespace kvb::detail
