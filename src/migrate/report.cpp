// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/report.hpp>

#include "migrate/json_parts.hpp"
#include "migrate/safe_text.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kvb::detail {

void writeUses(JsonWriter& w, const std::vector<migrate::CertificateUse>& uses) {
    w.key("references").startArray();
    for (const auto& u : uses) {
        w.startObject()
            .member("kind", toText(u.kind))
            .member("id", u.ownerId)
            .member("storeLocation", u.storeLocation)
            .member("storeName", u.storeName)
            .member("visibility", u.visibility)
            .endObject();
    }
    w.endArray();
}

void writeFileFindings(JsonWriter& w, const std::vector<migrate::KeyFileFinding>& findings) {
    w.key("files").startArray();
    for (const auto& f : findings) {
        w.startObject()
            .member("path", f.path)
            .member("problem", toText(f.problem))
            .member("detail", f.detail)
            .member("thumbprint", f.thumbprint)
            .member("listedByBatch", f.listedByBatch);
        if (!f.duplicateOf.empty()) w.member("duplicateOf", f.duplicateOf);
        w.endObject();
    }
    w.endArray();
}

} // namespace kvb::detail

namespace kvb::migrate {

namespace {

using kvb::detail::JsonWriter;

bool needsAttention(PlanAction action) {
    return action != PlanAction::Import && action != PlanAction::AlreadyPresent &&
           action != PlanAction::StorePublicAsSecret;
}

std::vector<std::string> owners(const PlanItem& item, ReferenceKind kind) {
    std::vector<std::string> ids;
    for (const auto& use : item.uses) {
        if (use.kind == kind && std::find(ids.begin(), ids.end(), use.ownerId) == ids.end())
            ids.push_back(use.ownerId);
    }
    return ids;
}

void writeCertificate(JsonWriter& w, const ItemOutcome& o) {
    w.startObject()
        .member("thumbprint", o.plan.thumbprint)
        .member("name", o.plan.targetName)
        .member("action", toText(o.plan.action))
        .member("reason", o.plan.reason)
        .member("result", toText(o.result))
        .member("detail", o.detail)
        .member("sourceFile", o.plan.sourceFile)
        .member("keyVaultId", o.keyVaultId)
        .member("secretId", o.secretId)
        .member("x5t", o.x5t)
        .member("verified", o.verified)
        .member("batchCertificateCleanup", o.batchCertificateCleanup);
    detail::writeUses(w, o.plan.uses);
    w.key("duplicateVersions").startArray();
    for (const auto& d : o.duplicates) {
        w.startObject()
            .member("id", d.id)
            .member("disabled", d.disabled)
            .member("detail", d.detail)
            .endObject();
    }
    w.endArray();
    w.endObject();
}

std::size_t duplicateCount(const MigrationReport& r) {
    std::size_t n = 0;
    for (const auto& o : r.certificates) n += o.duplicates.size();
    return n;
}

void writePool(JsonWriter& w, const PoolGuidance& g) {
    w.startObject()
        .member("id", g.poolId)
        .member("kind", g.jobSchedule ? "jobschedule" : "pool")
        .member("os", g.os == PoolOs::Windows ? "windows" : "linux")
        .member("thumbprints", g.thumbprints)
        .member("unmigrated", g.unmigrated);
    w.key("extension").raw(g.extensionJson);
    if (!g.armPoolJson.empty()) w.key("armPool").raw(g.armPoolJson);
    if (!g.batchPoolJson.empty()) w.key("batchPool").raw(g.batchPoolJson);
    w.endObject();
}

// Owner-only, also when an earlier run (or another tool) left the file readable by others.
void writeFile(const std::filesystem::path& path, const std::string& text) {
    const auto failure = [&] {
        return InvalidArgument("cannot write " + path.string() + ": " + std::strerror(errno));
    };
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw failure();
    bool ok = ::fchmod(fd, 0600) == 0;
    for (std::size_t off = 0; ok && off < text.size();) {
        const ssize_t n = ::write(fd, text.data() + off, text.size() - off);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) off += static_cast<std::size_t>(n);
    }
    if (!ok) {
        const auto error = failure();
        ::close(fd);
        throw error;
    }
    if (::close(fd) != 0) throw failure();
}

std::string cell(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out.empty() ? "-" : out;
}

// File names from pool ids: Batch ids are [A-Za-z0-9_-], but be safe.
std::string fileStem(const std::string& id) {
    std::string out;
    for (char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out;
}

} // namespace

std::string toText(const KeyFileFinding& f) {
    std::string line = f.path + ": " + toText(f.problem) + ": " + f.detail;
    if (f.thumbprint.empty())
        line += " (cannot be tied to a certificate)";
    else
        line += " (certificate " + f.thumbprint + (f.listedByBatch ? ")" : ", which Batch does not list)");
    return line;
}

std::size_t MigrationReport::count(StepResult result) const {
    return static_cast<std::size_t>(std::count_if(certificates.begin(), certificates.end(),
                                                  [&](const ItemOutcome& o) { return o.result == result; }));
}

std::size_t MigrationReport::count(PlanAction action) const {
    return static_cast<std::size_t>(
        std::count_if(certificates.begin(), certificates.end(),
                      [&](const ItemOutcome& o) { return o.plan.action == action; }));
}

bool MigrationReport::hasProblems() const {
    return std::any_of(certificates.begin(), certificates.end(), [](const ItemOutcome& o) {
        return o.result == StepResult::Failed || needsAttention(o.plan.action);
    });
}

bool MigrationReport::complete() const {
    return !hasProblems();
}

std::string toJson(const MigrationReport& report) {
    const MigrationReport r = detail::withoutKeyMaterial(report);
    JsonWriter w;
    w.startObject()
        .member("schemaVersion", MigrationReport::kSchemaVersion)
        .member("tool", "kvbridge")
        .member("batchAccount", r.batchAccount)
        .member("vaultUrl", r.vaultUrl)
        .member("dryRun", r.dryRun)
        .member("certificateApiRetired", r.certificateApiRetired)
        .member("startedAt", r.startedAt)
        .member("finishedAt", r.finishedAt);
    w.key("summary").startObject().member("certificates", static_cast<std::int64_t>(r.certificates.size()));
    w.key("actions").startObject();
    for (auto a : {PlanAction::Import, PlanAction::AlreadyPresent, PlanAction::StorePublicAsSecret,
                   PlanAction::MissingKeyMaterial, PlanAction::PasswordWrong, PlanAction::ThumbprintMismatch,
                   PlanAction::NameConflict}) {
        w.member(toText(a), static_cast<std::int64_t>(r.count(a)));
    }
    w.endObject();
    w.key("results").startObject();
    for (auto s : {StepResult::Planned, StepResult::Succeeded, StepResult::Skipped, StepResult::Failed}) {
        w.member(toText(s), static_cast<std::int64_t>(r.count(s)));
    }
    w.endObject();
    w.member("complete", r.complete());
    w.member("unusableFiles", static_cast<std::int64_t>(r.fileFindings.size()));
    w.endObject();
    w.key("certificates").startArray();
    for (const auto& o : r.certificates) writeCertificate(w, o);
    w.endArray();
    w.key("poolCleanup").startArray();
    for (const auto& p : r.poolCleanups) {
        w.startObject()
            .member("poolId", p.poolId)
            .member("result", toText(p.result))
            .member("detail", p.detail)
            .endObject();
    }
    w.endArray();
    w.key("pools").startArray();
    for (const auto& g : r.pools) writePool(w, g);
    w.endArray();
    detail::writeFileFindings(w, r.fileFindings);
    w.member("warnings", r.warnings);
    w.endObject();
    return w.str();
}

std::string toJson(const std::vector<PoolGuidance>& pools) {
    JsonWriter w;
    w.startArray();
    for (const auto& g : pools) writePool(w, g);
    w.endArray();
    return w.str();
}

std::string toMarkdown(const MigrationReport& report) {
    const MigrationReport r = detail::withoutKeyMaterial(report);
    std::ostringstream md;
    md << "# Batch certificate migration" << (r.dryRun ? " (dry run)" : "") << "\n\n";
    md << "- Batch account: `" << r.batchAccount << "`\n- Key Vault: " << r.vaultUrl << "\n";
    md << "- Certificate API: "
       << (r.certificateApiRetired ? "retired (thumbprints from pool references)" : "available")
       << "\n- Started " << r.startedAt << ", finished " << r.finishedAt << "\n\n";
    md << "| Certificate | Thumbprint | Action | Result | Key Vault id | Pools affected |\n";
    md << "|---|---|---|---|---|---|\n";
    for (const auto& o : r.certificates) {
        std::string pools;
        for (const auto& id : owners(o.plan, ReferenceKind::Pool)) pools += (pools.empty() ? "" : ", ") + id;
        for (const auto& id : owners(o.plan, ReferenceKind::JobSchedule)) {
            pools += (pools.empty() ? "" : ", ") + ("jobschedule " + id);
        }
        std::string result = toText(o.result);
        if (!o.detail.empty())
            result += ": " + o.detail;
        else if (needsAttention(o.plan.action))
            result += ": " + o.plan.reason;
        md << "| " << cell(o.plan.targetName) << " | `" << o.plan.thumbprint << "` | "
           << toText(o.plan.action) << " | " << cell(result) << " | " << cell(o.keyVaultId) << " | "
           << cell(pools) << " |\n";
    }
    md << "\n"
       << r.certificates.size() << " certificates: " << r.count(StepResult::Succeeded) << " succeeded, "
       << r.count(StepResult::Skipped) << " skipped, " << r.count(StepResult::Failed) << " failed, "
       << r.count(StepResult::Planned) << " planned.\n";
    if (!r.poolCleanups.empty()) {
        md << "\n## Pool reference clean-up\n\n| Pool | Result | Detail |\n|---|---|---|\n";
        for (const auto& p : r.poolCleanups) {
            md << "| " << cell(p.poolId) << " | " << toText(p.result) << " | " << cell(p.detail) << " |\n";
        }
    }
    if (!r.pools.empty()) {
        md << "\n## Pools to re-create with the Key Vault extension\n\n| Pool | OS | Certificates | Not "
              "migrated |\n"
              "|---|---|---|---|\n";
        for (const auto& g : r.pools) {
            md << "| " << (g.jobSchedule ? "jobschedule " : "") << cell(g.poolId) << " | "
               << (g.os == PoolOs::Windows ? "Windows" : "Linux") << " | " << g.thumbprints.size() << " | "
               << g.unmigrated.size() << " |\n";
        }
        md << "\nExtension blocks and replacement pool bodies: `pools/<id>.extension.json`, "
              "`pools/<id>.arm.json`, "
              "`pools/<id>.batch.json`.\n";
    }
    if (duplicateCount(r) != 0) {
        md << "\n## Duplicate versions\n\nA write the vault carried out after the migration had "
              "stopped waiting for it left a second version; the one readers get stays enabled.\n\n"
              "| Certificate | Thumbprint | Duplicate version | Disabled |\n|---|---|---|---|\n";
        for (const auto& o : r.certificates) {
            for (const auto& d : o.duplicates) {
                md << "| " << cell(o.plan.targetName) << " | `" << o.plan.thumbprint << "` | " << cell(d.id)
                   << " | " << (d.disabled ? "yes" : cell("no: " + d.detail)) << " |\n";
            }
        }
    }
    if (!r.fileFindings.empty()) {
        md << "\n## Key material files that cannot be used\n\n| File | Problem | Certificate | Detail |\n"
              "|---|---|---|---|\n";
        for (const auto& f : r.fileFindings) {
            const std::string cert = f.thumbprint.empty() ? "cannot be tied to a certificate"
                                     : f.listedByBatch    ? "`" + f.thumbprint + "`"
                                                          : "`" + f.thumbprint + "` (not in Batch)";
            md << "| " << cell(f.path) << " | " << toText(f.problem) << " | " << cert << " | "
               << cell(f.detail) << " |\n";
        }
    }
    if (!r.warnings.empty()) {
        md << "\n## Warnings\n\n";
        for (const auto& w : r.warnings) md << "- " << w << "\n";
    }
    return md.str();
}

namespace {

// Comma-separated @p parts after @p head, wrapped so that no line is wider than 80 columns;
// continuation lines are indented by two spaces.
std::string wrapped(const std::string& head, const std::vector<std::string>& parts) {
    constexpr std::size_t kColumns = 80;
    std::string out = head;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string piece = parts[i] + (i + 1 < parts.size() ? "," : "");
        if (out.size() - lineStart + 1 + piece.size() > kColumns) {
            out += "\n ";
            lineStart = out.size() - 1;
        }
        out += " " + piece;
    }
    return out + "\n";
}

} // namespace

