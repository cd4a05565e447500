// SPDX-License-Identifier: MIT
#pragma once

#include "measure.hpp"

#include <string>
#include <vector>

namespace kvb::bench {

/** @brief One operation measured through SecretClient and through the libcurl floor. */
struct Comparison {
    std::string operation; ///< "GetSecret", "SetSecret", "ListSecrets page"
    Sample client;
    Sample floor;
    long rssAfterKiB = 0;
};

/** @brief One thread count sharing one SecretClient. */
struct ThreadRun {
    int threads = 0;
    Sample sample;
    long rssAfterKiB = 0;
};

/** @brief Listing every secret of a vault of @p items secrets through the pager. */
struct PagerRun {
    long items = 0;
    long pages = 0;
    Sample sample;
    long rssBeforeKiB = 0; ///< resident set when the listing started
    long rssPeakKiB = 0;   ///< highest resident set seen after any page
};

/** @brief One migration of many Batch certificates into a fresh vault. */
struct MigrationRun {
    int certificates = 0;
    int pools = 0;
    int throttleWrites = 0; ///< the emulator's limit per window; 0: no throttle
    int windowSeconds = 0;
    int writeBudget = 0; ///< the migration's own budget (MigrationOptions defaults)
    long budgetWindowMs = 0;
    Sample sample;
    long throttled = 0; ///< 429 answers from the emulator during the run
    long succeeded = 0;
    long failed = 0;
    /** Seconds the throttle needs for the writes at best: certificates / (writes per window). */
    double boundSeconds() const {
        return throttleWrites > 0 ? static_cast<double>(certificates) * windowSeconds / throttleWrites : 0;
    }
};

struct Report {
    std::string nproc;
    std::string cpuModel;
    std::string kernel;
    std::string loadAverage; ///< /proc/loadavg when the run started (a shared machine is noisy)
    std::string curlVersion;
    long calls = 0;
    long rssAfterSetupKiB = 0;
    std::vector<Comparison> comparisons;
    std::vector<ThreadRun> threadRuns;
    std::vector<PagerRun> pagerRuns;
    std::vector<MigrationRun> migrationRuns;
};

/** @brief nproc, CPU model, kernel and load average of this machine. */
void describeMachine(Report& report);
/** @brief Write @p report as Markdown to @p mdPath and as JSON to @p jsonPath. */
void writeReport(const Report& report, const std::string& mdPath, const std::string& jsonPath);

} // namespace kvb::bench
