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
    std::string thumbprint;                   ///< The certificate's thumbprint, hex.
    std::string thumbprintAlgorithm = "sha1"; ///< Always "sha1".
    std::optional<std::string> storeLocation; ///< "currentuser" or "localmachine" (Windows only).
    std::optional<std::string> storeName;     ///< "My", "Root", ... (Windows only).
    std::vector<std::string> visibility;      ///< "starttask", "task", "remoteuser".
};

/** @brief Marketplace or gallery image of a virtual machine configuration. */
struct ImageReference {
    std::optional<std::string> publisher; ///< Marketplace publisher, e.g. "canonical".
    std::optional<std::string> offer;     ///< Marketplace offer, e.g. "0001-com-ubuntu-server-jammy".
    std::optional<std::string> sku;       ///< Marketplace SKU, e.g. "22_04-lts".
    std::optional<std::string> version;   ///< Image version, or "latest".
    std::optional<std::string> virtualMachineImageId; ///< A gallery or custom image's resource id.
    std::optional<std::string> exactVersion;          ///< Read-only, set by the service.
};

/** @brief A VM extension of a pool (e.g. KeyVaultForLinux / KeyVaultForWindows). */
struct VmExtension {
    std::string name;                              ///< The extension's name within the pool.
    std::string publisher;                         ///< e.g. "Microsoft.Azure.KeyVault".
    std::string type;                              ///< e.g. "KeyVaultForLinux".
    std::optional<std::string> typeHandlerVersion; ///< e.g. "3.0".
    std::optional<bool> autoUpgradeMinorVersion;   ///< Take newer minor versions at deployment.
    std::optional<bool> enableAutomaticUpgrade;    ///< Let the platform upgrade it when released.
    /** @brief "settings" object as compact JSON text, or nullopt. */
    std::optional<std::string> settings;
    /** @brief "protectedSettings" as compact JSON text (may hold secrets); empty when absent. */
    SecretString protectedSettings;
    std::vector<std::string> provisionAfterExtensions; ///< Extensions to install before this one.
};

/** @brief virtualMachineConfiguration: the typed parts plus the whole object as JSON. */
struct VirtualMachineConfiguration {
    ImageReference imageReference;       ///< The OS image.
    std::string nodeAgentSkuId;          ///< Wire name "nodeAgentSKUId".
    std::vector<VmExtension> extensions; ///< VM extensions installed on every node.
    /**
     * @brief The whole object as compact JSON when parsed from a response. When serializing
     * (addPool), a non-empty rawJson is sent as is and the typed fields are ignored.
     */
    std::string rawJson;
};

/** @brief An application package deployed to a pool's nodes. */
struct ApplicationPackageReference {
    std::string applicationId;          ///< The application's id in the account.
    std::optional<std::string> version; ///< Unset: the application's default version.
};

/** @brief A name/value metadata pair of a pool, job or job schedule. */
struct MetadataItem {
    std::string name;  ///< The item's name.
    std::string value; ///< Free text; Batch gives it no meaning.
};

/** @brief A user-assigned managed identity of a pool. */
struct UserAssignedIdentity {
    std::string resourceId;                 ///< ARM resource id of the identity.
    std::optional<std::string> clientId;    ///< Read-only: its client (application) id.
    std::optional<std::string> principalId; ///< Read-only: its object (principal) id.
};

/** @brief A pool's identity ("UserAssigned" or "None"). */
struct BatchPoolIdentity {
    std::string type;                                         ///< "UserAssigned" or "None".
    std::vector<UserAssignedIdentity> userAssignedIdentities; ///< The identities the nodes get.
};

/** @brief Pool state ("active", "deleting"). */
enum class PoolState {
    Active,   ///< Usable: tasks can run on its nodes.
    Deleting, ///< Pool_Delete was called; nodes are going away.
    Unknown,  ///< A value this library does not know.
};
/** @brief Pool allocation state ("steady", "resizing", "stopping"). */
enum class AllocationState {
    Steady,   ///< No resize going on.
    Resizing, ///< Nodes are being added or removed.
    Stopping, ///< A resize is being stopped.
    Unknown,  ///< A value this library does not know.
};

/**
 * @brief The wire name of a pool state.
 * @param state  the state.
 * @return "active", "deleting" or "unknown", in static storage.
 */
KVB_EXPORT const char* toString(PoolState state) noexcept;
/**
 * @brief The wire name of an allocation state.
 * @param state  the state.
 * @return "steady", "resizing", "stopping" or "unknown", in static storage.
 */
KVB_EXPORT const char* toString(AllocationState state) noexcept;

