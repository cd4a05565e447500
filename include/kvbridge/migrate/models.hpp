// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file models.hpp
 * @brief Plain data of a migration: what Batch holds, what the local files hold, what to do.
 */

#include <kvbridge/export.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kvb::migrate {

/** @brief Who refers to a Batch certificate. */
enum class ReferenceKind {
    Pool,        ///< a pool's certificateReferences
    JobSchedule, ///< the auto-pool specification of a job schedule
};

/** @brief One certificateReferences entry, with the object that holds it. */
struct CertificateUse {
    ReferenceKind kind = ReferenceKind::Pool; ///< what ownerId names
    std::string ownerId;                      ///< pool id or job schedule id
    std::string storeLocation;           ///< "currentuser" / "localmachine" (Batch spelling); may be empty
    std::string storeName;               ///< e.g. "My", "Root"; may be empty
    std::vector<std::string> visibility; ///< "starttask", "task", "remoteuser"
};

/** @brief A Batch certificate as found by inventory(). */
struct CertificateInventoryItem {
    std::string thumbprint;           ///< 40 upper-case hex digits
    std::string batchState;           ///< "active", "deleting", "deletefailed"; empty when only referenced
    std::string publicData;           ///< base64 DER from Batch; empty when the API is retired
    bool fromCertificateApi = false;  ///< false: found only through pool / job schedule references
    std::vector<CertificateUse> uses; ///< every reference to it; empty when nothing uses it
};

/** @brief The container of a local key material file. */
enum class KeyFileFormat {
    Pfx, ///< .pfx / .p12
    Pem, ///< .pem (certificates and maybe a key)
    Cer, ///< .cer / .crt / .der (certificate only)
};

/** @brief Why a local file could not be used. */
enum class KeyFileProblem {
    None,          ///< the file is usable
    WrongPassword, ///< encrypted and no password fits (or none was given)
    Corrupt,       ///< not a readable PKCS#12 / PEM / certificate, or a key of another certificate
    Unreadable,    ///< the file could not be read (missing, not a regular file, no permission)
    Truncated,     ///< the file ends before its own structure says it does
    Duplicate,     ///< readable, but another file with the same certificate is used instead
};

/**
 * @brief The problem's name in reports.
 * @param[in] problem  any problem.
 * @return Static text: "none", "wrong-password", "corrupt", "unreadable", "truncated" or "duplicate".
 */
KVB_EXPORT const char* toText(KeyFileProblem problem) noexcept;

/** @brief One local file and what it turned out to hold. No key bytes are kept here. */
struct LocalKeyMaterial {
    std::string path;                          ///< as found under the scanned root
    KeyFileFormat format = KeyFileFormat::Pfx; ///< from the file's extension
    /**
     * SHA-1 of the leaf certificate (upper-case hex). Also set for a file that would not open
     * when its certificate can be read without the password (unencrypted PKCS#12 certificate
     * bags, the certificates of an encrypted-key PEM); empty when no certificate was readable.
     */
    std::string thumbprint;
    /** The thumbprint the file claims by its name or the mapping file; empty when none. */
    std::string claimedThumbprint;
    bool hasKey = false; ///< the file opened and holds the leaf certificate's private key
    KeyFileProblem problem = KeyFileProblem::None; ///< None: the file can be imported
    std::string problemText;                       ///< never holds a password
};

/** @brief A key material file that cannot be used, and why: a result of planning, like a PlanItem. */
struct KeyFileFinding {
    std::string path;                                 ///< the file, as the scan found it
    KeyFileProblem problem = KeyFileProblem::Corrupt; ///< never None
    std::string detail; ///< for people; never a password or any of the file's content
    /**
     * The certificate the file holds (or claims by its name), upper-case hex; empty when the file
     * cannot be tied to a certificate (e.g. a PKCS#12 whose certificate bags are encrypted too).
     */
    std::string thumbprint;
    bool listedByBatch = false; ///< thumbprint is one of the inventory's certificates
    std::string duplicateOf;    ///< Duplicate: the file used for the certificate instead
};

/** @brief What the plan decided for one certificate. */
enum class PlanAction {
    Import,              ///< import the PFX / PEM as a Key Vault certificate
    AlreadyPresent,      ///< the vault already holds a certificate (or secret) with this x5t
    StorePublicAsSecret, ///< only a .cer: store it as a Key Vault secret
    MissingKeyMaterial,  ///< no usable file for this thumbprint
    PasswordWrong,       ///< the file is encrypted and no given password opens it
    ThumbprintMismatch,  ///< the file named for this thumbprint holds another certificate
    NameConflict,        ///< the target name holds something else, or is soft-deleted
};

