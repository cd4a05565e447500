// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file journal.hpp
 * @brief The migration journal: a JSON-lines file, one fsync'd record per step start and finish.
 *
 * On disk a record is one line {"ts","step","thumbprint","name","status","kvId","x5t","detail"}.
 * step is one of "import", "store-secret", "recover", "verify", "clear-pool-references",
 * "delete-batch-certificate", "settle", "disable-duplicate"; status is "started", "succeeded",
 * "failed" or "skipped". A rerun reads it back to learn what was done and what was started but
 * never finished. That format is kept as it is, so that a rerun of this version resumes a journal
 * an earlier version wrote.
 *
 * In memory a record is typed by what its step acts on (JournalRecord): a CertificateStepRecord
 * for the steps on one certificate, keyed by its Batch thumbprint, and a PoolStepRecord for the
 * steps on one pool, keyed by the pool id (which the file keeps in "thumbprint"). The step name
 * on disk says which of the two a line is.
 *
 * "import" and "store-secret" get a "started" record per try sent. "settle" records how a write
 * of unknown outcome ended: "succeeded" (the vault holds it; kvId, x5t) or "failed" (not in the
 * vault by the time the client's timeouts allow; detail). "disable-duplicate" records a second
 * version of a migrated object being disabled (kvId: that version). "clear-pool-references"
 * keeps the references it removes (in "detail" on disk), so that a rerun after a crash still has
 * them for the pool's guidance.
 */

#include <kvbridge/export.hpp>

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kvb::migrate {

/** @brief A step the migration takes on one certificate. */
enum class CertificateStep {
    Import,                 ///< "import": a PFX or PEM imported as a Key Vault certificate
    StoreSecret,            ///< "store-secret": a public certificate stored as a secret
    Recover,                ///< "recover": a soft-deleted certificate of the target name recovered
    Verify,                 ///< "verify": the vault's object checked against the Batch thumbprint
    Settle,                 ///< "settle": how a write of unknown outcome ended
    DisableDuplicate,       ///< "disable-duplicate": a second version carrying it disabled
    DeleteBatchCertificate, ///< "delete-batch-certificate": the Batch certificate deleted
};

/** @brief A step the migration takes on one pool. */
enum class PoolStep {
    ClearReferences, ///< "clear-pool-references": the pool's certificate references removed
};

/** @brief Where a step stands. */
enum class JournalStatus {
    Started,   ///< "started": sent, outcome unknown until a later record
    Succeeded, ///< "succeeded"
    Failed,    ///< "failed"
    Skipped,   ///< "skipped": read from older journals; this version does not write it
};

/**
 * @brief The step's name in the journal file.
 * @param step  any step.
 * @return static text, e.g. "store-secret".
 */
KVB_EXPORT const char* toText(CertificateStep step) noexcept;
/**
 * @brief The step's name in the journal file.
 * @param step  any step.
 * @return static text: "clear-pool-references".
 */
KVB_EXPORT const char* toText(PoolStep step) noexcept;
/**
 * @brief The status's name in the journal file.
 * @param status  any status.
 * @return static text, e.g. "started".
 */
KVB_EXPORT const char* toText(JournalStatus status) noexcept;
/**
 * @brief Inverse of toText(CertificateStep).
 * @param text  a step name as the journal file holds it.
 * @return the step, or nullopt when @p text names no certificate step.
 */
KVB_EXPORT std::optional<CertificateStep> certificateStepFromString(const std::string& text);
/**
 * @brief Inverse of toText(PoolStep).
 * @param text  a step name as the journal file holds it.
 * @return the step, or nullopt when @p text names no pool step.
 */
KVB_EXPORT std::optional<PoolStep> poolStepFromString(const std::string& text);
/**
 * @brief Inverse of toText(JournalStatus).
 * @param text  a status as the journal file holds it.
 * @return the status, or nullopt for unknown text.
 */
KVB_EXPORT std::optional<JournalStatus> journalStatusFromString(const std::string& text);

/** @brief One journal line about a step on one certificate. */
struct CertificateStepRecord {
    std::string ts{};                               ///< ISO 8601 UTC; Journal::append() stamps it when empty
    CertificateStep step = CertificateStep::Import; ///< what was done
    JournalStatus status = JournalStatus::Started;  ///< how far it got
    std::string thumbprint{}; ///< the Batch thumbprint, upper-case hex: the record's key
    std::string name{};       ///< the vault object name
    std::string kvId{};       ///< the object written or found; DisableDuplicate: the version disabled
    std::string x5t{};        ///< the x5t the vault reports for kvId (certificates only)
    std::string detail{};     ///< failure reason or a note ("deep", "try 2"); never a secret
};

/** @brief One journal line about a step on one pool. */
struct PoolStepRecord {
    std::string ts{};                              ///< ISO 8601 UTC; Journal::append() stamps it when empty
    PoolStep step = PoolStep::ClearReferences;     ///< what was done
    JournalStatus status = JournalStatus::Started; ///< how far it got
    std::string poolId{};                          ///< the record's key
    /**
     * ClearReferences, started and succeeded: the certificate references removed, as the JSON
     * array Batch lists them in; older versions may have left other text here.
     */
    std::string references{};
    std::string detail{}; ///< failed records: the reason; never a secret
};

/** @brief A journal line: about a certificate or about a pool. */
using JournalRecord = std::variant<CertificateStepRecord, PoolStepRecord>;

/** @brief The last known state of every (step, key) pair of a journal. */
class KVB_EXPORT JournalState {
public:
    /**
     * @brief Read a journal. A missing file is an empty journal; a torn last line (a crash in
     * the middle of a write) is ignored; a record of a step this version does not know (a
     * journal of a later version) is skipped; any other malformed line throws.
     * @param path  the journal file.
     * @return the state after every record of the file.
     * @throws kvb::ParseError naming the line number.
     */
    static JournalState load(const std::filesystem::path& path);
    /**
     * @brief Same as load(), from the file's text.
     * @param text  JSON lines.
     * @return the state after every record of @p text.
     * @throws kvb::ParseError naming the line number.
     */
    static JournalState parse(const std::string& text);

    /**
     * @brief The last record of a step on a certificate.
     * @param step  the step.
     * @param thumbprint  the certificate's Batch thumbprint.
     * @return the record, or nullopt when the journal has none.
     */
    std::optional<CertificateStepRecord> last(CertificateStep step, const std::string& thumbprint) const;
    /**
     * @brief The last record of a step on a pool.
     * @param step  the step.
     * @param poolId  the pool.
     * @return the record, or nullopt when the journal has none.
     */
    std::optional<PoolStepRecord> last(PoolStep step, const std::string& poolId) const;
    /**
     * @brief Whether the step on that certificate was last recorded as succeeded.
     * @param step  the step.
     * @param thumbprint  the certificate's Batch thumbprint.
     * @return true when the last record is JournalStatus::Succeeded.
     */
    bool succeeded(CertificateStep step, const std::string& thumbprint) const;
    /**
     * @brief Whether the step on that certificate was started and never finished: its outcome
     * is unknown.
     * @param step  the step.
     * @param thumbprint  the certificate's Batch thumbprint.
     * @return true when the last record is JournalStatus::Started.
     */
    bool unfinished(CertificateStep step, const std::string& thumbprint) const;
    /**
     * @brief Every step, on certificates and pools, whose last record is "started".
     * @return those last records, certificate steps first.
     */
    std::vector<JournalRecord> unfinishedSteps() const;
    /**
     * @brief The last record of every certificate that has records for @p step.
     * @param step  the step.
     * @return one record per certificate, by thumbprint.
     */
    std::vector<CertificateStepRecord> lastOf(CertificateStep step) const;
    /**
     * @brief How many records were read and applied, skipped ones included.
     * @return the count.
     */
    std::size_t recordCount() const noexcept { return count_; }

    /**
     * @brief Fold one record in (what Journal::append() does in memory).
     * @param record  the record; it becomes the last one of its (step, key).
     */
    void apply(const JournalRecord& record);

private:
    std::map<std::pair<CertificateStep, std::string>, CertificateStepRecord> certificates_;
    std::map<std::pair<PoolStep, std::string>, PoolStepRecord> pools_;
    std::size_t count_ = 0;
};

/**
 * @brief Appends records to a journal file; each append is written and fsync'd before it
 * returns, so a record that append() returned for survives a crash. Thread-safe.
 */
class KVB_EXPORT Journal {
public:
    /** @brief No file: records are kept in memory only (dry runs, tests). */
    Journal();
    /**
     * @brief Open (create or append to) @p path, owner-only; the existing records are read first
     * and a torn last line is cut off.
     * @param path  the journal file.
     * @throws kvb::InvalidArgument when the file cannot be opened; kvb::ParseError as JournalState::load().
     */
    explicit Journal(const std::filesystem::path& path);
    /** @brief Closes the file. */
    ~Journal();
    /** @brief Not copyable: one writer per file. */
    Journal(const Journal&) = delete;
    /** @brief Not copyable: one writer per file. */
    Journal& operator=(const Journal&) = delete;

    /**
     * @brief Stamp (when ts is empty), write, fsync.
     * @param record  the record to add.
     * @throws kvb::Error when the write fails.
     */
    void append(JournalRecord record);
    /**
     * @brief The state including everything appended so far.
     * @return a copy.
     */
    JournalState state() const;

private:
    mutable std::mutex mutex_;
    int fd_ = -1;
    JournalState state_;
};

/**
 * @brief Serialise one record as a journal line.
 * @param record  the record.
 * @return one JSON object, no newline; free text has key material cut out.
 */
KVB_EXPORT std::string toJsonLine(const JournalRecord& record);

} // namespace kvb::migrate
