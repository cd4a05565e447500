// SPDX-License-Identifier: MIT
#pragma once

// After a write whose outcome was unknown, the vault may hold two versions that carry the same
// certificate: it carried the write out after the wait for it was over, a race no client can
// close. Readers (the VM extension) get the latest version, so that one stays; the others are
// disabled, journaled and reported. This is the only code that disables anything.

#include <kvbridge/migrate/models.hpp>

#include "migrate/execution.hpp"

namespace kvb::detail {

class DuplicateCleanup {
public:
    explicit DuplicateCleanup(const Execution& run) : run_(run) {}

    /**
     * Disable every enabled version of @p o's object that carries its certificate, but the one
     * readers get; versions disabled earlier are reported again. Sets o's ids to the version
     * kept, and o's result to Failed when a version could not be disabled.
     * @throws kvb::Error when the versions cannot be listed.
     */
    void disableDuplicates(migrate::ItemOutcome& o) const;

private:
    const Execution& run_;
};

} // namespace kvb::detail
