// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/planner.hpp>

#include "core/json.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace kvb::migrate {

namespace {

// The files that speak for one thumbprint, best first.
struct Candidates {
    const LocalKeyMaterial* withKey = nullptr;    // computed thumbprint matches, has a key
    const LocalKeyMaterial* publicOnly = nullptr; // computed thumbprint matches, certificate only
    const LocalKeyMaterial* mismatch = nullptr;   // claims it, holds another certificate
    const LocalKeyMaterial* locked = nullptr;     // claims it, wrong or missing password
    std::vector<const LocalKeyMaterial*> broken;  // claims it, corrupt or unreadable
};

// A file named for this thumbprint beats an unnamed one, which beats one named for another.
int claimRank(const LocalKeyMaterial& file, const std::string& thumbprint) {
    return file.claimedThumbprint == thumbprint ? 0 : file.claimedThumbprint.empty() ? 1 : 2;
}

Candidates candidatesFor(const std::string& thumbprint, const KeyMaterialScan& material) {
    Candidates c;
    for (const auto& file : material.files) {
        if (file.problem == KeyFileProblem::None && file.thumbprint == thumbprint) {
            auto& slot = file.hasKey ? c.withKey : c.publicOnly;
            if (slot == nullptr || claimRank(file, thumbprint) < claimRank(*slot, thumbprint)) slot = &file;
            continue;
        }
        if (file.claimedThumbprint != thumbprint) continue;
        if (file.problem == KeyFileProblem::None) {
            if (c.mismatch == nullptr) c.mismatch = &file;
        } else if (file.problem == KeyFileProblem::WrongPassword) {
            if (c.locked == nullptr) c.locked = &file;
        } else {
            c.broken.push_back(&file);
        }
    }
    return c;
}

std::string describeMissing(const std::string& thumbprint, const Candidates& c,
                            const KeyMaterialScan& material) {
    std::string reason = "no key material file holds the certificate " + thumbprint;
    for (const auto* file : c.broken) reason += "; " + file->path + ": " + file->problemText;
    if (c.broken.empty() && !material.problems.empty()) reason += "; " + material.problems.front();
    return reason;
}

const VaultObject* certificateWithX5t(const VaultSnapshot& vault, const std::string& x5t) {
    for (const auto& cert : vault.certificates) {
        if (cert.x5t == x5t) return &cert;
    }
    return nullptr;
}

const VaultObject* certificateNamed(const VaultSnapshot& vault, const std::string& name) {
    const std::string lower = detail::toLower(name);
    for (const auto& cert : vault.certificates) {
        if (detail::toLower(cert.name) == lower) return &cert;
    }
    return nullptr;
}

const VaultObject* findByName(const std::map<std::string, VaultObject>& objects, const std::string& name) {
    auto it = objects.find(detail::toLower(name));
    return it == objects.end() ? nullptr : &it->second;
}

// Checks the vault for an item whose source file was chosen; may turn it into
// already-present or name-conflict.
void applyVaultState(PlanItem& item, const VaultSnapshot& vault, const PlanOptions& options) {
    const std::string x5t = pki::thumbprintHexToX5t(item.thumbprint);
    if (item.action == PlanAction::Import) {
        if (const auto* found = certificateWithX5t(vault, x5t)) {
            item.action = PlanAction::AlreadyPresent;
            item.targetName = found->name;
            item.existingId = found->id;
            item.existingSecretId = found->secretId;
            item.reason = "the vault already holds this certificate as '" + found->name + "'";
            return;
        }
        if (const auto* taken = certificateNamed(vault, item.targetName)) {
            item.action = PlanAction::NameConflict;
            item.reason =
                "the name '" + item.targetName + "' holds another certificate (x5t " + taken->x5t + ")";
            return;
        }
    } else {
        if (const auto* secret = findByName(vault.secrets, item.targetName)) {
            auto tag = secret->tags.find("batch-thumbprint");
            if (tag != secret->tags.end() && detail::toUpper(tag->second) == item.thumbprint) {
                item.action = PlanAction::AlreadyPresent;
                item.existingId = secret->id;
                item.existingSecretId = secret->id;
                item.reason =
                    "the vault already holds this public certificate as secret '" + secret->name + "'";
            } else {
                item.action = PlanAction::NameConflict;
                item.reason = "the secret name '" + item.targetName + "' holds something else";
            }
            return;
        }
        if (certificateNamed(vault, item.targetName) != nullptr) {
            item.action = PlanAction::NameConflict;
            item.reason = "the name '" + item.targetName + "' is taken by a certificate";
            return;
        }
    }
    if (findByName(vault.deletedCertificates, item.targetName) != nullptr) {
        if (options.recoverDeleted && item.action == PlanAction::Import) {
            item.recoverDeletedFirst = true;
            item.reason += "; the soft-deleted '" + item.targetName + "' is recovered first";
        } else {
            item.action = PlanAction::NameConflict;
            item.reason =
                "the name '" + item.targetName + "' is soft-deleted" +
                (options.recoverDeleted ? "" : " (use --recover-deleted to recover it, or purge it)");
        }
    }
}

PlanItem decide(const CertificateInventoryItem& cert, const KeyMaterialScan& material,
                const VaultSnapshot& vault, const PlanOptions& options) {
    PlanItem item;
    item.thumbprint = cert.thumbprint;
    item.uses = cert.uses;
    item.targetName = targetNameFor(cert.thumbprint, options);
    const Candidates c = candidatesFor(cert.thumbprint, material);
    if (c.withKey != nullptr || c.publicOnly != nullptr) {
        const auto* file = c.withKey != nullptr ? c.withKey : c.publicOnly;
        item.sourceFile = file->path;
        item.sourceFormat = file->format;
        if (c.withKey != nullptr) {
            item.action = PlanAction::Import;
            item.reason = "key material found in " + file->path;
        } else {
            item.action = PlanAction::StorePublicAsSecret;
            item.reason =
                "only the public certificate was found (" + file->path + "); it is stored as a secret";
        }
        applyVaultState(item, vault, options);
        return item;
    }
    if (const auto* found = certificateWithX5t(vault, pki::thumbprintHexToX5t(cert.thumbprint))) {
        // Nothing local, but the vault has it already (e.g. migrated earlier from another machine).
        item.action = PlanAction::AlreadyPresent;
        item.targetName = found->name;
        item.existingId = found->id;
        item.existingSecretId = found->secretId;
        item.reason = "the vault already holds this certificate as '" + found->name + "'";
        return item;
    }
    if (c.mismatch != nullptr) {
        item.action = PlanAction::ThumbprintMismatch;
        item.sourceFile = c.mismatch->path;
        item.reason =
            c.mismatch->path + " is named for " + cert.thumbprint + " but holds " + c.mismatch->thumbprint;
    } else if (c.locked != nullptr) {
        item.action = PlanAction::PasswordWrong;
        item.sourceFile = c.locked->path;
        item.reason = c.locked->path + ": " + c.locked->problemText;
    } else {
        item.action = PlanAction::MissingKeyMaterial;
        item.reason = describeMissing(cert.thumbprint, c, material);
    }
    return item;
}

} // namespace

