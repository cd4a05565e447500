// SPDX-License-Identifier: MIT
// Migrator::execute(): the only part of the migration that writes. Every step is journaled
// before and after; every failure stays with its certificate.

#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include "migrate/references.hpp"
#include "migrate/safe_text.hpp"
#include "migrate/text_util.hpp"
#include "migrate/token_bucket.hpp"

#include "core/time_format.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <type_traits>

namespace kvb::migrate {

namespace {

constexpr CertificateStep kImport = CertificateStep::Import;
constexpr CertificateStep kStoreSecret = CertificateStep::StoreSecret;
constexpr CertificateStep kRecover = CertificateStep::Recover;
constexpr CertificateStep kVerify = CertificateStep::Verify;
constexpr PoolStep kClearPool = PoolStep::ClearReferences;
constexpr CertificateStep kDeleteBatch = CertificateStep::DeleteBatchCertificate;
constexpr CertificateStep kSettle = CertificateStep::Settle;
constexpr CertificateStep kDisableDuplicate = CertificateStep::DisableDuplicate;
// Writes tried per certificate when replies get lost in transport.
constexpr int kWriteAttempts = 4;
// Longest pause between two looks for a write whose outcome is unknown.
constexpr std::chrono::milliseconds kLongestSettlePause{2000};

// Wall clock: the journal's timestamps anchor the waits of a rerun.
using Clock = std::chrono::system_clock;

bool writes(PlanAction action) {
    return action == PlanAction::Import || action == PlanAction::StorePublicAsSecret;
}

// The secret behind a certificate id: same vault, name and version.
std::string secretIdOf(std::string certificateId) {
    if (const auto at = certificateId.find("/certificates/"); at != std::string::npos)
        certificateId.replace(at, 14, "/secrets/");
    return certificateId;
}

// The kind of object that holds (or will hold) the item in the vault.
VaultObjectKind kindOf(const PlanItem& item) {
    const bool secret =
        item.action == PlanAction::StorePublicAsSecret ||
        (item.action == PlanAction::AlreadyPresent && item.existingSecretId == item.existingId);
    return secret ? VaultObjectKind::Secret : VaultObjectKind::Certificate;
}

CertificateStep writeStepOf(const PlanItem& item) {
    return kindOf(item) == VaultObjectKind::Secret ? kStoreSecret : kImport;
}

class Execution {
public:
    Execution(const BatchSource& batch, const VaultStore& vault, const MigrationOptions& options,
              const Plan& plan, const ProgressCallback& progress, const Context& context)
        : batch_(batch), vault_(vault), options_(options), plan_(plan), progress_(progress),
          context_(context), bucket_(options.writeBudget, options.writeWindow),
          journal_(options.dryRun || options.journalPath.empty()
                       ? std::make_unique<Journal>()
                       : std::make_unique<Journal>(options.journalPath)),
          resumed_(journal_->state()), startedAt_(Clock::now()) {}

    std::vector<ItemOutcome> migrateCertificates() {
        outcomes_.resize(plan_.items.size());
        progressState_.total = plan_.items.size();
        std::vector<std::size_t> work;
        for (std::size_t i = 0; i < plan_.items.size(); ++i) {
            outcomes_[i].plan = plan_.items[i];
            settleWithoutWrites(outcomes_[i]);
            if (outcomes_[i].result == StepResult::Planned && writes(plan_.items[i].action) &&
                !options_.dryRun) {
                work.push_back(i);
            } else if (plan_.items[i].action == PlanAction::AlreadyPresent && !options_.dryRun &&
                       uncertainHistory(plan_.items[i])) {
                work.push_back(i); // present, but an earlier write's outcome is unknown: check versions
            } else {
                // Settled without a write (already present, needing attention, dry run): counted
                // from the start, so the progress ends with the report's totals; only writes are
                // announced.
                tally(outcomes_[i]);
            }
        }
        std::atomic<std::size_t> next{0};
        auto worker = [&] {
            for (std::size_t n = next++; n < work.size(); n = next++) {
                ItemOutcome& outcome = outcomes_[work[n]];
                if (context_.isCancelled()) {
                    if (outcome.plan.action != PlanAction::AlreadyPresent) {
                        outcome.result = StepResult::Skipped;
                        outcome.detail = "cancelled before it started";
                    }
                } else if (outcome.plan.action == PlanAction::AlreadyPresent) {
                    reconcile(outcome);
                } else {
                    migrateOne(outcome);
                }
                report(outcome);
            }
        };
        const std::size_t threads =
            std::min<std::size_t>(static_cast<std::size_t>(options_.concurrency), work.size());
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
        return std::move(outcomes_);
    }

