// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file job_schedule.hpp
 * @brief Batch job schedule and job models: enough to find certificate references in the
 * auto-pool specifications (jobSpecification.poolInfo.autoPoolSpecification.pool).
 */

#include <kvbridge/batch/pool.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kvb::batch {

/** @brief autoPoolSpecification: a pool created for a job or job schedule. */
struct AutoPoolSpecification {
    std::optional<std::string> autoPoolIdPrefix;
    std::string poolLifetimeOption; ///< "jobschedule" or "job".
    std::optional<bool> keepAlive;
    std::optional<PoolSpecification> pool;
};

/** @brief poolInfo: an existing pool id, or an auto-pool specification. */
struct PoolInformation {
    std::optional<std::string> poolId;
    std::optional<AutoPoolSpecification> autoPoolSpecification;
};

/** @brief A job schedule (CloudJobSchedule). */
struct BatchJobSchedule {
    std::string id;
    std::optional<std::string> displayName;
    std::string url;
    std::optional<std::string> state; ///< "active", "completed", "disabled", "terminating", "deleting".
    std::optional<std::chrono::system_clock::time_point> creationTime;
    /** @brief jobSpecification.poolInfo (absent when not selected). */
    std::optional<PoolInformation> poolInfo;
    std::vector<MetadataItem> metadata;
    std::string rawJson; ///< The whole object as compact JSON.
};

/** @brief A job (CloudJob). */
struct BatchJob {
    std::string id;
    std::optional<std::string> displayName;
    std::string url;
    std::optional<std::string> state; ///< "active", "disabling", "disabled", "completed", ...
    std::optional<std::chrono::system_clock::time_point> creationTime;
    std::optional<PoolInformation> poolInfo;
    std::vector<MetadataItem> metadata;
    std::string rawJson; ///< The whole object as compact JSON.
};

} // namespace kvb::batch
