// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file report.hpp
 * @brief The migration report: JSON (stable schema, see the "Report" section of docs/migration.md) and
 * Markdown.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/pool_guidance.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief Everything a run produced. */
struct KVB_EXPORT MigrationReport {
    /** The "schemaVersion" of toJson(); raised only when a field changes meaning or goes away. */
    static constexpr int kSchemaVersion = 1;
    std::string batchAccount;              ///< the account migrated from
    std::string vaultUrl;                  ///< MigrationOptions::vaultUrl
    bool dryRun = false;                   ///< nothing was written
    bool certificateApiRetired = false;    ///< thumbprints came from pool and job schedule references
    std::string startedAt;                 ///< ISO 8601
    std::string finishedAt;                ///< ISO 8601
    std::vector<ItemOutcome> certificates; ///< one per plan item, in plan order
    /** Pools whose references the run cleared or left (MigrationOptions::clearPoolReferences). */
    std::vector<PoolCleanup> poolCleanups;
    std::vector<PoolGuidance> pools;   ///< the replacement for each pool or auto-pool using a certificate
    std::vector<std::string> warnings; ///< the plan's warnings, for people
    /** Key material files that cannot be used, with their reasons (from the plan). */
    std::vector<KeyFileFinding> fileFindings;

    /**
     * @param[in] result  the result to count.
     * @return How many certificates ended with @p result.
     */
    std::size_t count(StepResult result) const;
    /**
     * @param[in] action  the action to count.
     * @return How many certificates were planned for @p action.
     */
    std::size_t count(PlanAction action) const;
    /**
     * @brief The opposite of hasProblems(), for a run's exit status.
     * @return True when no certificate failed and none needs attention (missing key, wrong
     *         password, thumbprint mismatch, name conflict).
     */
    bool complete() const;
    /** @return True when at least one certificate failed or needs attention (see complete()). */
    bool hasProblems() const;
};

/**
 * @brief The JSON report, as report.json holds it.
 * @param[in] report  what Migrator::execute() returned.
 * @return One JSON object (schema version kSchemaVersion) with a summary of counts; PEM blocks
 *         and base64 blobs in free text are cut out, so it never holds key material.
 */
KVB_EXPORT std::string toJson(const MigrationReport& report);
/**
 * @brief Pool guidance alone (what `kvbridge pools` prints).
 * @param[in] pools  MigrationReport::pools, or guidance made with makePoolGuidance().
 * @return A JSON array, one object per pool with its extension and pool bodies.
 */
KVB_EXPORT std::string toJson(const std::vector<PoolGuidance>& pools);
/**
 * @brief A person's summary, as report.md holds it.
 * @param[in] report  what Migrator::execute() returned.
 * @return Markdown: the run's facts, one table row per certificate, then the pools; key
 *         material in free text is cut out as in toJson().
 */
KVB_EXPORT std::string toMarkdown(const MigrationReport& report);
/**
 * @brief A few plain lines for stdout.
 * @param[in] report  what Migrator::execute() returned.
 * @return Counts per action and per result (wrapped at 80 columns), the number of pools to
 *         re-create and of unusable files, then a line per duplicate version; each line ends
 *         in a newline.
 */
KVB_EXPORT std::string toSummaryText(const MigrationReport& report);
/**
 * @brief One line for a person about @p finding.
 * @param[in] finding  a file of Plan::fileFindings.
 * @return "<path>: <problem>: <detail> (certificate <T>)", or "... (cannot be tied to a
 *         certificate)" when it holds none that could be read; no newline.
 */
KVB_EXPORT std::string toText(const KeyFileFinding& finding);

/**
 * @brief Check that @p dir can take a report (a folder that can be written, or made), before a
 * run starts; nothing is created.
 * @param[in] dir  the folder writeReport() will be given.
 * @throws kvb::InvalidArgument naming the folder and why.
 */
KVB_EXPORT void validateReportFolder(const std::filesystem::path& dir);

/**
 * @brief Write report.json, report.md and `pools/ID.{extension,arm,batch}.json` (ID: the
 * pool id; `jobschedule-ID` for an auto-pool, which has the extension file only) into @p dir
 * (created if needed). Files are owner-only (0600) and replace earlier ones of the same name.
 * @param[in] report  what Migrator::execute() returned.
 * @param[in] dir     the report folder.
 * @throws kvb::InvalidArgument when the folder cannot be made or a file cannot be written.
 */
KVB_EXPORT void writeReport(const MigrationReport& report, const std::filesystem::path& dir);

} // namespace kvb::migrate
