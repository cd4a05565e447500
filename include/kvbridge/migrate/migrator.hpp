// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file migrator.hpp
 * @brief kvb::migrate::Migrator: inventory, plan and execute a Batch -> Key Vault migration.
 */

#include <kvbridge/context.hpp>
#include <kvbridge/export.hpp>
#include <kvbridge/migrate/batch_source.hpp>
#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/password_book.hpp>
#include <kvbridge/migrate/planner.hpp>
#include <kvbridge/migrate/pool_guidance.hpp>
#include <kvbridge/migrate/report.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief How much to check after each import. */
enum class VerifyMode {
    Basic, ///< the returned x5t must equal the Batch thumbprint
    Deep,  ///< also download the certificate and compare the private key
};

/** @brief Everything a run needs besides the two services. Every field has a default. */
struct MigrationOptions {
    std::string vaultUrl;                           ///< for the report
    std::vector<std::filesystem::path> keyMaterial; ///< folders or files
    PasswordBook passwords;                         ///< passwords of the PFX files and encrypted keys
    PlanOptions planning;                           ///< vault names and soft-deleted names
    PoolGuidanceOptions pools;                      ///< the VM extension in the pool guidance
    VerifyMode verify = VerifyMode::Basic;          ///< checks after each import
    /** Plan and report only: nothing is written to the vault, Batch or the journal. */
    bool dryRun = false;
    /** Worker threads for vault writes, 1 to 64. */
    int concurrency = 8;
    /** Token bucket: at most writeBudget writes per writeWindow (Key Vault allows 300 / 10 s); at least 1. */
    int writeBudget = 250;
    std::chrono::milliseconds writeWindow{10000}; ///< the token bucket's period (see writeBudget)
    /** Journal file; empty: in memory only. */
    std::filesystem::path journalPath;
    /** Clean-up, only after verification and only when set. */
    bool clearPoolReferences = false;
    /**
     * Delete the Batch certificate of each verified item; Batch may still refuse while a pool or
     * node uses it ("deletefailed", see ItemOutcome::batchCertificateCleanup).
     */
    bool deleteBatchCertificates = false;
};

/** @brief The inventory: Batch certificates with their users, plus every pool and job schedule. */
struct Inventory {
    std::string batchAccount; ///< BatchSource::accountName()
    /** The certificate API answered CertificateRetired; the thumbprints come from references. */
    bool certificateApiRetired = false;
    /** Each thumbprint once: those Batch lists, then those only pools or job schedules refer to. */
    std::vector<CertificateInventoryItem> certificates;
    std::vector<BatchEntityRecord> pools;        ///< every pool, referring to a certificate or not
    std::vector<BatchEntityRecord> jobSchedules; ///< every job schedule
};

/**
 * @brief Progress of execute(), after each certificate that needed a write; called from worker
 * threads, one call at a time (a run with nothing to write makes no call). The counts include
 * the certificates settled without a write (already present, needing attention), so the last
 * call's counts are the report's.
 */
struct Progress {
    std::size_t done = 0;      ///< certificates finished, counting those that needed no write
    std::size_t total = 0;     ///< certificates in the plan
    std::size_t succeeded = 0; ///< written and verified
    std::size_t failed = 0;    ///< planning failures (missing key material, wrong password...) included
    std::size_t skipped = 0;   ///< nothing to do (already present), or not asked for
    std::string thumbprint;    ///< the item just finished
    StepResult result = StepResult::Planned; ///< how the item just finished ended
};
/**
 * @brief Receives Progress during Migrator::execute(); called from a worker thread, never two
 * calls at once. It should return quickly (the workers wait for it) and must not throw.
 */
using ProgressCallback = std::function<void(const Progress&)>;

/**
 * @brief Check what a migration reads and writes before it sends anything: the vault URL
 * (absolute https, when set), every key material root (validateKeyMaterialRoots()) and, unless
 * dryRun, the journal's place (a file that can be read and written, or a folder to make it in).
 * The Migrator constructor calls it, so a dry run is checked the same way.
 * @param[in] options  the options a Migrator is about to be made with.
 * @throws kvb::InvalidArgument with one line naming the URL, file or folder at fault.
 */
KVB_EXPORT void validateMigrationOptions(const MigrationOptions& options);

