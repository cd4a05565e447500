// SPDX-License-Identifier: MIT
#pragma once

// Progress of a migration on stderr: a redrawn bar with counts and rate on a terminal, one plain
// line per written certificate otherwise; a run with nothing to write gets its totals shown too.

#include <kvbridge/migrate/migrator.hpp>

#include <chrono>
#include <cstdio>

namespace kvbcli {

class ProgressDisplay {
public:
    explicit ProgressDisplay(std::FILE* out);
    void update(const kvb::migrate::Progress& p);
    /** Show the totals of @p report when nothing was shown yet, then end the bar's line. */
    void finish(const kvb::migrate::MigrationReport& report);

private:
    void drawBar(const kvb::migrate::Progress& p);

    std::FILE* out_;
    bool tty_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
};

} // namespace kvbcli
