// SPDX-License-Identifier: MIT
#include "migrate/execution.hpp"

#include "migrate/text_util.hpp"

namespace kvb::migrate::detail {

bool writes(PlanAction action) {
    return action == PlanAction::Import || action == PlanAction::StorePublicAsSecret;
}

VaultObjectKind kindOf(const PlanItem& item) {
    const bool secret =
        item.action == PlanAction::StorePublicAsSecret ||
        (item.action == PlanAction::AlreadyPresent && item.existingSecretId == item.existingId);
    return secret ? VaultObjectKind::Secret : VaultObjectKind::Certificate;
}

CertificateStep writeStepOf(const PlanItem& item) {
    return kindOf(item) == VaultObjectKind::Secret ? CertificateStep::StoreSecret : CertificateStep::Import;
}

std::string secretIdOf(std::string certificateId) {
    if (const auto at = certificateId.find("/certificates/"); at != std::string::npos)
        certificateId.replace(at, 14, "/secrets/");
    return certificateId;
}

LocalKeyMaterial sourceOf(const PlanItem& item) {
    LocalKeyMaterial file;
    file.path = item.sourceFile;
    file.format = item.sourceFormat;
    file.claimedThumbprint = claimedThumbprintOf(item.sourceFile);
    return file;
}

bool taggedFor(const VaultObject& object, const std::string& thumbprint) {
    const auto tag = object.tags.find(kThumbprintTag);
    return tag != object.tags.end() && toUpper(tag->second) == thumbprint;
}

std::optional<VaultObject> latestOf(const VaultStore& vault, const PlanItem& item, const Context& context) {
    return kindOf(item) == VaultObjectKind::Secret ? vault.getSecretProperties(item.targetName, context)
                                                   : vault.getCertificate(item.targetName, context);
}

CertificateStepRecord recordOf(CertificateStep step, const PlanItem& item, JournalStatus status,
                               std::string detail) {
    CertificateStepRecord r;
    r.step = step;
    r.status = status;
    r.thumbprint = item.thumbprint;
    r.name = item.targetName;
    r.detail = std::move(detail);
    return r;
}

bool uncertainHistory(const JournalState& resumed, const PlanItem& item) {
    return resumed.last(CertificateStep::Settle, item.thumbprint).has_value() ||
           resumed.unfinished(writeStepOf(item), item.thumbprint);
}

} // namespace kvb::migrate::detail
