// SPDX-License-Identifier: MIT
#pragma once

// The optional Batch side of a migration, only for what Key Vault verifiably holds: clear the
// certificate references of pools whose every certificate is verified, delete verified
// certificates from Batch. Batch forgets what it cleared and deleted, so the journal keeps it:
// a rerun after a crash puts cleared references back into the inventory (for the pools'
// guidance) and reports certificates an earlier run deleted.

#include <kvbridge/migrate/migrator.hpp>

#include <set>
#include <string>
#include <vector>

#include "migrate/execution.hpp"

namespace kvb::detail {

class BatchCleanup {
public:
    explicit BatchCleanup(const Execution& run) : run_(run) {}

    /**
     * @p inventory with the references an earlier run cleared (Batch lists none now; the
     * journal kept them) put back, so that clean-up reports those pools and their guidance is
     * written again. Call before clearPoolReferences().
     */
    migrate::Inventory restoreClearedReferences(const migrate::Inventory& inventory);

    /** Clear the references of every pool whose certificates are all in @p verified. */
    std::vector<migrate::PoolCleanup> clearPoolReferences(const migrate::Inventory& inventory,
                                                          const std::set<std::string>& verified);

    /** Delete every verified certificate of @p outcomes from Batch; sets batchCertificateCleanup. */
    void deleteBatchCertificates(std::vector<migrate::ItemOutcome>& outcomes) const;

    /**
     * Certificates an earlier run verified and then deleted from Batch: gone from Batch's
     * inventory, still part of what the migration did. Appended to @p outcomes.
     */
    void recallDeletedEarlier(std::vector<migrate::ItemOutcome>& outcomes) const;

private:
    const Execution& run_;
    std::set<std::string> clearedEarlier_; ///< pools whose clearing an earlier run journaled as succeeded
};

} // namespace kvb::detail
