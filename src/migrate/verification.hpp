// SPDX-License-Identifier: MIT
#pragma once

// Decides whether a migrated certificate counts as verified, the gate every Batch clean-up
// waits for. Every path to the vault (a fresh write, a write an interrupted run left, a
// recovered certificate, a settled lost reply) ends here: the x5t the vault reports must be the
// Batch thumbprint's, duplicates left by an uncertain write are disabled first, and a deep
// verification compares the private key the vault returns with the local file's.

#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/models.hpp>

#include "migrate/duplicate_cleanup.hpp"
#include "migrate/execution.hpp"

namespace kvb::detail {

class Verification {
public:
    Verification(const Execution& run, const DuplicateCleanup& duplicates)
        : run_(run), duplicates_(duplicates) {}

    /**
     * Take @p written as @p o's object: Succeeded when it is a secret, or a certificate whose
     * x5t is the Batch thumbprint's; otherwise Failed, with the verify step journaled as failed.
     */
    void acceptWritten(migrate::ItemOutcome& o, const migrate::VaultObject& written) const;

    /**
     * Verify a Succeeded outcome and journal it; sets o.verified or fails @p o.
     * @p prepared: the material just sent, or null to read it again (deep verification).
     * @p checkDuplicates: a write of this item had an unknown outcome at some point.
     */
    void verify(migrate::ItemOutcome& o, const migrate::PreparedImport* prepared, bool checkDuplicates) const;

private:
    const Execution& run_;
    const DuplicateCleanup& duplicates_;
};

} // namespace kvb::detail
