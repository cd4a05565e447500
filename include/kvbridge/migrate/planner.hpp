// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file planner.hpp
 * @brief The pure decision step: inventory + local files + vault state -> one action per certificate.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief What the planner knows about the vault. */
struct VaultSnapshot {
    std::vector<VaultObject> certificates;                  ///< latest versions of active certificates
    std::map<std::string, VaultObject> deletedCertificates; ///< by lower-case name
    std::map<std::string, VaultObject> secrets;             ///< by lower-case name (probed target names)
};

/** @brief Naming and conflict choices. */
struct PlanOptions {
    /** Thumbprint (upper-case hex) -> vault name; others get namePrefix + lower-case thumbprint. */
    std::map<std::string, std::string> names;
    /** Letters, digits and '-' only, at most 87 characters, so that the names stay valid. */
    std::string namePrefix = "batch-";
    /** A soft-deleted target name is recovered (then imported into) instead of reported. */
    bool recoverDeleted = false;
};

/**
 * @brief Read a name mapping file: JSON {"<thumbprint>": "<vault name>", ...} (a leading UTF-8
 * byte order mark is skipped).
 * @param[in] path  the mapping file.
 * @return Upper-case thumbprint -> vault name, ready for PlanOptions::names.
 * @throws kvb::InvalidArgument on unreadable files, malformed JSON, bad thumbprints or invalid
 *         vault names; the message names the file.
 */
KVB_EXPORT std::map<std::string, std::string> loadNameMapping(const std::filesystem::path& path);

/**
 * @brief The vault object name for @p thumbprint: the mapping's, else
 * `<prefix><thumbprint in lower case>` (Key Vault names are case-insensitive; lower case reads
 * like the rest of a vault URL).
 * @param[in] thumbprint  the Batch thumbprint, any case.
 * @param[in] options     the mapping and the prefix.
 * @return The name to write the certificate under.
 */
KVB_EXPORT std::string targetNameFor(const std::string& thumbprint, const PlanOptions& options);

/**
 * @brief Whether Key Vault accepts @p name as an object name.
 * @param[in] name  the candidate.
 * @return True for 1-127 characters of [0-9a-zA-Z-].
 */
KVB_EXPORT bool isValidVaultName(std::string_view name);

/**
 * @brief Decide one action per inventory item (same order).
 *
 * Rules, in order: a usable file whose computed thumbprint equals the Batch one is the source
 * (a file with a key first, then one named for the thumbprint, then PKCS#12 over PEM over .cer,
 * then path order); then the vault is checked: an active certificate with that x5t (any name)
 * or a secret at the target name tagged with that thumbprint makes it already-present; a target
 * name that holds another certificate, or is soft-deleted without recoverDeleted, is a
 * name-conflict. Without a usable file: a file claiming the thumbprint but holding another
 * certificate gives thumbprint-mismatch; files tied to it (by the certificate read without the
 * password, or by name) that would not open for lack of a password give password-wrong, naming
 * them; otherwise missing-key-material, naming the broken files tied to it, or else the files
 * that could not be tied to any certificate.
 *
 * Plan::fileFindings gets every file that cannot be used (its problem, or a duplicate of the
 * chosen source); usable files that match no certificate become warnings.
 * Pure: reads no file and sends nothing, so the same inputs always give the same plan.
 * @param[in] inventory  the Batch certificates (Inventory::certificates).
 * @param[in] material   what scanKeyMaterial() found.
 * @param[in] vault      what the vault holds.
 * @param[in] options    naming and conflict choices.
 * @return One item per inventory certificate; batchAccount, vaultUrl, certificateApiRetired
 *         and vaultError are left unset (Migrator::plan() fills them).
 */
KVB_EXPORT Plan makePlan(const std::vector<CertificateInventoryItem>& inventory,
                         const KeyMaterialScan& material, const VaultSnapshot& vault,
                         const PlanOptions& options);

} // namespace kvb::migrate
