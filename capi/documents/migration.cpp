// SPDX-License-Identifier: MIT
// The plan document of migrate.h; its references and file findings are written as the report
// writes them.

#include "documents/migration.hpp"

#include "migrate/json_parts.hpp"

namespace kvb::capi {

void writeMigrationPlan(JsonWriter& w, const migrate::Plan& p) {
    writeObject(w, [&] {
        w.member("batchAccount", p.batchAccount).member("vaultUrl", p.vaultUrl);
        w.member("certificateApiRetired", p.certificateApiRetired);
        if (!p.vaultError.empty()) w.member("vaultError", p.vaultError);
        w.member("warnings", p.warnings);
        kvb::detail::writeFileFindings(w, p.fileFindings);
        writeObjects(w, "items", p.items, [&](const migrate::PlanItem& item) {
            w.member("thumbprint", item.thumbprint).member("action", migrate::toText(item.action));
            w.member("reason", item.reason).member("targetName", item.targetName);
            if (!item.sourceFile.empty()) w.member("sourceFile", item.sourceFile);
            w.member("recoverDeletedFirst", item.recoverDeletedFirst);
            if (!item.existingId.empty()) w.member("existingId", item.existingId);
            kvb::detail::writeUses(w, item.uses);
        });
    });
}

} // namespace kvb::capi
