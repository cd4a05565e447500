// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file journal.hpp
 * @brief The migration journal: a JSON-lines file, one fsync'd record per step start and finish.
 *
 * Record: {"ts","step","thumbprint","name","status","kvId","x5t","detail"}. step is one of
 * "import", "store-secret", "recover", "verify", "clear-pool-references",
 * "delete-batch-certificate", "settle", "disable-duplicate"; status is "started", "succeeded",
 * "failed" or "skipped". A rerun reads it back to learn what was done and what was started but
 * never finished.
 *
 * "import" and "store-secret" get a "started" record per try sent. "settle" records how a write
 * of unknown outcome ended: "succeeded" (the vault holds it; kvId, x5t) or "failed" (not in the
 * vault by the time the client's timeouts allow; detail). "disable-duplicate" records a second
 * version of a migrated object being disabled (kvId: that version).
 */

#include <kvbridge/export.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kvb::migrate {

/** @brief One line of the journal. */
struct JournalRecord {
    std::string ts; ///< ISO 8601 UTC
    std::string step;
    std::string thumbprint; ///< or the pool id for clear-pool-references
    std::string name;
    std::string status;
    std::string kvId;
    std::string x5t;
    std::string
        detail; ///< failure reason; for clear-pool-references, the references it removes; never a secret
};

/** @brief The last known state of every (step, key) pair of a journal. */
class KVB_EXPORT JournalState {
public:
    /**
     * @brief Read a journal. A missing file is an empty journal; a torn last line (a crash in
     * the middle of a write) is ignored; any other malformed line throws.
     * @throws kvb::ParseError naming the line number.
     */
    static JournalState load(const std::filesystem::path& path);
    /** @brief Same from text. */
    static JournalState parse(const std::string& text);

    /** @brief The last record for (@p step, @p key), if any. */
    std::optional<JournalRecord> last(const std::string& step, const std::string& key) const;
    /** @brief True when the last record for (step, key) is "succeeded". */
    bool succeeded(const std::string& step, const std::string& key) const;
    /** @brief True when the last record for (step, key) is "started": the outcome is unknown. */
    bool unfinished(const std::string& step, const std::string& key) const;
    /** @brief Every (step, key) whose last record is "started". */
    std::vector<std::pair<std::string, std::string>> unfinishedSteps() const;
    /** @brief The last record of every key that has records for @p step. */
    std::vector<JournalRecord> lastOf(const std::string& step) const;
    std::size_t recordCount() const noexcept { return count_; }

    /** @brief Fold one record in (what Journal::append does in memory). */
    void apply(const JournalRecord& record);

private:
    std::map<std::pair<std::string, std::string>, JournalRecord> last_;
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
     * @brief Open (create or append to) @p path; the existing records are read first.
     * @throws kvb::InvalidArgument when the file cannot be opened; kvb::ParseError as JournalState::load().
     */
    explicit Journal(const std::filesystem::path& path);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    /** @brief Stamp (when ts is empty), write, fsync. @throws kvb::Error when the write fails. */
    void append(JournalRecord record);
    /** @brief The state including everything appended so far. */
    JournalState state() const;

private:
    mutable std::mutex mutex_;
    int fd_ = -1;
    JournalState state_;
};

/** @brief Serialise one record as a JSON line (no newline). */
KVB_EXPORT std::string toJsonLine(const JournalRecord& record);

} // namespace kvb::migrate
