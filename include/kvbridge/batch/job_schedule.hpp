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
    std::optional<std::string> autoPoolIdPrefix; ///< Prefix of the ids of the pools it creates.
    std::string poolLifetimeOption;              ///< "jobschedule" or "job".
    std::optional<bool> keepAlive;               ///< Keep the pool once its lifetime ends.
    std::optional<PoolSpecification> pool;       ///< The pool to create.
};

/** @brief poolInfo: an existing pool id, or an auto-pool specification. */
struct PoolInformation {
    std::optional<std::string> poolId;                          ///< An existing pool to run on.
    std::optional<AutoPoolSpecification> autoPoolSpecification; ///< Or a pool made for the work.
};

/** @brief A job schedule (CloudJobSchedule). */
struct BatchJobSchedule {
    std::string id;                         ///< The schedule id, unique in the account.
    std::optional<std::string> displayName; ///< Free text.
    std::string url;                        ///< The schedule's URL in the Batch service.
    std::optional<std::string> state;       ///< "active", "completed", "disabled", "terminating", "deleting".
    std::optional<std::chrono::system_clock::time_point> creationTime; ///< When it was created.
    /** @brief jobSpecification.poolInfo (absent when not selected). */
    std::optional<PoolInformation> poolInfo;
    std::vector<MetadataItem> metadata; ///< The caller's name/value pairs.
    std::string rawJson;                ///< The whole object as compact JSON.
};

/** @brief A job (CloudJob). */
struct BatchJob {
    std::string id;                         ///< The job id, unique in the account.
    std::optional<std::string> displayName; ///< Free text.
    std::string url;                        ///< The job's URL in the Batch service.
    std::optional<std::string> state;       ///< "active", "disabling", "disabled", "completed", ...
    std::optional<std::chrono::system_clock::time_point> creationTime; ///< When it was created.
    std::optional<PoolInformation> poolInfo;                           ///< Where its tasks run.
    std::vector<MetadataItem> metadata;                                ///< The caller's name/value pairs.
    std::string rawJson;                                               ///< The whole object as compact JSON.
};

} // namespace kvb::batch