/** @brief A pool (CloudPool) as Pool_Get/Pool_List return it. Fields absent from a $select stay empty. */
struct BatchPool {
    std::string id;                         ///< The pool id, unique in the account.
    std::optional<std::string> displayName; ///< Free text.
    std::string url;                        ///< The pool's URL in the Batch service.
    std::optional<std::string> eTag;        ///< Changes whenever the pool does.
    std::optional<std::chrono::system_clock::time_point> lastModified;        ///< Last change of the pool.
    std::optional<std::chrono::system_clock::time_point> creationTime;        ///< When it was created.
    std::optional<PoolState> state;                                           ///< Active or deleting.
    std::optional<std::chrono::system_clock::time_point> stateTransitionTime; ///< Since when in state.
    std::optional<AllocationState> allocationState;                           ///< Whether it is resizing.
    std::optional<std::chrono::system_clock::time_point> allocationStateTransitionTime; ///< Since when.
    std::optional<std::string> vmSize;                   ///< VM size of every node, e.g. "standard_d2s_v3".
    std::optional<std::int32_t> currentDedicatedNodes;   ///< Dedicated nodes now.
    std::optional<std::int32_t> currentLowPriorityNodes; ///< Spot/low-priority nodes now.
    std::optional<std::int32_t> targetDedicatedNodes;    ///< Dedicated nodes wanted.
    std::optional<std::int32_t> targetLowPriorityNodes;  ///< Spot/low-priority nodes wanted.
    std::optional<bool> enableAutoScale;                 ///< Whether a formula sets the size.
    std::optional<std::string> autoScaleFormula;         ///< The formula, when autoscaling.
    std::optional<std::int32_t> taskSlotsPerNode;        ///< Tasks that may run at once on a node.
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration; ///< Image and extensions.
    std::vector<CertificateReference> certificateReferences; ///< Account certificates installed on nodes.
    std::vector<ApplicationPackageReference> applicationPackageReferences; ///< Packages deployed to nodes.
    std::vector<MetadataItem> metadata;                                    ///< The caller's name/value pairs.
    std::optional<BatchPoolIdentity> identity;              ///< The managed identities the nodes get.
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
    std::optional<std::string> displayName;                                 ///< Free text.
    std::string vmSize;                                                     ///< VM size of every node.
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration; ///< Image and extensions.
    std::optional<std::int32_t> targetDedicatedNodes;                       ///< Dedicated nodes wanted.
    std::optional<std::int32_t> targetLowPriorityNodes;      ///< Spot/low-priority nodes wanted.
    std::vector<CertificateReference> certificateReferences; ///< Account certificates installed on nodes.
    std::vector<ApplicationPackageReference> applicationPackageReferences; ///< Packages deployed to nodes.
    std::vector<MetadataItem> metadata;                                    ///< The caller's name/value pairs.
    std::optional<std::string> startTask;                                  ///< Compact JSON.
    std::string rawJson; ///< The whole specification as compact JSON.
};

/** @brief Arguments of BatchClient::addPool (PoolAddParameter); the typed subset. */
struct PoolAddParameters {
    std::string id;                         ///< Letters, digits, '-' and '_', at most 64 characters.
    std::optional<std::string> displayName; ///< Free text.
    std::string vmSize;                     ///< VM size of every node.
    std::optional<VirtualMachineConfiguration> virtualMachineConfiguration; ///< Image and extensions.
    std::optional<std::int32_t> targetDedicatedNodes;        ///< Without autoscale: dedicated nodes wanted.
    std::optional<std::int32_t> targetLowPriorityNodes;      ///< Without autoscale: spot nodes wanted.
    std::optional<bool> enableAutoScale;                     ///< Size the pool with autoScaleFormula.
    std::optional<std::string> autoScaleFormula;             ///< The formula, when autoscaling.
    std::optional<std::string> resizeTimeout;                ///< ISO 8601 duration, e.g. "PT15M".
    std::optional<std::int32_t> taskSlotsPerNode;            ///< Tasks that may run at once on a node.
    std::optional<bool> enableInterNodeCommunication;        ///< Let nodes talk to each other (MPI).
    std::vector<CertificateReference> certificateReferences; ///< Account certificates to install.
    std::vector<ApplicationPackageReference> applicationPackageReferences; ///< Packages to deploy.
    std::vector<MetadataItem> metadata;                                    ///< The caller's name/value pairs.
    std::optional<std::string> startTask;                                  ///< Compact JSON, sent as is.
    std::optional<std::string> targetNodeCommunicationMode; ///< "default", "classic", "simplified".
};

/**
 * @brief Arguments of BatchClient::patchPool (PoolPatchParameter). Absent fields are left
 * unchanged; a present list replaces the pool's list (an empty list clears it).
 */
struct PoolPatchParameters {
    std::optional<std::string> startTask; ///< Compact JSON; "{}" removes the start task.
    std::optional<std::vector<CertificateReference>> certificateReferences; ///< New certificate list.
    std::optional<std::vector<ApplicationPackageReference>>
        applicationPackageReferences;                       ///< New package list.
    std::optional<std::vector<MetadataItem>> metadata;      ///< New metadata.
    std::optional<std::string> targetNodeCommunicationMode; ///< New communication mode.
};

/**
 * @brief Arguments of BatchClient::updatePoolProperties (PoolUpdatePropertiesParameter).
 * Every list REPLACES the pool's list (empty clears it); an absent startTask REMOVES the pool's
 * start task. Build it from the current pool to change one thing only.
 */
struct PoolUpdatePropertiesParameters {
    std::optional<std::string> startTask; ///< Compact JSON; nullopt removes the start task.
    std::vector<CertificateReference> certificateReferences; ///< The pool's whole certificate list.
    std::vector<ApplicationPackageReference> applicationPackageReferences; ///< Its whole package list.
    std::vector<MetadataItem> metadata;                                    ///< Its whole metadata.
    std::optional<std::string> targetNodeCommunicationMode; ///< Replaces the pool's; unset: "default".
};

} // namespace kvb::batch