    std::vector<PoolCleanup> clearPoolReferences(const Inventory& inventory,
                                                 const std::set<std::string>& verified) {
        std::vector<PoolCleanup> out;
        for (const auto& pool : inventory.pools) {
            const auto uses = detail::certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json);
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
                started.step = kClearPool;
                started.poolId = pool.id;
                started.references = detail::certificateReferencesOf(pool.json);
                runStep(
                    started, [&] { batch_.clearPoolCertificateReferences(pool.id, context_); }, c);
            }
            out.push_back(std::move(c));
        }
        return out;
    }

    // Pools whose references an earlier run cleared (Batch lists none now; the journal kept
    // them) get them back here, so that clean-up reports them and their guidance is written again.
    Inventory restoreClearedReferences(const Inventory& inventory) {
        Inventory out = inventory;
        for (auto& pool : out.pools) {
            const auto last = resumed_.last(kClearPool, pool.id);
            if (!last || last->status == JournalStatus::Failed || last->references.empty()) continue;
            if (!detail::certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json).empty()) continue;
            try {
                pool.json = detail::withCertificateReferences(pool.json, last->references);
            } catch (const Error&) {
                continue; // not a reference list (a journal of an older version): nothing to restore
            }
            if (last->status == JournalStatus::Succeeded) clearedEarlier_.insert(pool.id);
        }
        return out;
    }

    void deleteBatchCertificates(std::vector<ItemOutcome>& outcomes) {
        for (auto& o : outcomes) {
            if (!o.verified) {
                o.batchCertificateCleanup = "skipped: not verified in Key Vault";
                continue;
            }
            PoolCleanup step; // reused for its result/detail
            runStep(
                record(kDeleteBatch, o.plan.thumbprint, o.plan.targetName, JournalStatus::Started),
                [&] {
                    try {
                        batch_.deleteCertificate(o.plan.thumbprint, context_);
                    } catch (const NotFoundError&) {
                        // Gone already (an earlier run): nothing left to delete.
                    }
                },
                step);
            if (step.result != StepResult::Succeeded) {
                o.batchCertificateCleanup = "failed: " + step.detail;
                continue;
            }
            try {
                o.batchCertificateCleanup = batch_.certificateState(o.plan.thumbprint, context_);
            } catch (const NotFoundError&) {
                o.batchCertificateCleanup = "deleted";
            } catch (const Error& e) {
                o.batchCertificateCleanup = std::string("deleting (state unknown: ") + e.what() + ")";
            }
        }
    }

    // Certificates an earlier run verified and then deleted from Batch: gone from Batch's
    // inventory, still part of what the migration did (a rerun after a crash reports them too).
    void recallDeletedEarlier(std::vector<ItemOutcome>& outcomes) const {
        std::set<std::string> listed;
        for (const auto& o : outcomes) listed.insert(o.plan.thumbprint);
        for (const auto& deleted : resumed_.lastOf(kDeleteBatch)) {
            // "started" too: the run died waiting for the answer, and Batch no longer lists it.
            if (deleted.status == JournalStatus::Failed || listed.count(deleted.thumbprint) != 0) continue;
            const auto verified = resumed_.last(kVerify, deleted.thumbprint);
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

private:
    // Items that need no write: already present, needing attention, dry run, vault down.
    void settleWithoutWrites(ItemOutcome& o) const {
        const PlanItem& item = o.plan;
        if (item.action == PlanAction::AlreadyPresent) {
            o.result = StepResult::Skipped;
            o.detail = "already present";
            o.keyVaultId = item.existingId;
            o.secretId = item.existingSecretId;
            o.x5t = item.existingSecretId == item.existingId ? "" : pki::thumbprintHexToX5t(item.thumbprint);
            o.verified = true;
        } else if (!writes(item.action)) {
            o.result = StepResult::Failed;
            o.detail = item.reason;
        } else if (!plan_.vaultError.empty()) {
            // A dry run too: without the vault's state, "import" would be a guess.
            o.result = StepResult::Failed;
            o.detail = "the vault could not be read: " + plan_.vaultError;
        } else if (options_.dryRun) {
            o.result = StepResult::Planned;
        }
    }

    void tally(const ItemOutcome& o) {
        ++progressState_.done;
        if (o.result == StepResult::Succeeded) ++progressState_.succeeded;
        if (o.result == StepResult::Failed) ++progressState_.failed;
        if (o.result == StepResult::Skipped) ++progressState_.skipped;
    }

    void report(const ItemOutcome& o) {
        std::lock_guard lock(progressMutex_);
        tally(o);
        progressState_.thumbprint = o.plan.thumbprint;
        progressState_.result = o.result;
        if (progress_) progress_(progressState_);
    }

    CertificateStepRecord record(CertificateStep step, const std::string& key, const std::string& name,
                                 JournalStatus status, const std::string& detail = {}) const {
        CertificateStepRecord r;
        r.step = step;
        r.thumbprint = key;
        r.name = name;
        r.status = status;
        r.detail = detail;
        return r;
    }

    // Journal @p started, run @p action, journal how it ended; result and detail go to @p into.
    // The started and succeeded records keep what @p started notes (a pool's references); a
    // failed one holds the reason.
    template <class Record, class Action>
    void runStep(const Record& started, Action&& action, PoolCleanup& into) {
        journal_->append(started);
        Record done = started;
        done.ts.clear();
        try {
            action();
            done.status = JournalStatus::Succeeded;
            journal_->append(done);
            into.result = StepResult::Succeeded;
        } catch (const Error& e) {
            done.status = JournalStatus::Failed;
            done.detail = e.what();
            if constexpr (std::is_same_v<Record, PoolStepRecord>) done.references.clear();
            journal_->append(done);
            into.result = StepResult::Failed;
            into.detail = e.what();
        }
    }

    void finish(ItemOutcome& o, CertificateStep step, const VaultObject& written,
                const std::string& expectedX5t) {
        o.keyVaultId = written.id;
        o.secretId = written.secretId.empty() ? written.id : written.secretId;
        o.x5t = written.x5t;
        auto r = record(step, o.plan.thumbprint, o.plan.targetName, JournalStatus::Succeeded);
        r.kvId = written.id;
        r.x5t = written.x5t;
        journal_->append(r);
        if (!expectedX5t.empty() && written.x5t != expectedX5t) {
            o.result = StepResult::Failed;
            o.detail =
                "verification failed: the vault reports x5t " + written.x5t + ", expected " + expectedX5t;
            journal_->append(
                record(kVerify, o.plan.thumbprint, o.plan.targetName, JournalStatus::Failed, o.detail));
            return;
        }
        o.result = StepResult::Succeeded;
    }

    // The object a write of @p o would have made, if the vault holds it (latest version).
    std::optional<VaultObject> findWritten(const ItemOutcome& o, const std::string& expectedX5t) const {
        const bool isSecret = kindOf(o.plan) == VaultObjectKind::Secret;
        std::optional<VaultObject> existing = isSecret
                                                  ? vault_.getSecretProperties(o.plan.targetName, context_)
                                                  : vault_.getCertificate(o.plan.targetName, context_);
        if (!existing) return std::nullopt;
        if (isSecret) {
            auto tag = existing->tags.find("batch-thumbprint");
            if (tag == existing->tags.end() || detail::toUpper(tag->second) != o.plan.thumbprint)
                return std::nullopt;
        } else if (existing->x5t != expectedX5t) {
            return std::nullopt;
        }
        return existing;
    }

    void recordSettled(const PlanItem& item, const VaultObject& landed) {
        auto r = record(kSettle, item.thumbprint, item.targetName, JournalStatus::Succeeded,
                        "the vault carried the write out");
        r.kvId = landed.id;
        r.x5t = landed.x5t;
        journal_->append(r);
    }

    // A write whose outcome is unknown (its reply was lost, or the run that sent it was killed)
    // may still be carried out by the vault. Look until it appears, or until the client's own
    // timeouts say it no longer can: perTry after its last try could have left (@p lastSendBy),
    // wholeCall after its first (@p startedAt). Nothing is sent again before this returns, on
    // either path (a lost reply in this run, a write an earlier run left started); the outcome
    // is journaled both ways.
    std::optional<VaultObject> settle(const ItemOutcome& o, const std::string& expectedX5t,
                                      Clock::time_point startedAt, Clock::time_point lastSendBy) {
        const WriteWindow window = vault_.writeWindow();
        const auto deadline = std::min(startedAt + window.wholeCall, lastSendBy + window.perTry);
        std::chrono::milliseconds pause{250};
        for (;;) {
            if (auto landed = findWritten(o, expectedX5t)) {
                recordSettled(o.plan, *landed);
                return landed;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) break;
            sleepFor(std::min(pause, left));
            pause = std::min(pause * 2, kLongestSettlePause);
        }
        journal_->append(
            record(kSettle, o.plan.thumbprint, o.plan.targetName, JournalStatus::Failed,
                   "not in the vault by " +
                       kvb::detail::formatIso8601(std::chrono::time_point_cast<Clock::duration>(deadline))));
        return std::nullopt;
    }

    void sleepFor(std::chrono::milliseconds total) const {
        constexpr std::chrono::milliseconds slice{50};
        for (std::chrono::milliseconds waited{0}; waited < total; waited += slice) {
            context_.throwIfCancelled();
            std::this_thread::sleep_for(std::min(slice, total - waited));
        }
    }

    // True when an earlier run left this item's write unsettled, or had to settle one: a version
    // the vault carried out late may sit beside the one the migration kept.
    bool uncertainHistory(const PlanItem& item) const {
        return resumed_.last(kSettle, item.thumbprint).has_value() ||
               resumed_.unfinished(writeStepOf(item), item.thumbprint);
    }

    // After a crash the outcome of a started write is unknown: settle it before writing again.
    // True when the vault turned out to hold it.
    bool adoptInterruptedWrite(ItemOutcome& o, const std::string& expectedX5t) {
        const PlanItem& item = o.plan;
        const CertificateStep step = writeStepOf(item);
        std::optional<VaultObject> landed;
        if (const auto started = resumed_.last(step, item.thumbprint);
            started && started->status == JournalStatus::Started) {
            // The interrupted run is gone: its last try left before this run started.
            const auto sentAt = kvb::detail::parseIso8601(started->ts).value_or(startedAt_);
            landed = settle(o, expectedX5t, sentAt, startedAt_);
        } else if (resumed_.unfinished(kRecover, item.thumbprint)) {
            landed = findWritten(o, expectedX5t); // a recovery makes no new version: one look will do
        }
        if (!landed) return false;
        finish(o, step, *landed, kindOf(item) == VaultObjectKind::Secret ? "" : expectedX5t);
        o.detail = "completed by an interrupted run";
        return true;
    }

    // One write, again after a lost reply unless the vault turns out to have carried it out.
    // Each try is journaled as started, so that a rerun measures its wait from the last one.
    // @p uncertain is set when a reply was lost.
    VaultObject write(const ItemOutcome& o, const PreparedImport& prepared, const std::string& expectedX5t,
                      bool& uncertain) {
        const PlanItem& item = o.plan;
        const bool isSecret = kindOf(item) == VaultObjectKind::Secret;
        for (int attempt = 1;; ++attempt) {
            bucket_.acquire(context_);
            const auto sentAt = Clock::now();
            journal_->append(record(writeStepOf(item), item.thumbprint, item.targetName,
                                    JournalStatus::Started,
                                    attempt == 1 ? "" : "try " + std::to_string(attempt)));
            // A lost reply must not turn into a second version: settle() looks before writing again.
            const Context once = context_.withoutWriteReplay();
            try {
                return isSecret ? vault_.setSecret(SecretRequest{item.targetName,
                                                                 SecretString(detail::asText(prepared.value)),
                                                                 "application/x-pem-file", tags(item)},
                                                   once)
                                : vault_.importCertificate(ImportRequest{item.targetName, prepared.value,
                                                                         prepared.pem, prepared.password,
                                                                         tags(item)},
                                                           once);
            } catch (const http::TransportError&) {
                uncertain = true;
                if (auto landed = settle(o, expectedX5t, sentAt, Clock::now())) return *landed;
                if (attempt >= kWriteAttempts) throw;
            }
        }
    }

    void migrateOne(ItemOutcome& o) {
        const PlanItem& item = o.plan;
        const bool isSecret = kindOf(item) == VaultObjectKind::Secret;
        const CertificateStep step = writeStepOf(item);
        const std::string expectedX5t = pki::thumbprintHexToX5t(item.thumbprint);
        // Outside the try: what an error says is checked against the material it carried.
        PreparedImport prepared;
        bool uncertain = uncertainHistory(item);
        try {
            if (adoptInterruptedWrite(o, expectedX5t)) {
                verify(o, nullptr, true);
                return;
            }
            if (item.recoverDeletedFirst && recover(o, expectedX5t, uncertain)) return;
            const LocalKeyMaterial file = sourceOf(item);
            prepared = prepareImport(file, options_.passwords);
            if (prepared.thumbprint != item.thumbprint) {
                throw CryptoError(item.sourceFile + " now holds " + prepared.thumbprint + ", not " +
                                  item.thumbprint);
            }
            VaultObject written;
            try {
                written = write(o, prepared, expectedX5t, uncertain);
            } catch (const Error& e) {
                journal_->append(record(step, item.thumbprint, item.targetName, JournalStatus::Failed,
                                        detail::withoutSecretsOf(e.what(), prepared)));
                throw;
            }
            finish(o, step, written, isSecret ? "" : expectedX5t);
            if (o.result == StepResult::Succeeded) verify(o, &prepared, uncertain);
        } catch (const Error& e) {
            o.result = StepResult::Failed;
            o.detail = detail::withoutSecretsOf(e.what(), prepared);
        }
    }

    // An item the planner found in the vault whose write an earlier run could not see through:
    // the write it left started is journaled as carried out, and a second version it left is
    // disabled.
    void reconcile(ItemOutcome& o) {
        const PlanItem& item = o.plan;
        try {
            if (resumed_.unfinished(writeStepOf(item), item.thumbprint)) {
                VaultObject landed;
                landed.id = item.existingId;
                landed.x5t = o.x5t;
                recordSettled(item, landed);
                auto r =
                    record(writeStepOf(item), item.thumbprint, item.targetName, JournalStatus::Succeeded);
                r.kvId = landed.id;
                r.x5t = landed.x5t;
                journal_->append(r);
            }
            disableDuplicates(o, pki::thumbprintHexToX5t(item.thumbprint));
        } catch (const Error& e) {
            o.result = StepResult::Failed;
            o.detail = std::string("looking for duplicate versions failed: ") + e.what();
        }
    }

    // More than one enabled version carrying this certificate: the vault carried out a write
    // after the wait for it was over, a race no client can close. Readers (the VM extension)
    // get the latest version, so that one stays; the others are disabled, journaled and
    // reported. Versions disabled earlier are reported again.
    void disableDuplicates(ItemOutcome& o, const std::string& expectedX5t) {
        const PlanItem& item = o.plan;
        const VaultObjectKind kind = kindOf(item);
        std::vector<VaultObject> ours;
        for (auto& v : vault_.listVersions(kind, item.targetName, context_)) {
            const auto tag = v.tags.find("batch-thumbprint");
            if (tag == v.tags.end() || detail::toUpper(tag->second) != item.thumbprint) continue;
            if (kind == VaultObjectKind::Certificate && v.x5t != expectedX5t) continue;
            ours.push_back(std::move(v));
        }
        if (ours.size() < 2) return;
        const auto latest = kind == VaultObjectKind::Secret
                                ? vault_.getSecretProperties(item.targetName, context_)
                                : vault_.getCertificate(item.targetName, context_);
        auto keep = std::find_if(ours.begin(), ours.end(), [&](const VaultObject& v) {
            return v.enabled && latest && v.id == latest->id;
        });
        if (keep == ours.end())
            keep = std::find_if(ours.begin(), ours.end(),
                                [&](const VaultObject& v) { return v.enabled && v.id == o.keyVaultId; });
        if (keep == ours.end())
            keep = std::find_if(ours.begin(), ours.end(), [](const VaultObject& v) { return v.enabled; });
        if (keep == ours.end()) return; // none enabled: nothing a reader gets, nothing to choose
        std::string disabled, failed;
        for (const auto& v : ours) {
            if (v.id == keep->id) continue;
            DuplicateVersion d{v.id, !v.enabled, {}};
            if (v.enabled) {
                auto r = record(kDisableDuplicate, item.thumbprint, item.targetName, JournalStatus::Started);
                r.kvId = v.id;
                journal_->append(r);
                try {
                    vault_.disableVersion(kind, item.targetName, v.version, context_);
                    d.disabled = true;
                    r.status = JournalStatus::Succeeded;
                    disabled += (disabled.empty() ? "" : ", ") + v.id;
                } catch (const Error& e) {
                    d.detail = e.what();
                    r.status = JournalStatus::Failed;
                    r.detail = e.what();
                    failed += (failed.empty() ? "" : "; ") + v.id + ": " + e.what();
                }
                r.ts.clear();
                journal_->append(r);
            }
            o.duplicates.push_back(std::move(d));
        }
        o.keyVaultId = keep->id;
        o.secretId = kind == VaultObjectKind::Secret ? keep->id : secretIdOf(keep->id);
        o.x5t = keep->x5t;
        const std::string note = "disabled duplicate version(s) " + disabled;
        if (!failed.empty()) {
            o.result = StepResult::Failed;
            o.detail = "duplicate version(s) could not be disabled: " + failed;
        } else if (!disabled.empty()) {
            o.detail = o.detail.empty() ? note : o.detail + "; " + note;
        }
    }

    // Returns true when the recovered certificate is already the one to migrate.
    bool recover(ItemOutcome& o, const std::string& expectedX5t, bool uncertain) {
        const PlanItem& item = o.plan;
        journal_->append(record(kRecover, item.thumbprint, item.targetName, JournalStatus::Started));
        bucket_.acquire(context_);
        VaultObject recovered;
        try {
            recovered = vault_.recoverDeletedCertificate(item.targetName, context_);
        } catch (const Error& e) {
            journal_->append(
                record(kRecover, item.thumbprint, item.targetName, JournalStatus::Failed, e.what()));
            throw;
        }
        journal_->append(record(kRecover, item.thumbprint, item.targetName, JournalStatus::Succeeded));
        if (recovered.x5t != expectedX5t) return false;
        finish(o, kImport, recovered, expectedX5t);
        o.detail = "recovered the soft-deleted certificate";
        verify(o, nullptr, uncertain);
        return true;
    }

    // @p checkDuplicates: a write of this item had an unknown outcome at some point.
    void verify(ItemOutcome& o, const PreparedImport* prepared, bool checkDuplicates) {
        if (o.result != StepResult::Succeeded) return;
        const PlanItem& item = o.plan;
        if (checkDuplicates) {
            disableDuplicates(o, pki::thumbprintHexToX5t(item.thumbprint));
            if (o.result != StepResult::Succeeded) {
                journal_->append(
                    record(kVerify, item.thumbprint, item.targetName, JournalStatus::Failed, o.detail));
                return;
            }
        }
        const bool deep = options_.verify == VerifyMode::Deep && item.action == PlanAction::Import;
        if (deep) {
            journal_->append(record(kVerify, item.thumbprint, item.targetName, JournalStatus::Started));
            try {
                bool pem = false;
                const SecretBytes downloaded = vault_.downloadCertificate(item.targetName, pem, context_);
                const SecretString key = privateKeyOfDownload(downloaded, pem);
                SecretString expected;
                if (prepared != nullptr) {
                    expected = prepared->privateKeyPkcs8;
                } else {
                    expected = prepareImport(sourceOf(item), options_.passwords).privateKeyPkcs8;
                }
                if (!(key == expected))
                    throw CryptoError("the private key in the vault differs from " + item.sourceFile);
            } catch (const Error& e) {
                o.result = StepResult::Failed;
                o.detail = std::string("deep verification failed: ") + e.what();
                journal_->append(
                    record(kVerify, item.thumbprint, item.targetName, JournalStatus::Failed, o.detail));
                return;
            }
        }
        auto r = record(kVerify, item.thumbprint, item.targetName, JournalStatus::Succeeded,
                        deep ? "deep" : "basic");
        r.kvId = o.keyVaultId;
        r.x5t = o.x5t;
        journal_->append(r);
        o.verified = true;
    }

    LocalKeyMaterial sourceOf(const PlanItem& item) const {
        LocalKeyMaterial file;
        file.path = item.sourceFile;
        file.format = item.sourceFormat;
        file.claimedThumbprint = claimedThumbprintOf(item.sourceFile);
        return file;
    }

    std::map<std::string, std::string> tags(const PlanItem& item) const {
        return migrationTags(plan_.batchAccount, item.thumbprint);
    }

    const BatchSource& batch_;
    const VaultStore& vault_;
    const MigrationOptions& options_;
    const Plan& plan_;
    const ProgressCallback& progress_;
    const Context& context_;
    detail::TokenBucket bucket_;
    std::unique_ptr<Journal> journal_;
    JournalState resumed_;
    Clock::time_point startedAt_;
    std::set<std::string> clearedEarlier_;
    std::vector<ItemOutcome> outcomes_;
    std::mutex progressMutex_;
    Progress progressState_;
};

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
    Execution run(*batch_, *vault_, options_, plan, progress, context);
    report.certificates = run.migrateCertificates();
    const Inventory effective = run.restoreClearedReferences(inventory);
    if (!options_.dryRun && !context.isCancelled()) {
        std::set<std::string> verified;
        for (const auto& o : report.certificates) {
            if (o.verified) verified.insert(o.plan.thumbprint);
        }
        if (options_.clearPoolReferences) report.poolCleanups = run.clearPoolReferences(effective, verified);
        if (options_.deleteBatchCertificates) run.deleteBatchCertificates(report.certificates);
        run.recallDeletedEarlier(report.certificates);
    }
    report.pools = guidanceFor(effective, report.certificates, options_.pools);
    report.finishedAt = detail::nowIso8601();
    return report;
}

} // namespace kvb::migrate
