// SPDX-License-Identifier: MIT
#include "migrate/duplicate_cleanup.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <vector>

namespace kvb::detail {

void DuplicateCleanup::disableDuplicates(migrate::ItemOutcome& o) const {
    const migrate::PlanItem& item = o.plan;
    const migrate::VaultObjectKind kind = kindOf(item);
    const std::string expectedX5t = pki::thumbprintHexToX5t(item.thumbprint);
    std::vector<migrate::VaultObject> ours;
    for (auto& v : run_.vault.listVersions(kind, item.targetName, run_.context)) {
        if (!taggedFor(v, item.thumbprint)) continue;
        if (kind == migrate::VaultObjectKind::Certificate && v.x5t != expectedX5t) continue;
        ours.push_back(std::move(v));
    }
    if (ours.size() < 2) return;
    const auto latest = latestOf(run_.vault, item, run_.context);
    auto keep = std::find_if(ours.begin(), ours.end(), [&](const migrate::VaultObject& v) {
        return v.enabled && latest && v.id == latest->id;
    });
    if (keep == ours.end())
        keep = std::find_if(ours.begin(), ours.end(),
                            [&](const migrate::VaultObject& v) { return v.enabled && v.id == o.keyVaultId; });
    if (keep == ours.end())
        keep =
            std::find_if(ours.begin(), ours.end(), [](const migrate::VaultObject& v) { return v.enabled; });
    if (keep == ours.end()) return; // none enabled: nothing a reader gets, nothing to choose
    std::string disabled, failed;
    for (const auto& v : ours) {
        if (v.id == keep->id) continue;
        migrate::DuplicateVersion d{v.id, !v.enabled, {}};
        if (v.enabled) {
            auto r =
                recordOf(migrate::CertificateStep::DisableDuplicate, item, migrate::JournalStatus::Started);
            r.kvId = v.id;
            run_.journal.append(r);
            try {
                run_.vault.disableVersion(kind, item.targetName, v.version, run_.context);
                d.disabled = true;
                r.status = migrate::JournalStatus::Succeeded;
                disabled += (disabled.empty() ? "" : ", ") + v.id;
            } catch (const Error& e) {
                d.detail = e.what();
                r.status = migrate::JournalStatus::Failed;
                r.detail = e.what();
                failed += (failed.empty() ? "" : "; ") + v.id + ": " + e.what();
            }
            r.ts.clear();
            run_.journal.append(r);
        }
        o.duplicates.push_back(std::move(d));
    }
    o.keyVaultId = keep->id;
    o.secretId = kind == migrate::VaultObjectKind::Secret ? keep->id : secretIdOf(keep->id);
    o.x5t = keep->x5t;
    const std::string note = "disabled duplicate version(s) " + disabled;
    if (!failed.empty()) {
        o.result = migrate::StepResult::Failed;
        o.detail = "duplicate version(s) could not be disabled: " + failed;
    } else if (!disabled.empty()) {
        o.detail = o.detail.empty() ? note : o.detail + "; " + note;
    }
}

} // namespace kvb::detail
