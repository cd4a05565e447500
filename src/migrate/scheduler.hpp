// SPDX-License-Identifier: MIT
#pragma once

// Decides what each certificate of the plan needs and runs the writes on a bounded pool of
// workers (MigrationOptions::concurrency). Certificates settled without a write (already
// present, needing attention, dry run, vault unreadable) are counted at once, so the progress
// ends with the report's totals; each worked certificate is announced, one call at a time.
// Cancelling the context stops handing out work.

#include <kvbridge/migrate/migrator.hpp>

#include <mutex>
#include <vector>

#include "migrate/certificate_writer.hpp"
#include "migrate/execution.hpp"

namespace kvb::detail {

class Scheduler {
public:
    Scheduler(const Execution& run, const CertificateWriter& writer,
              const migrate::ProgressCallback& progress)
        : run_(run), writer_(writer), progress_(progress) {}

    /** One outcome per plan item, in plan order. */
    std::vector<migrate::ItemOutcome> migrateCertificates();

private:
    // Items that need no write: already present, needing attention, dry run, vault down.
    void settleWithoutWrites(migrate::ItemOutcome& o) const;
    void tally(const migrate::ItemOutcome& o);
    void report(const migrate::ItemOutcome& o);

    const Execution& run_;
    const CertificateWriter& writer_;
    const migrate::ProgressCallback& progress_;
    std::mutex progressMutex_;
    migrate::Progress progressState_;
};

} // namespace kvb::detail
