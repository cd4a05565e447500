// SPDX-License-Identifier: MIT
#include "migrate/certificate_writer.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/migrate/migrator.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include "core/time_format.hpp"
#include "migrate/safe_text.hpp"
#include "migrate/text_util.hpp"

namespace kvb::detail {

void CertificateWriter::migrate(migrate::ItemOutcome& o) const {
    const migrate::PlanItem& item = o.plan;
    const migrate::CertificateStep step = writeStepOf(item);
    // Outside the try: what an error says is checked against the material it carried.
    migrate::PreparedImport prepared;
    bool uncertain = uncertainHistory(run_.resumed, item);
    try {
        if (adoptInterruptedWrite(o)) {
            verification_.verify(o, nullptr, true);
            return;
        }
        if (item.recoverDeletedFirst && recover(o, uncertain)) return;
        prepared = prepareImport(sourceOf(item), run_.options.passwords);
        if (prepared.thumbprint != item.thumbprint) {
            throw CryptoError(item.sourceFile + " now holds " + prepared.thumbprint + ", not " +
                              item.thumbprint);
        }
        const auto tags = migrate::migrationTags(run_.plan.batchAccount, item.thumbprint);
        auto send = [&](const Context& once) {
            if (step == migrate::CertificateStep::StoreSecret) {
                return run_.vault.setSecret(migrate::SecretRequest{item.targetName,
                                                                   SecretString(asText(prepared.value)),
                                                                   "application/x-pem-file", tags},
                                            once);
            }
            return run_.vault.importCertificate(migrate::ImportRequest{item.targetName, prepared.value,
                                                                       prepared.pem, prepared.password, tags},
                                                once);
        };
        migrate::VaultObject written;
        try {
            written = settlement_.write(item, send, uncertain);
        } catch (const Error& e) {
            run_.journal.append(
                recordOf(step, item, migrate::JournalStatus::Failed, withoutSecretsOf(e.what(), prepared)));
            throw;
        }
        finish(o, step, written);
        if (o.result == migrate::StepResult::Succeeded) verification_.verify(o, &prepared, uncertain);
    } catch (const Error& e) {
        o.result = migrate::StepResult::Failed;
        o.detail = withoutSecretsOf(e.what(), prepared);
    }
}

void CertificateWriter::reconcile(migrate::ItemOutcome& o) const {
    const migrate::PlanItem& item = o.plan;
    try {
        if (run_.resumed.unfinished(writeStepOf(item), item.thumbprint)) {
            migrate::VaultObject landed;
            landed.id = item.existingId;
            landed.x5t = o.x5t;
            settlement_.recordSettled(item, landed);
            auto r = recordOf(writeStepOf(item), item, migrate::JournalStatus::Succeeded);
            r.kvId = landed.id;
            r.x5t = landed.x5t;
            run_.journal.append(r);
        }
        duplicates_.disableDuplicates(o);
    } catch (const Error& e) {
        o.result = migrate::StepResult::Failed;
        o.detail = std::string("looking for duplicate versions failed: ") + e.what();
    }
}

bool CertificateWriter::adoptInterruptedWrite(migrate::ItemOutcome& o) const {
    const migrate::PlanItem& item = o.plan;
    const migrate::CertificateStep step = writeStepOf(item);
    std::optional<migrate::VaultObject> landed;
    if (const auto started = run_.resumed.last(step, item.thumbprint);
        started && started->status == migrate::JournalStatus::Started) {
        // The interrupted run is gone: its last try left before this run started.
        const auto sentAt = kvb::detail::parseIso8601(started->ts).value_or(run_.startedAt);
        landed = settlement_.settleInterrupted(item, sentAt, run_.startedAt);
    } else if (run_.resumed.unfinished(migrate::CertificateStep::Recover, item.thumbprint)) {
        landed = settlement_.findWritten(item); // a recovery makes no new version: one look will do
    }
    if (!landed) return false;
    finish(o, step, *landed);
    o.detail = "completed by an interrupted run";
    return true;
}

bool CertificateWriter::recover(migrate::ItemOutcome& o, bool uncertain) const {
    const migrate::PlanItem& item = o.plan;
    run_.journal.append(recordOf(migrate::CertificateStep::Recover, item, migrate::JournalStatus::Started));
    run_.bucket.acquire(run_.context);
    migrate::VaultObject recovered;
    try {
        recovered = run_.vault.recoverDeletedCertificate(item.targetName, run_.context);
    } catch (const Error& e) {
        run_.journal.append(
            recordOf(migrate::CertificateStep::Recover, item, migrate::JournalStatus::Failed, e.what()));
        throw;
    }
    run_.journal.append(recordOf(migrate::CertificateStep::Recover, item, migrate::JournalStatus::Succeeded));
    if (recovered.x5t != pki::thumbprintHexToX5t(item.thumbprint)) return false;
    finish(o, migrate::CertificateStep::Import, recovered);
    o.detail = "recovered the soft-deleted certificate";
    verification_.verify(o, nullptr, uncertain);
    return true;
}

void CertificateWriter::finish(migrate::ItemOutcome& o, migrate::CertificateStep step,
                               const migrate::VaultObject& written) const {
    o.keyVaultId = written.id;
    o.secretId = written.secretId.empty() ? written.id : written.secretId;
    o.x5t = written.x5t;
    auto r = recordOf(step, o.plan, migrate::JournalStatus::Succeeded);
    r.kvId = written.id;
    r.x5t = written.x5t;
    run_.journal.append(r);
    verification_.acceptWritten(o, written);
}

} // namespace kvb::detail