std::string toSummaryText(const MigrationReport& r) {
    std::vector<std::string> actions;
    for (auto a : {PlanAction::Import, PlanAction::AlreadyPresent, PlanAction::StorePublicAsSecret,
                   PlanAction::MissingKeyMaterial, PlanAction::PasswordWrong, PlanAction::ThumbprintMismatch,
                   PlanAction::NameConflict}) {
        actions.push_back(std::to_string(r.count(a)) + " " + toText(a));
    }
    std::vector<std::string> results;
    for (auto s : {StepResult::Succeeded, StepResult::Skipped, StepResult::Failed, StepResult::Planned})
        results.push_back(std::to_string(r.count(s)) + " " + toText(s));
    std::string out = wrapped(std::to_string(r.certificates.size()) + " certificates:", actions);
    out += wrapped("results:", results);
    out += std::to_string(r.pools.size()) + " pools / job schedules need the Key Vault extension\n";
    if (!r.fileFindings.empty()) {
        out += std::to_string(r.fileFindings.size()) +
               (r.fileFindings.size() == 1 ? " key material file cannot" : " key material files cannot") +
               " be used (see the report)\n";
    }
    for (const auto& o : r.certificates) {
        for (const auto& d : o.duplicates) {
            out += "duplicate version of " + o.plan.targetName + ": " + d.id +
                   (d.disabled ? " (disabled)" : " NOT disabled: " + d.detail) + "\n";
        }
    }
    return out;
}

void writeReport(const MigrationReport& report, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir / "pools", ec);
    if (ec) throw InvalidArgument("cannot create report folder " + dir.string());
    writeFile(dir / "report.json", toJson(report) + "\n");
    writeFile(dir / "report.md", toMarkdown(report));
    for (const auto& g : report.pools) {
        const std::string stem = (g.jobSchedule ? "jobschedule-" : "") + fileStem(g.poolId);
        writeFile(dir / "pools" / (stem + ".extension.json"), g.extensionJson + "\n");
        if (!g.armPoolJson.empty()) writeFile(dir / "pools" / (stem + ".arm.json"), g.armPoolJson + "\n");
        if (!g.batchPoolJson.empty())
            writeFile(dir / "pools" / (stem + ".batch.json"), g.batchPoolJson + "\n");
    }
}

} // namespace kvb::migrate
