// SPDX-License-Identifier: MIT
#pragma once

// The path of one certificate into the vault, from the plan item to a verified outcome: a write
// an interrupted run left is adopted rather than repeated, a soft-deleted name is recovered when
// asked, the local file is read again and must still hold the planned certificate, the write
// goes through the one write strategy (WriteSettlement), and the result is journaled and
// verified. Every failure stays with its certificate; called from several workers at once.

#include <kvbridge/migrate/models.hpp>

#include "migrate/duplicate_cleanup.hpp"
#include "migrate/execution.hpp"
#include "migrate/verification.hpp"
#include "migrate/write_settlement.hpp"

namespace kvb::detail {

class CertificateWriter {
public:
    CertificateWriter(const Execution& run, const WriteSettlement& settlement,
                      const Verification& verification, const DuplicateCleanup& duplicates)
        : run_(run), settlement_(settlement), verification_(verification), duplicates_(duplicates) {}

    /** Import or store @p o's certificate and verify it; sets its result and detail. */
    void migrate(migrate::ItemOutcome& o) const;

    /**
     * An item the planner found in the vault whose write an earlier run could not see through:
     * the write it left started is journaled as carried out, and a second version is disabled.
     */
    void reconcile(migrate::ItemOutcome& o) const;

private:
    // After a crash the outcome of a started write is unknown: settle it before writing again.
    // True when the vault turned out to hold it.
    bool adoptInterruptedWrite(migrate::ItemOutcome& o) const;
    // True when the recovered certificate is already the one to migrate.
    bool recover(migrate::ItemOutcome& o, bool uncertain) const;
    // Journal @p step as succeeded with what the vault holds, and check it.
    void finish(migrate::ItemOutcome& o, migrate::CertificateStep step,
                const migrate::VaultObject& written) const;

    const Execution& run_;
    const WriteSettlement& settlement_;
    const Verification& verification_;
    const DuplicateCleanup& duplicates_;
};

} // namespace kvb::detail
