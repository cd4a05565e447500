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
    int pollingIntervalSeconds = 3600;
    /** Linux: where the extension writes certificates. */
    std::string linuxStoreLocation = "/var/lib/waagent/Microsoft.Azure.KeyVault.Store";
    /** The replacement pool's id: old id + this suffix (the old pool still exists). */
    std::string replacementSuffix = "-kv";
};

/** @brief Operating system family of a pool, from its node agent SKU. */
enum class PoolOs { Linux, Windows };

/** @brief Guidance for one pool (or job schedule auto-pool). */
struct PoolGuidance {
    std::string poolId;
    bool jobSchedule = false; ///< the pool is a job schedule's auto-pool specification
    PoolOs os = PoolOs::Linux;
    std::vector<std::string> thumbprints; ///< every referenced thumbprint (upper case)
    std::vector<std::string> unmigrated;  ///< referenced but with no secret id
    std::string extensionJson;            ///< one VMExtension object
    std::string armPoolJson;              ///< ARM body (pools only)
    std::string batchPoolJson;            ///< data-plane Pool_Add body (pools only)
};

/** @brief "Windows" when nodeAgentSKUId starts with "batch.node.windows", else "Linux". */
KVB_EXPORT PoolOs poolOsFromNodeAgentSku(const std::string& nodeAgentSkuId);

/**
 * @brief Build the guidance for a pool.
 * @param[in] poolJson   the CloudPool JSON (Pool_Get / Pool_List), or a job schedule's
 *                       autoPoolSpecification.pool object when @p jobSchedule is true.
 * @param[in] secretIds  thumbprint (upper-case hex) -> versionless secret id to observe.
 * @throws kvb::ParseError when @p poolJson is not a JSON object.
 */
KVB_EXPORT PoolGuidance makePoolGuidance(const std::string& poolId, const std::string& poolJson,
                                         const std::map<std::string, std::string>& secretIds,
                                         const PoolGuidanceOptions& options, bool jobSchedule = false);

/** @brief "https://v.vault.azure.net/secrets/name/ver" -> "https://v.vault.azure.net/secrets/name". */
KVB_EXPORT std::string versionlessId(const std::string& id);

} // namespace kvb::migrate
