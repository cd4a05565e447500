// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file report.hpp
 * @brief The migration report: JSON (stable schema, see docs/migration-report.md) and Markdown.
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
    static constexpr int kSchemaVersion = 1;
    std::string batchAccount;
    std::string vaultUrl;
    bool dryRun = false;
    bool certificateApiRetired = false;
    std::string startedAt;  ///< ISO 8601
    std::string finishedAt; ///< ISO 8601
    std::vector<ItemOutcome> certificates;
    std::vector<PoolCleanup> poolCleanups;
    std::vector<PoolGuidance> pools;
    std::vector<std::string> warnings;
    /** Key material files that cannot be used, with their reasons (from the plan). */
    std::vector<KeyFileFinding> fileFindings;

    /** @brief Counts per result. */
    std::size_t count(StepResult result) const;
    /** @brief Certificates whose plan action is @p action. */
    std::size_t count(PlanAction action) const;
    /** @brief True when no certificate failed and none needs attention (missing key etc.). */
    bool complete() const;
    /** @brief True when at least one certificate failed or needs attention. */
    bool hasProblems() const;
};

/** @brief The JSON report (schema version 1). */
KVB_EXPORT std::string toJson(const MigrationReport& report);
/** @brief Pool guidance alone, as a JSON array (what `kvbridge pools` prints). */
KVB_EXPORT std::string toJson(const std::vector<PoolGuidance>& pools);
/** @brief A person's summary: one table row per certificate, then the pools. */
KVB_EXPORT std::string toMarkdown(const MigrationReport& report);
/** @brief A few plain lines for stdout, none wider than 80 columns: counts per action and result. */
KVB_EXPORT std::string toSummaryText(const MigrationReport& report);
/**
 * @brief One line for a person about @p finding: "<path>: <problem>: <detail> (certificate <T>)",
 * or "(cannot be tied to a certificate)" when it holds none that could be read.
 */
KVB_EXPORT std::string toText(const KeyFileFinding& finding);

/**
 * @brief Check that @p dir can take a report (a folder that can be written, or made), before a
 * run starts. @throws kvb::InvalidArgument naming the folder and why.
 */
KVB_EXPORT void validateReportFolder(const std::filesystem::path& dir);

/**
 * @brief Write report.json, report.md and `pools/ID.{extension,arm,batch}.json` (ID: the
 * pool id) into @p dir (created if needed). @throws kvb::InvalidArgument when a file cannot be written.
 */
KVB_EXPORT void writeReport(const MigrationReport& report, const std::filesystem::path& dir);

} // namespace kvb::migrate
