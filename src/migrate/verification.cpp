// SPDX-License-Identifier: MIT
#include "migrate/verification.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

namespace kvb::detail {

void Verification::acceptWritten(migrate::ItemOutcome& o, const migrate::VaultObject& written) const {
    const migrate::PlanItem& item = o.plan;
    const std::string expectedX5t =
        kindOf(item) == migrate::VaultObjectKind::Secret ? "" : pki::thumbprintHexToX5t(item.thumbprint);
    if (!expectedX5t.empty() && written.x5t != expectedX5t) {
        o.result = migrate::StepResult::Failed;
        o.detail = "verification failed: the vault reports x5t " + written.x5t + ", expected " + expectedX5t;
        run_.journal.append(
            recordOf(migrate::CertificateStep::Verify, item, migrate::JournalStatus::Failed, o.detail));
        return;
    }
    o.result = migrate::StepResult::Succeeded;
}

void Verification::verify(migrate::ItemOutcome& o, const migrate::PreparedImport* prepared,
                          bool checkDuplicates) const {
    if (o.result != migrate::StepResult::Succeeded) return;
    const migrate::PlanItem& item = o.plan;
    if (checkDuplicates) {
        duplicates_.disableDuplicates(o);
        if (o.result != migrate::StepResult::Succeeded) {
            run_.journal.append(
                recordOf(migrate::CertificateStep::Verify, item, migrate::JournalStatus::Failed, o.detail));
            return;
        }
    }
    const bool deep =
        run_.options.verify == migrate::VerifyMode::Deep && item.action == migrate::PlanAction::Import;
    if (deep) {
        run_.journal.append(
            recordOf(migrate::CertificateStep::Verify, item, migrate::JournalStatus::Started));
        try {
            bool pem = false;
            const SecretBytes downloaded = run_.vault.downloadCertificate(item.targetName, pem, run_.context);
            const SecretString key = migrate::privateKeyOfDownload(downloaded, pem);
            SecretString expected;
            if (prepared != nullptr) {
                expected = prepared->privateKeyPkcs8;
            } else {
                expected = prepareImport(sourceOf(item), run_.options.passwords).privateKeyPkcs8;
            }
            if (!(key == expected))
                throw CryptoError("the private key in the vault differs from " + item.sourceFile);
        } catch (const Error& e) {
            o.result = migrate::StepResult::Failed;
            o.detail = std::string("deep verification failed: ") + e.what();
            run_.journal.append(
                recordOf(migrate::CertificateStep::Verify, item, migrate::JournalStatus::Failed, o.detail));
            return;
        }
    }
    auto r = recordOf(migrate::CertificateStep::Verify, item, migrate::JournalStatus::Succeeded,
                      deep ? "deep" : "basic");
    r.kvId = o.keyVaultId;
    r.x5t = o.x5t;
    run_.journal.append(r);
    o.verified = true;
}

} // namespace kvb::detail