bool isValidVaultName(std::string_view name) {
    return !name.empty() && name.size() <= 127 && std::all_of(name.begin(), name.end(), [](unsigned char ch) {
        return std::isalnum(ch) != 0 || ch == '-';
    });
}

std::string targetNameFor(const std::string& thumbprint, const PlanOptions& options) {
    const std::string upper = detail::toUpper(thumbprint);
    if (auto it = options.names.find(upper); it != options.names.end()) return it->second;
    return options.namePrefix + detail::toLower(thumbprint);
}

std::map<std::string, std::string> loadNameMapping(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InvalidArgument("cannot read name mapping file " + path.string());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto doc = kvb::detail::parseJson(text, "name mapping file");
    const auto& obj = kvb::detail::requireObject(doc, "name mapping file");
    std::map<std::string, std::string> names;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        const std::string key = it->name.GetString();
        if (!detail::isThumbprintHex(key)) {
            throw InvalidArgument("name mapping file: '" + key + "' is not a 40-digit hex thumbprint");
        }
        if (!it->value.IsString() || !isValidVaultName(it->value.GetString())) {
            throw InvalidArgument("name mapping file: the name for " + key +
                                  " is not a valid Key Vault name (1-127 letters, digits, '-')");
        }
        names[detail::toUpper(key)] = it->value.GetString();
    }
    return names;
}

Plan makePlan(const std::vector<CertificateInventoryItem>& inventory, const KeyMaterialScan& material,
              const VaultSnapshot& vault, const PlanOptions& options) {
    Plan plan;
    plan.warnings = material.problems;
    for (const auto& cert : inventory) plan.items.push_back(decide(cert, material, vault, options));
    for (const auto& file : material.files) {
        const bool used =
            std::any_of(inventory.begin(), inventory.end(), [&](const CertificateInventoryItem& c) {
                return c.thumbprint == file.thumbprint || c.thumbprint == file.claimedThumbprint;
            });
        if (!used) {
            plan.warnings.push_back(
                file.path + " matches no Batch certificate" +
                (file.problem == KeyFileProblem::None ? "" : " (" + file.problemText + ")"));
        }
    }
    return plan;
}

} // namespace kvb::migrate
