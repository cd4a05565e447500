// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file pool_guidance.hpp
 * @brief The Key Vault VM extension and replacement pool specifications for pools that used
 * Batch certificates.
 *
 * Batch cannot add an extension (or a managed identity) to an existing pool, so each pool is
 * re-created: the output is a ready `KeyVaultForLinux` / `KeyVaultForWindows` extension block,
 * a management-plane (ARM, Microsoft.Batch/batchAccounts/pools) pool body carrying the
 * user-assigned identity, and a data-plane Pool_Add body for reference.
 */

#include <kvbridge/export.hpp>

#include <map>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief Choices for the generated specifications. */
struct PoolGuidanceOptions {
    /** Client id of the user-assigned identity the extension authenticates with. */
    std::string msiClientId;
    /** ARM resource id of that identity (identity.userAssignedIdentities key). */
    std::string msiResourceId;
    /** How often, in seconds, the extension looks for new versions (pollingIntervalInS). */
    int pollingIntervalSeconds = 3600;
    /** Linux: where the extension writes certificates. */
    std::string linuxStoreLocation = "/var/lib/waagent/Microsoft.Azure.KeyVault.Store";
    /** The replacement pool's id: old id + this suffix (the old pool still exists). */
    std::string replacementSuffix = "-kv";
};

/** @brief Operating system family of a pool, from its node agent SKU. */
enum class PoolOs {
    Linux,   ///< KeyVaultForLinux; certificates go to linuxStoreLocation
    Windows, ///< KeyVaultForWindows; certificates go to the stores the references name
};

/** @brief Guidance for one pool (or job schedule auto-pool). */
struct PoolGuidance {
    std::string poolId;                   ///< the pool id, or the job schedule id for an auto-pool
    bool jobSchedule = false;             ///< the pool is a job schedule's auto-pool specification
    PoolOs os = PoolOs::Linux;            ///< from the node agent SKU; Linux when the pool names none
    std::vector<std::string> thumbprints; ///< every referenced thumbprint (upper case)
    std::vector<std::string> unmigrated;  ///< referenced but with no secret id
    std::string extensionJson;            ///< one VMExtension object
    std::string armPoolJson;              ///< ARM body (pools only)
    std::string batchPoolJson;            ///< data-plane Pool_Add body (pools only)
};

/**
 * @brief The operating system family of a pool's nodes.
 * @param[in] nodeAgentSkuId  virtualMachineConfiguration.nodeAgentSKUId, e.g. "batch.node.ubuntu 22.04".
 * @return Windows when it starts with "batch.node.windows" (any case), else Linux.
 */
KVB_EXPORT PoolOs poolOsFromNodeAgentSku(const std::string& nodeAgentSkuId);

/**
 * @brief Build the guidance for a pool.
 * @param[in] poolId       the pool id (or job schedule id); the replacement pool's id is this
 *                         plus PoolGuidanceOptions::replacementSuffix.
 * @param[in] poolJson     the CloudPool JSON (Pool_Get / Pool_List), or a job schedule's
 *                         autoPoolSpecification.pool object when @p jobSchedule is true.
 * @param[in] secretIds    thumbprint (upper-case hex) -> versionless secret id to observe.
 * @param[in] options      the identity and extension settings.
 * @param[in] jobSchedule  true for a job schedule's auto-pool: only the extension is built.
 * @return The guidance; thumbprints with no entry in @p secretIds are listed in unmigrated and
 *         left out of the extension.
 * @throws kvb::ParseError when @p poolJson is not a JSON object.
 */
KVB_EXPORT PoolGuidance makePoolGuidance(const std::string& poolId, const std::string& poolJson,
                                         const std::map<std::string, std::string>& secretIds,
                                         const PoolGuidanceOptions& options, bool jobSchedule = false);

/**
 * @brief A Key Vault object id without its version, which the VM extension follows to the latest.
 * @param[in] id  e.g. "https://v.vault.azure.net/secrets/name/ver".
 * @return "https://v.vault.azure.net/secrets/name"; @p id unchanged when it has no version or
 *         is not a URL.
 */
KVB_EXPORT std::string versionlessId(const std::string& id);

} // namespace kvb::migrate
