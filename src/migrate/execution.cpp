// SPDX-License-Identifier: MIT
#include "migrate/execution.hpp"

#include "migrate/text_util.hpp"

namespace kvb::detail {

bool writes(migrate::PlanAction action) {
    return action == migrate::PlanAction::Import || action == migrate::PlanAction::StorePublicAsSecret;
}

migrate::VaultObjectKind kindOf(const migrate::PlanItem& item) {
    const bool secret =
        item.action == migrate::PlanAction::StorePublicAsSecret ||
        (item.action == migrate::PlanAction::AlreadyPresent && item.existingSecretId == item.existingId);
    return secret ? migrate::VaultObjectKind::Secret : migrate::VaultObjectKind::Certificate;
}

migrate::CertificateStep writeStepOf(const migrate::PlanItem& item) {
    return kindOf(item) == migrate::VaultObjectKind::Secret ? migrate::CertificateStep::StoreSecret
                                                            : migrate::CertificateStep::Import;
}

std::string secretIdOf(std::string certificateId) {
    if (const auto at = certificateId.find("/certificates/"); at != std::string::npos)
        certificateId.replace(at, 14, "/secrets/");
    return certificateId;
}

migrate::LocalKeyMaterial sourceOf(const migrate::PlanItem& item) {
    migrate::LocalKeyMaterial file;
    file.path = item.sourceFile;
    file.format = item.sourceFormat;
    file.claimedThumbprint = migrate::claimedThumbprintOf(item.sourceFile);
    return file;
}

bool taggedFor(const migrate::VaultObject& object, const std::string& thumbprint) {
    const auto tag = object.tags.find(kThumbprintTag);
    return tag != object.tags.end() && toUpper(tag->second) == thumbprint;
}

std::optional<migrate::VaultObject> latestOf(const migrate::VaultStore& vault, const migrate::PlanItem& item,
                                             const Context& context) {
    return kindOf(item) == migrate::VaultObjectKind::Secret
               ? vault.getSecretProperties(item.targetName, context)
               : vault.getCertificate(item.targetName, context);
}

migrate::CertificateStepRecord recordOf(migrate::CertificateStep step, const migrate::PlanItem& item,
                                        migrate::JournalStatus status, std::string detail) {
    migrate::CertificateStepRecord r;
    r.step = step;
    r.status = status;
    r.thumbprint = item.thumbprint;
    r.name = item.targetName;
    r.detail = std::move(detail);
    return r;
}

bool uncertainHistory(const migrate::JournalState& resumed, const migrate::PlanItem& item) {
    return resumed.last(migrate::CertificateStep::Settle, item.thumbprint).has_value() ||
           resumed.unfinished(writeStepOf(item), item.thumbprint);
}

} // namespace kvb::detail
