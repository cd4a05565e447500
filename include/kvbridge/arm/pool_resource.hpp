// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pool_resource.hpp
 * @brief A Batch pool as Resource Manager sees it (Microsoft.Batch/batchAccounts/pools): the only
 * way to give a pool a managed identity, and with it the Key Vault VM extension's access.
 */

#include <kvbridge/arm/managed_service_identity.hpp>
#include <kvbridge/batch/pool.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kvb::arm {

/** @brief `scaleSettings.fixedScale`: a pool of a fixed size. */
struct FixedScaleSettings {
    std::optional<std::int32_t> targetDedicatedNodes;   ///< Dedicated nodes wanted.
    std::optional<std::int32_t> targetLowPriorityNodes; ///< Spot / low-priority nodes wanted.
    std::optional<std::string> resizeTimeout;           ///< ISO 8601 duration, e.g. "PT15M".
    std::optional<std::string>
        nodeDeallocationOption; ///< "Requeue", "Terminate", "TaskCompletion", "RetainedData".
};

/** @brief `scaleSettings.autoScale`: a pool sized by a formula. */
struct AutoScaleSettings {
    std::string formula;                           ///< e.g. "$TargetDedicatedNodes=1".
    std::optional<std::string> evaluationInterval; ///< ISO 8601 duration, e.g. "PT5M".
};

/** @brief How a pool is sized: one of the two is set (neither: the service's default, 0 nodes). */
struct PoolScaleSettings {
    std::optional<FixedScaleSettings> fixedScale; ///< A fixed size.
    std::optional<AutoScaleSettings> autoScale;   ///< A formula.
};

/**
 * @brief A Batch pool through Resource Manager (Pool_Get, Pool_Create, Pool_Update). The same type
 * is read and written: BatchManagementClient::createOrUpdatePool() sends identity, displayName,
 * vmSize, virtualMachineConfiguration, scaleSettings, taskSlotsPerNode, metadata, startTask and
 * targetNodeCommunicationMode, and ignores the read-only fields.
 *
 * virtualMachineConfiguration reuses the data plane's types; Resource Manager's names differ in two
 * places, mapped both ways: `nodeAgentSkuId` (data plane `nodeAgentSKUId`) and
 * `imageReference.id` (data plane `virtualMachineImageId`). When its rawJson is not empty (a
 * configuration read from either plane), every member of it is sent as well, the typed
 * imageReference, nodeAgentSkuId and extensions replacing theirs: a pool read from the data plane,
 * given the Key Vault extension, keeps its disks, OS settings and the rest.
 */
struct PoolResource {
    std::string id;   ///< Resource id (read-only).
    std::string name; ///< Pool name (read-only; the name is a call argument).
    std::string type; ///< "Microsoft.Batch/batchAccounts/pools" (read-only).
    std::string etag; ///< Entity tag (read-only).
    /** @brief "UserAssigned" with userAssignedIdentities, or "None". */
    std::optional<ManagedServiceIdentity> identity;
    std::optional<std::string> displayName; ///< Free text, up to 1024 characters.
    std::string vmSize;                     ///< e.g. "STANDARD_D2S_V3". Required when creating.
    /** @brief `deploymentConfiguration.virtualMachineConfiguration`, with `extensions`. */
    std::optional<batch::VirtualMachineConfiguration> virtualMachineConfiguration;
    PoolScaleSettings scaleSettings;                        ///< How the pool is sized.
    std::optional<std::int32_t> taskSlotsPerNode;           ///< Tasks that may run at once on a node.
    std::vector<batch::MetadataItem> metadata;              ///< Name/value pairs kept with the pool.
    std::optional<std::string> startTask;                   ///< `startTask` as compact JSON.
    std::optional<std::string> targetNodeCommunicationMode; ///< "Default", "Classic", "Simplified".
    // Read-only state.
    std::string provisioningState;                                     ///< "Succeeded" or "Deleting".
    std::string allocationState;                                       ///< "Steady", "Resizing", "Stopping".
    std::optional<std::int32_t> currentDedicatedNodes;                 ///< Dedicated nodes now.
    std::optional<std::int32_t> currentLowPriorityNodes;               ///< Low-priority nodes now.
    std::optional<std::chrono::system_clock::time_point> creationTime; ///< When the pool was made.
    std::optional<std::chrono::system_clock::time_point> lastModified; ///< Its last change.
    std::string rawJson; ///< The whole resource as compact JSON when read.
};

/** @brief What BatchManagementClient::updatePool() changes (PATCH); unset fields stay as they are. */
struct PoolUpdateParameters {
    std::optional<PoolScaleSettings> scaleSettings{}; ///< Resize, or switch between fixed and auto scale.
};

} // namespace kvb::arm
