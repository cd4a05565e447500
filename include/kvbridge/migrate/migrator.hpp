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
    PasswordBook passwords;
    PlanOptions planning;
    PoolGuidanceOptions pools;
    VerifyMode verify = VerifyMode::Basic;
    bool dryRun = false;
    /** Worker threads for vault writes. */
    int concurrency = 8;
    /** Token bucket: at most writeBudget writes per writeWindow (Key Vault allows 300 / 10 s). */
    int writeBudget = 250;
    std::chrono::milliseconds writeWindow{10000};
    /** Journal file; empty: in memory only. */
    std::filesystem::path journalPath;
    /** Clean-up, only after verification and only when set. */
    bool clearPoolReferences = false;
    bool deleteBatchCertificates = false;
};

/** @brief The inventory: Batch certificates with their users, plus every pool and job schedule. */
struct Inventory {
    std::string batchAccount;
    bool certificateApiRetired = false;
    std::vector<CertificateInventoryItem> certificates;
    std::vector<BatchEntityRecord> pools;
    std::vector<BatchEntityRecord> jobSchedules;
};

/**
 * @brief Progress of execute(), after each certificate that needed a write; called from worker
 * threads, one call at a time (a run with nothing to write makes no call). The counts include
 * the certificates settled without a write (already present, needing attention), so the last
 * call's counts are the report's.
 */
struct Progress {
    std::size_t done = 0; ///< certificates finished, counting those that needed no write
    std::size_t total = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0; ///< planning failures (missing key material, wrong password...) included
    std::size_t skipped = 0;
    std::string thumbprint; ///< the item just finished
    StepResult result = StepResult::Planned;
};
using ProgressCallback = std::function<void(const Progress&)>;

/**
 * @brief Check what a migration reads and writes before it sends anything: the vault URL
 * (absolute https, when set), every key material root (validateKeyMaterialRoots()) and, unless
 * dryRun, the journal's place (a file that can be read and written, or a folder to make it in).
 * The Migrator constructor calls it, so a dry run is checked the same way.
 * @throws kvb::InvalidArgument with one line naming the URL, file or folder at fault.
 */
KVB_EXPORT void validateMigrationOptions(const MigrationOptions& options);

/**
 * @brief The migration engine. Holds the two services; each method can be called on its own
 * (inventory() and plan() never write). Not thread-safe itself; it runs its own workers.
 */
class KVB_EXPORT Migrator {
public:
    /** @throws kvb::InvalidArgument for bad options (see validateMigrationOptions()); nothing is sent. */
    Migrator(std::shared_ptr<const BatchSource> batch, std::shared_ptr<const VaultStore> vault,
             MigrationOptions options);

    /**
     * @brief Batch certificates and where they are used. When the certificate API answers
     * CertificateRetired, the thumbprints come from pool and job schedule references instead.
     */
    Inventory inventory(const Context& context = {}) const;

    /** @brief Scan the key material, read the vault and decide (never writes). */
    Plan plan(const Inventory& inventory, const Context& context = {}) const;

    /**
     * @brief Carry out @p plan: import, verify, journal, optional clean-up, pool guidance.
     * Every failure stays with its certificate; the run goes on. With dryRun nothing is written.
     * Cancelling @p context stops handing out new work; started steps finish and are journaled.
     */
    MigrationReport execute(const Inventory& inventory, const Plan& plan,
                            const ProgressCallback& progress = {}, const Context& context = {}) const;

    /** @brief inventory() + plan() + execute(). */
    MigrationReport run(const ProgressCallback& progress = {}, const Context& context = {}) const;

    const MigrationOptions& options() const noexcept { return options_; }

private:
    std::shared_ptr<const BatchSource> batch_;
    std::shared_ptr<const VaultStore> vault_;
    MigrationOptions options_;
};

/**
 * @brief The inventory as JSON: {"batchAccount", "certificateApiRetired", "certificates": [{"thumbprint",
 * "state", "fromCertificateApi", "references": [...]}], "pools": [ids], "jobSchedules": [ids]}.
 */
KVB_EXPORT std::string toJson(const Inventory& inventory);

/** @brief Tags put on every object the migration writes. */
KVB_EXPORT std::map<std::string, std::string> migrationTags(const std::string& batchAccount,
                                                            const std::string& thumbprint);

} // namespace kvb::migrate