/**
 * @brief The migration engine. Holds the two services; each method can be called on its own
 * (inventory() and plan() never write). Not thread-safe itself; it runs its own workers.
 */
class KVB_EXPORT Migrator {
public:
    /**
     * @brief A migrator between @p batch and @p vault; nothing is sent until a method is called.
     * @param[in] batch    the source account (shared).
     * @param[in] vault    the target vault (shared).
     * @param[in] options  the run's settings.
     * @throws kvb::InvalidArgument for a null source or store, concurrency outside 1-64, a
     *         writeBudget below 1, or bad options (see validateMigrationOptions()); nothing is sent.
     */
    Migrator(std::shared_ptr<const BatchSource> batch, std::shared_ptr<const VaultStore> vault,
             MigrationOptions options);

    /**
     * @brief Batch certificates and where they are used. When the certificate API answers
     * CertificateRetired, the thumbprints come from pool and job schedule references instead.
     * @param[in] context  cancellation and deadline.
     * @return Every certificate with its uses, and every pool and job schedule.
     * @throws kvb::Error subclasses when Batch cannot be read (a retired certificate API excepted);
     *         OperationCancelled.
     */
    Inventory inventory(const Context& context = {}) const;

    /**
     * @brief Scan the key material, read the vault and decide (never writes).
     * @param[in] inventory  what inventory() returned.
     * @param[in] context    cancellation and deadline.
     * @return One item per inventory certificate. When the vault cannot be read the plan is made
     *         from the files alone and Plan::vaultError says why (execute() then fails every write).
     * @throws OperationCancelled when @p context ends.
     */
    Plan plan(const Inventory& inventory, const Context& context = {}) const;

    /**
     * @brief Carry out @p plan: import, verify, journal, optional clean-up, pool guidance.
     * Every failure stays with its certificate; the run goes on. With dryRun nothing is written.
     * Cancelling @p context stops handing out new work; started steps finish and are journaled.
     * A journal left by an earlier run (journalPath) is read first: a write it shows as sent
     * but not settled is looked for in the vault before anything is sent again.
     * @param[in] inventory  what inventory() returned (the pools for the guidance and clean-up).
     * @param[in] plan       what plan() returned for that inventory.
     * @param[in] progress   called after each certificate that needed a write; may be empty.
     * @param[in] context    cancellation and deadline.
     * @return What happened to each certificate and pool.
     * @throws kvb::InvalidArgument or kvb::ParseError when the journal file cannot be opened or
     *         read; kvb::Error when a journal record cannot be written.
     */
    MigrationReport execute(const Inventory& inventory, const Plan& plan,
                            const ProgressCallback& progress = {}, const Context& context = {}) const;

    /**
     * @brief inventory() + plan() + execute().
     * @param[in] progress  as for execute().
     * @param[in] context   cancellation and deadline for all three.
     * @return The report of execute().
     * @throws what inventory(), plan() and execute() throw.
     */
    MigrationReport run(const ProgressCallback& progress = {}, const Context& context = {}) const;

    /** @return The options the migrator was made with. */
    const MigrationOptions& options() const noexcept { return options_; }

private:
    std::shared_ptr<const BatchSource> batch_;
    std::shared_ptr<const VaultStore> vault_;
    MigrationOptions options_;
};

/**
 * @brief The inventory as JSON, for `kvbridge inventory` and scripts.
 * @param[in] inventory  what Migrator::inventory() returned.
 * @return {"batchAccount", "certificateApiRetired", "certificates": [{"thumbprint", "state",
 *         "fromCertificateApi", "references": [...]}], "pools": [ids], "jobSchedules": [ids]};
 *         the pools' and job schedules' own JSON is left out.
 */
KVB_EXPORT std::string toJson(const Inventory& inventory);

/**
 * @brief Tags put on every object the migration writes, so that a later run (or a person) can
 * tell where it came from.
 * @param[in] batchAccount  the account migrated from.
 * @param[in] thumbprint    the Batch thumbprint, any case.
 * @return {"batch-account": account, "batch-thumbprint": upper-case thumbprint, "migrated-by": "kvbridge"}.
 */
KVB_EXPORT std::map<std::string, std::string> migrationTags(const std::string& batchAccount,
                                                            const std::string& thumbprint);

} // namespace kvb::migrate
