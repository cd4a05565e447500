// SPDX-License-Identifier: MIT
// Migrator::execute(): the only part of the migration that writes. Every step is journaled
// before and after; every failure stays with its certificate.

#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include "migrate/references.hpp"
#include "migrate/text_util.hpp"
#include "migrate/token_bucket.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace kvb::migrate {

namespace {

constexpr const char* kImport = "import";
constexpr const char* kStoreSecret = "store-secret";
constexpr const char* kRecover = "recover";
constexpr const char* kVerify = "verify";
constexpr const char* kClearPool = "clear-pool-references";
constexpr const char* kDeleteBatch = "delete-batch-certificate";
// Writes tried per certificate when replies get lost in transport.
constexpr int kWriteAttempts = 4;

bool writes(PlanAction action) {
    return action == PlanAction::Import || action == PlanAction::StorePublicAsSecret;
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
          resumed_(journal_->state()) {}

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
                    outcome.result = StepResult::Skipped;
                    outcome.detail = "cancelled before it started";
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
                runStep(
                    kClearPool, pool.id, "",
                    [&] { batch_.clearPoolCertificateReferences(pool.id, context_); }, c,
                    detail::certificateReferencesOf(pool.json));
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
            if (!last || last->status == "failed" || last->detail.empty()) continue;
            if (!detail::certificateUsesOf(ReferenceKind::Pool, pool.id, pool.json).empty()) continue;
            try {
                pool.json = detail::withCertificateReferences(pool.json, last->detail);
            } catch (const Error&) {
                continue; // not a reference list (a journal of an older version): nothing to restore
            }
            if (last->status == "succeeded") clearedEarlier_.insert(pool.id);
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
                kDeleteBatch, o.plan.thumbprint, o.plan.targetName,
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
            if (deleted.status == "failed" || listed.count(deleted.thumbprint) != 0) continue;
            const auto verified = resumed_.last(kVerify, deleted.thumbprint);
            if (!verified || verified->status != "succeeded") continue;
            ItemOutcome o;
            o.plan.thumbprint = deleted.thumbprint;
            o.plan.targetName = deleted.name;
            o.plan.action = PlanAction::AlreadyPresent;
            o.plan.reason = "migrated, verified and deleted from Batch by an earlier run";
            o.plan.existingId = verified->kvId;
            o.result = StepResult::Skipped;
            o.detail = "already present";
            o.keyVaultId = verified->kvId;
            o.secretId = verified->kvId;
            if (const auto at = o.secretId.find("/certificates/"); at != std::string::npos)
                o.secretId.replace(at, 14, "/secrets/");
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

    JournalRecord record(const char* step, const std::string& key, const std::string& name,
                         const char* status, const std::string& detail = {}) const {
        JournalRecord r;
        r.step = step;
        r.thumbprint = key;
        r.name = name;
        r.status = status;
        r.detail = detail;
        return r;
    }

    // Journal a step around @p action; result and detail go to @p into.
    // @p note (e.g. what the step removes) is kept in the started and succeeded records.
    template <class Action>
    void runStep(const char* step, const std::string& key, const std::string& name, Action&& action,
                 PoolCleanup& into, const std::string& note = {}) {
        journal_->append(record(step, key, name, "started", note));
        try {
            action();
            journal_->append(record(step, key, name, "succeeded", note));
            into.result = StepResult::Succeeded;
        } catch (const Error& e) {
            journal_->append(record(step, key, name, "failed", e.what()));
            into.result = StepResult::Failed;
            into.detail = e.what();
        }
    }

    void finish(ItemOutcome& o, const char* step, const VaultObject& written,
                const std::string& expectedX5t) {
        o.keyVaultId = written.id;
        o.secretId = written.secretId.empty() ? written.id : written.secretId;
        o.x5t = written.x5t;
        auto r = record(step, o.plan.thumbprint, o.plan.targetName, "succeeded");
        r.kvId = written.id;
        r.x5t = written.x5t;
        journal_->append(r);
        if (!expectedX5t.empty() && written.x5t != expectedX5t) {
            o.result = StepResult::Failed;
            o.detail =
                "verification failed: the vault reports x5t " + written.x5t + ", expected " + expectedX5t;
            journal_->append(record(kVerify, o.plan.thumbprint, o.plan.targetName, "failed", o.detail));
            return;
        }
        o.result = StepResult::Succeeded;
    }

    // The object a write of @p o would have made, if the vault holds it (latest version).
    std::optional<VaultObject> findWritten(const ItemOutcome& o, const std::string& expectedX5t) const {
        const bool isSecret = o.plan.action == PlanAction::StorePublicAsSecret;
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

    // A write whose reply was lost may still be carried out by the vault a little later: look a
    // few times, with growing pauses, before writing again.
    std::optional<VaultObject> awaitLostWrite(const ItemOutcome& o, const std::string& expectedX5t) const {
        for (const int pauseMs : {0, 250, 500, 1000, 1500}) {
            for (int waited = 0; waited < pauseMs; waited += 50) {
                context_.throwIfCancelled();
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            if (auto landed = findWritten(o, expectedX5t)) return landed;
        }
        return std::nullopt;
    }

    // After a crash the outcome of a started write is unknown: ask the vault before writing again.
    bool adoptInterruptedWrite(ItemOutcome& o, const std::string& expectedX5t) {
        const std::string& t = o.plan.thumbprint;
        const bool isSecret = o.plan.action == PlanAction::StorePublicAsSecret;
        if (!resumed_.unfinished(isSecret ? kStoreSecret : kImport, t) && !resumed_.unfinished(kRecover, t)) {
            return false;
        }
        std::optional<VaultObject> existing = findWritten(o, expectedX5t);
        if (!existing) return false;
        finish(o, isSecret ? kStoreSecret : kImport, *existing, isSecret ? "" : expectedX5t);
        o.detail = "completed by an interrupted run";
        return true;
    }

    // One write, again after a lost reply unless the vault turns out to have carried it out.
    VaultObject write(const ItemOutcome& o, const PreparedImport& prepared, const std::string& expectedX5t) {
        const PlanItem& item = o.plan;
        const bool isSecret = item.action == PlanAction::StorePublicAsSecret;
        for (int attempt = 1;; ++attempt) {
            bucket_.acquire(context_);
            try {
                return isSecret ? vault_.setSecret(SecretRequest{item.targetName,
                                                                 SecretString(detail::asText(prepared.value)),
                                                                 "application/x-pem-file", tags(item)},
                                                   context_)
                                : vault_.importCertificate(ImportRequest{item.targetName, prepared.value,
                                                                         prepared.pem, prepared.password,
                                                                         tags(item)},
                                                           context_);
            } catch (const http::TransportError&) {
                if (auto landed = awaitLostWrite(o, expectedX5t)) return *landed;
                if (attempt >= kWriteAttempts) throw;
            }
        }
    }

    void migrateOne(ItemOutcome& o) {
        const PlanItem& item = o.plan;
        const bool isSecret = item.action == PlanAction::StorePublicAsSecret;
        const char* step = isSecret ? kStoreSecret : kImport;
        const std::string expectedX5t = pki::thumbprintHexToX5t(item.thumbprint);
        try {
            if (adoptInterruptedWrite(o, expectedX5t)) {
                verify(o, nullptr);
                return;
            }
            if (item.recoverDeletedFirst && recover(o, expectedX5t)) return;
            const LocalKeyMaterial file = sourceOf(item);
            PreparedImport prepared = prepareImport(file, options_.passwords);
            if (prepared.thumbprint != item.thumbprint) {
                throw CryptoError(item.sourceFile + " now holds " + prepared.thumbprint + ", not " +
                                  item.thumbprint);
            }
            journal_->append(record(step, item.thumbprint, item.targetName, "started"));
            VaultObject written;
            try {
                written = write(o, prepared, expectedX5t);
            } catch (const Error& e) {
                journal_->append(record(step, item.thumbprint, item.targetName, "failed", e.what()));
                throw;
            }
            finish(o, step, written, isSecret ? "" : expectedX5t);
            if (o.result == StepResult::Succeeded) verify(o, &prepared);
        } catch (const Error& e) {
            o.result = StepResult::Failed;
            o.detail = e.what();
        }
    }

    // Returns true when the recovered certificate is already the one to migrate.
    bool recover(ItemOutcome& o, const std::string& expectedX5t) {
        const PlanItem& item = o.plan;
        journal_->append(record(kRecover, item.thumbprint, item.targetName, "started"));
        bucket_.acquire(context_);
        VaultObject recovered;
        try {
            recovered = vault_.recoverDeletedCertificate(item.targetName, context_);
        } catch (const Error& e) {
            journal_->append(record(kRecover, item.thumbprint, item.targetName, "failed", e.what()));
            throw;
        }
        journal_->append(record(kRecover, item.thumbprint, item.targetName, "succeeded"));
        if (recovered.x5t != expectedX5t) return false;
        finish(o, kImport, recovered, expectedX5t);
        o.detail = "recovered the soft-deleted certificate";
        verify(o, nullptr);
        return true;
    }

    void verify(ItemOutcome& o, const PreparedImport* prepared) {
        if (o.result != StepResult::Succeeded) return;
        const PlanItem& item = o.plan;
        const bool deep = options_.verify == VerifyMode::Deep && item.action == PlanAction::Import;
        if (deep) {
            journal_->append(record(kVerify, item.thumbprint, item.targetName, "started"));
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
                journal_->append(record(kVerify, item.thumbprint, item.targetName, "failed", o.detail));
                return;
            }
        }
        auto r = record(kVerify, item.thumbprint, item.targetName, "succeeded", deep ? "deep" : "basic");
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