/**
 * @brief The action's name in reports and plan files.
 * @param[in] action  any action.
 * @return Static text: "import", "already-present", "store-public-as-secret",
 *         "missing-key-material", "password-wrong", "thumbprint-mismatch" or "name-conflict".
 */
KVB_EXPORT const char* toText(PlanAction action) noexcept;
/**
 * @brief Inverse of toText(PlanAction).
 * @param[in] text  an action name, exactly as toText() spells it (lower case).
 * @return The action, or nullopt for any other text.
 */
KVB_EXPORT std::optional<PlanAction> planActionFromString(const std::string& text);
/**
 * @brief The reference kind's name in reports.
 * @param[in] kind  any kind.
 * @return Static text: "pool" or "jobschedule".
 */
KVB_EXPORT const char* toText(ReferenceKind kind) noexcept;

/** @brief The decision for one certificate. */
struct PlanItem {
    std::string thumbprint;                             ///< upper-case hex
    PlanAction action = PlanAction::MissingKeyMaterial; ///< what execute() will do
    std::string reason;                                 ///< one sentence for people
    std::string targetName;                             ///< Key Vault object name
    std::string sourceFile;                          ///< the chosen local file (Import / StorePublicAsSecret)
    KeyFileFormat sourceFormat = KeyFileFormat::Pfx; ///< the container of sourceFile
    bool recoverDeletedFirst = false;                ///< the name is soft-deleted and recovery was asked for
    std::string existingId;                          ///< AlreadyPresent: the id found in the vault
    std::string existingSecretId;                    ///< AlreadyPresent: the matching secret id
    std::vector<CertificateUse> uses;                ///< copied from the inventory, for the pool guidance
};

/** @brief A whole plan, in inventory order. */
struct Plan {
    std::string batchAccount;           ///< from the inventory
    std::string vaultUrl;               ///< MigrationOptions::vaultUrl
    bool certificateApiRetired = false; ///< from the inventory
    std::vector<PlanItem> items;        ///< one per inventory certificate
    std::vector<std::string> warnings;  ///< e.g. unreadable folder, usable files matching nothing
    /** Set when the vault could not be read while planning; every write would fail the same way. */
    std::string vaultError;
    /** Every key material file that cannot be used, in path order. */
    std::vector<KeyFileFinding> fileFindings;
};

/** @brief Outcome of one step of execute(). */
enum class StepResult {
    Planned,   ///< dry run: nothing done
    Succeeded, ///< done (and, for a write, verified)
    Skipped,   ///< nothing to do (already present) or not asked for
    Failed,    ///< not done, or done but not verified; the outcome's detail says why
};

/**
 * @brief The result's name in reports.
 * @param[in] result  any result.
 * @return Static text: "planned", "succeeded", "skipped" or "failed".
 */
KVB_EXPORT const char* toText(StepResult result) noexcept;

/**
 * @brief A second enabled version carrying a migrated certificate: a write the vault carried
 * out after the run had stopped waiting for it. The migration disables it.
 */
struct DuplicateVersion {
    std::string id;        ///< full id with version
    bool disabled = false; ///< attributes.enabled is false now (by this run or an earlier one)
    std::string detail;    ///< why it could not be disabled; empty when it was
};

/** @brief What happened to one certificate. */
struct ItemOutcome {
    PlanItem plan;                           ///< the decision it carried out
    StepResult result = StepResult::Planned; ///< how it ended
    std::string detail;                      ///< failure reason or note
    std::string keyVaultId;                  ///< certificate id (or secret id for public-only)
    std::string secretId;                    ///< the secret the VM extension must observe
    std::string x5t;                         ///< what the vault reported
    bool verified = false;                   ///< the vault's object was checked (basic or deep) and matched
    /** Clean-up: "", "deleted", "deleting", "deletefailed", "failed: ...", "skipped: ..." */
    std::string batchCertificateCleanup;
    /** Extra versions of the object carrying this certificate; keyVaultId is the one kept enabled. */
    std::vector<DuplicateVersion> duplicates;
};

/** @brief Clean-up of one pool's certificate references. */
struct PoolCleanup {
    std::string poolId;                      ///< the pool
    StepResult result = StepResult::Skipped; ///< Skipped: some certificate it uses is not verified
    std::string detail;                      ///< the failure, or why it was skipped
};

} // namespace kvb::migrate
