// SPDX-License-Identifier: MIT
#pragma once

#include "measure.hpp"

#include <string>
#include <vector>

namespace kvb::bench {

/** @brief One operation measured through SecretClient and through the libcurl floor. */
struct Comparison {
    std::string operation; ///< "GetSecret", "SetSecret"
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

struct Report {
    std::string nproc;
    std::string cpuModel;
    std::string kernel;
    std::string curlVersion;
    long calls = 0;
    long rssAfterSetupKiB = 0;
    std::vector<Comparison> comparisons;
    std::vector<ThreadRun> threadRuns;
};

/** @brief nproc, CPU model and kernel of this machine. */
void describeMachine(Report& report);
/** @brief Write @p report as Markdown to @p mdPath and as JSON to @p jsonPath. */
void writeReport(const Report& report, const std::string& mdPath, const std::string& jsonPath);

} // namespace kvb::bench
