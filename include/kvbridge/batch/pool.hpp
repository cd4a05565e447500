// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pool.hpp
 * @brief Batch pool models (Pool_* operations, api-version 2024-07-01.20.0), with what the
 * certificate migration needs typed and the rest kept as raw JSON.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kvb::batch {

/** @brief A pool's (or pool specification's) reference to an account certificate. */
struct CertificateReference {
    std::string thumbprint;
    std::string thumbprintAlgorithm = "sha1";
    std::optional<std::string> storeLocation; ///< "currentuser" or "localmachine" (Windows only).
    std::optional<std::string> storeName;     ///< "My", "Root", ... (Windows only).
    std::vector<std::string> visibility;      ///< "starttask", "task", "remoteuser".
};

/** @brief Marketplace or gallery image of a virtual machine configuration. */
struct ImageReference {
    std::optional<std::string> publisher;
    std::optional<std::string> offer;
    std::optional<std::string> sku;
    std::optional<std::string> version;
    std::optional<std::string> virtualMachineImageId;
    std::optional<std::string> exactVersion; ///< Read-only, set by the service.
};

/** @brief A VM extension of a pool (e.g. KeyVaultForLinux / KeyVaultForWindows). */
struct VmExtension {
    std::string name;
    std::string publisher;
    std::string type;
    std::optional<std::string> typeHandlerVersion;
    std::optional<bool> autoUpgradeMinorVersion;
    std::optional<bool> enableAutomaticUpgrade;
    /** @brief "settings" object as compact JSON text, or nullopt. */
    std::optional<std::string> settings;
    /** @brief "protectedSettings" as compact JSON text (may hold secrets); empty when absent. */
    SecretString protectedSettings;
    std::vector<std::string> provisionAfterExtensions;
};

/** @brief virtualMachineConfiguration: the typed parts plus the whole object as JSON. */
struct VirtualMachineConfiguration {
    ImageReference imageReference;
    std::string nodeAgentSkuId; ///< Wire name "nodeAgentSKUId".
    std::vector<VmExtension> extensions;
    /**
     * @brief The whole object as compact JSON when parsed from a response. When serializing
     * (addPool), a non-empty rawJson is sent as is and the typed fields are ignored.
     */
    std::string rawJson;
};

/** @brief An application package deployed to a pool's nodes. */
struct ApplicationPackageReference {
    std::string applicationId;
    std::optional<std::string> version;
};

/** @brief A name/value metadata pair of a pool, job or job schedule. */
struct MetadataItem {
    std::string name;
    std::string value;
};

/** @brief A user-assigned managed identity of a pool. */
struct UserAssignedIdentity {
    std::string resourceId;
    std::optional<std::string> clientId;
    std::optional<std::string> principalId;
};

/** @brief A pool's identity ("UserAssigned" or "None"). */
struct BatchPoolIdentity {
    std::string type;
    std::vector<UserAssignedIdentity> userAssignedIdentities;
};

/** @brief Pool state ("active", "deleting"). */
enum class PoolState { Active, Deleting, Unknown };
/** @brief Pool allocation state ("steady", "resizing", "stopping"). */
enum class AllocationState { Steady, Resizing, Stopping, Unknown };

/** @brief Wire name of @p state. Static storage. */
KVB_EXPORT const char* toString(PoolState state) noexcept;
/** @brief Wire name of @p state. Static storage. */
KVB_EXPORT const char* toString(AllocationState state) noexcept;

/** @brief A pool (CloudPool) as Pool_Get/Pool_List return it. Fields absent from a $select stay empty. */
struct BatchPool {
    std::string id;
    std::optional<std::string> displayName;
    std::string url;
    std::optional<std::string> eTag;
    std::optional<std::chrono::system_clock::time_point> lastModified;
    std::optional<std::chrono::system_clock::time_point> creationTime;
    std::optional<PoolState> state;
    std::optional<std::chrono::system_clock::time_point> stateTransitionTime;
    std::optional<AllocationState> allocationState;
    std::optional<std::chrono::system_clock::time_point> allocationStateTransitionTime;
    std::optional<std::string> vmSize;
    std::optional<std::int32_t> currentDedicatedNodes;
    std::optional<std::int32_t> currentLowPriorityNodes;
    std::optional<std::int32_t> targetDedicatedNodes;
    std::optional<std::int32_t> targetLowPriorityNodes;
    std::optional<bool> enableAutoScale;
    std::optional<std::string> autoScaleFormula;
    std::optional<std::int32_t> taskSlotsPerNode;
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration;
    std::vector<CertificateReference> certificateReferences;
    std::vector<ApplicationPackageReference> applicationPackageReferences;
    std::vector<MetadataItem> metadata;
    std::optional<BatchPoolIdentity> identity;
    std::optional<std::string> startTask;                   ///< "startTask" as compact JSON.
    std::optional<std::string> targetNodeCommunicationMode; ///< "default", "classic", "simplified".
    /** @brief The whole pool object as compact JSON (to write a replacement pool from it). */
    std::string rawJson;
};

/**
 * @brief PoolSpecification: the pool an auto-pool job schedule or job creates (jobSpecification.
 * poolInfo.autoPoolSpecification.pool).
 */
struct PoolSpecification {
    std::optional<std::string> displayName;
    std::string vmSize;
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration;
    std::optional<std::int32_t> targetDedicatedNodes;
    std::optional<std::int32_t> targetLowPriorityNodes;
    std::vector<CertificateReference> certificateReferences;
    std::vector<ApplicationPackageReference> applicationPackageReferences;
    std::vector<MetadataItem> metadata;
    std::optional<std::string> startTask; ///< Compact JSON.
    std::string rawJson;                  ///< The whole specification as compact JSON.
};

/** @brief Arguments of BatchClient::addPool (PoolAddParameter); the typed subset. */
struct PoolAddParameters {
    std::string id; ///< Letters, digits, '-' and '_', at most 64 characters.
    std::optional<std::string> displayName;
    std::string vmSize;
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration;
    std::optional<std::int32_t> targetDedicatedNodes;
    std::optional<std::int32_t> targetLowPriorityNodes;
    std::optional<bool> enableAutoScale;
    std::optional<std::string> autoScaleFormula;
    std::optional<std::string> resizeTimeout; ///< ISO 8601 duration, e.g. "PT15M".
    std::optional<std::int32_t> taskSlotsPerNode;
    std::optional<bool> enableInterNodeCommunication;
    std::vector<CertificateReference> certificateReferences;
    std::vector<ApplicationPackageReference> applicationPackageReferences;
    std::vector<MetadataItem> metadata;
    std::optional<std::string> startTask; ///< Compact JSON, sent as is.
    std::optional<std::string> targetNodeCommunicationMode;
};

/**
 * @brief Arguments of BatchClient::patchPool (PoolPatchParameter). Absent fields are left
 * unchanged; a present list replaces the pool's list (an empty list clears it).
 */
struct PoolPatchParameters {
    std::optional<std::string> startTask; ///< Compact JSON; "{}" removes the start task.
    std::optional<std::vector<CertificateReference>> certificateReferences;
    std::optional<std::vector<ApplicationPackageReference>> applicationPackageReferences;
    std::optional<std::vector<MetadataItem>> metadata;
    std::optional<std::string> targetNodeCommunicationMode;
};

/**
 * @brief Arguments of BatchClient::updatePoolProperties (PoolUpdatePropertiesParameter).
 * Every list REPLACES the pool's list (empty clears it); an absent startTask REMOVES the pool's
 * start task. Build it from the current pool to change one thing only.
 */
struct PoolUpdatePropertiesParameters {
    std::optional<std::string> startTask; ///< Compact JSON; nullopt removes the start task.
    std::vector<CertificateReference> certificateReferences;
    std::vector<ApplicationPackageReference> applicationPackageReferences;
    std::vector<MetadataItem> metadata;
    std::optional<std::string> targetNodeCommunicationMode;
};

} // namespace kvb::batch
