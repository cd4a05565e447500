// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/planner.hpp>

#include "core/input_file.hpp"
#include "core/json.hpp"
#include "migrate/execution.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <tuple>

namespace kvb::migrate {

namespace {

// The files that speak for one thumbprint.
struct Candidates {
    const LocalKeyMaterial* source = nullptr;    // the best usable file holding it
    const LocalKeyMaterial* mismatch = nullptr;  // claims it by name, holds another certificate
    std::vector<const LocalKeyMaterial*> locked; // tied to it, wrong or missing password
    std::vector<const LocalKeyMaterial*> broken; // tied to it, corrupt, truncated or unreadable
};

// A file named for this thumbprint beats an unnamed one, which beats one named for another.
int claimRank(const LocalKeyMaterial& file, const std::string& thumbprint) {
    return file.claimedThumbprint == thumbprint ? 0 : file.claimedThumbprint.empty() ? 1 : 2;
}

// PKCS#12 first: Key Vault then gets the file as exported, chain and all; a PEM is re-encoded.
int formatRank(KeyFileFormat format) {
    return format == KeyFileFormat::Pfx ? 0 : format == KeyFileFormat::Pem ? 1 : 2;
}

// Which of two usable files holding @p thumbprint is the source: one with a key, then by name,
// by format, by path (the scan's order), so the choice never depends on anything else.
bool betterSource(const LocalKeyMaterial& a, const LocalKeyMaterial& b, const std::string& thumbprint) {
    const auto rank = [&](const LocalKeyMaterial& f) {
        return std::make_tuple(f.hasKey ? 0 : 1, claimRank(f, thumbprint), formatRank(f.format));
    };
    return rank(a) < rank(b) || (rank(a) == rank(b) && a.path < b.path);
}

// The certificate a file that would not open speaks for: the one read from it, else the one its
// name claims; empty when neither is known.
const std::string& tieOf(const LocalKeyMaterial& file) {
    return file.thumbprint.empty() ? file.claimedThumbprint : file.thumbprint;
}

Candidates candidatesFor(const std::string& thumbprint, const KeyMaterialScan& material) {
    Candidates c;
    for (const auto& file : material.files) {
        if (file.problem == KeyFileProblem::None) {
            if (file.thumbprint == thumbprint) {
                if (c.source == nullptr || betterSource(file, *c.source, thumbprint)) c.source = &file;
            } else if (file.claimedThumbprint == thumbprint && c.mismatch == nullptr) {
                c.mismatch = &file;
            }
        } else if (tieOf(file) == thumbprint) {
            (file.problem == KeyFileProblem::WrongPassword ? c.locked : c.broken).push_back(&file);
        }
    }
    return c;
}

std::string listFiles(const std::vector<const LocalKeyMaterial*>& files, bool withProblem) {
    constexpr std::size_t kShown = 5;
    std::string out;
    for (std::size_t i = 0; i < files.size() && i < kShown; ++i) {
        out += (i == 0 ? "" : ", ") + files[i]->path;
        if (withProblem) out += " (" + files[i]->problemText + ")";
    }
    if (files.size() > kShown) out += " and " + std::to_string(files.size() - kShown) + " more";
    return out;
}

std::string describeLocked(const Candidates& c) {
    return "no password opens the key material for this certificate: " + listFiles(c.locked, true);
}

std::string describeMissing(const std::string& thumbprint, const Candidates& c,
                            const KeyMaterialScan& material) {
    std::string reason = "no key material file holds the certificate " + thumbprint;
    if (!c.broken.empty()) return reason + "; " + listFiles(c.broken, true);
    // Files no certificate could be read from may hold this one: name them, so that an
    // unreadable or cut-short file in a folder not named by thumbprint is not overlooked.
    std::vector<const LocalKeyMaterial*> untied;
    for (const auto& file : material.files) {
        if (file.problem != KeyFileProblem::None && tieOf(file).empty()) untied.push_back(&file);
    }
    if (!untied.empty()) reason += "; files that cannot be opened may hold it: " + listFiles(untied, false);
    if (!material.problems.empty()) reason += "; " + material.problems.front();
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
            if (detail::taggedFor(*secret, item.thumbprint)) {
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
    if (c.source != nullptr) {
        const auto* file = c.source;
        item.sourceFile = file->path;
        item.sourceFormat = file->format;
        if (file->hasKey) {
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
    } else if (!c.locked.empty()) {
        item.action = PlanAction::PasswordWrong;
        item.sourceFile = c.locked.front()->path;
        item.sourceFormat = c.locked.front()->format;
        item.reason = describeLocked(c);
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
    const SecretBytes bytes = kvb::detail::readInputFile(path, "name mapping file");
    const std::string what = "name mapping file " + path.string();
    rapidjson::Document doc;
    try {
        doc = kvb::detail::parseJson(kvb::detail::withoutUtf8Bom(detail::asText(bytes)), what);
    } catch (const ParseError& e) {
        throw InvalidArgument(e.what());
    }
    if (!doc.IsObject())
        throw InvalidArgument(what + ": expected a JSON object {\"<thumbprint>\": \"<name>\"}");
    const auto& obj = doc;
    std::map<std::string, std::string> names;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        const std::string key = it->name.GetString();
        if (!detail::isThumbprintHex(key)) {
            throw InvalidArgument(what + ": '" + key + "' is not a 40-digit hex thumbprint");
        }
        if (!it->value.IsString() || !isValidVaultName(it->value.GetString())) {
            throw InvalidArgument(what + ": the name for " + key +
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
    std::map<std::string, std::string> sources; // thumbprint -> the file the plan uses
    for (const auto& cert : inventory) {
        plan.items.push_back(decide(cert, material, vault, options));
        sources.emplace(cert.thumbprint, plan.items.back().sourceFile);
    }
    for (const auto& file : material.files) {
        if (file.problem != KeyFileProblem::None) {
            KeyFileFinding finding;
            finding.path = file.path;
            finding.problem = file.problem;
            finding.detail = file.problemText;
            finding.thumbprint = tieOf(file);
            finding.listedByBatch = sources.count(finding.thumbprint) != 0;
            plan.fileFindings.push_back(std::move(finding));
            continue;
        }
        const auto source = sources.find(file.thumbprint);
        if (source != sources.end() && !source->second.empty() && source->second != file.path) {
            KeyFileFinding finding;
            finding.path = file.path;
            finding.problem = KeyFileProblem::Duplicate;
            finding.detail = "holds the same certificate as " + source->second + ", which is used instead";
            finding.thumbprint = file.thumbprint;
            finding.listedByBatch = true;
            finding.duplicateOf = source->second;
            plan.fileFindings.push_back(std::move(finding));
        } else if (source == sources.end() && sources.count(file.claimedThumbprint) == 0) {
            plan.warnings.push_back(file.path + " matches no Batch certificate");
        }
    }
    return plan;
}

} // namespace kvb::migrate
